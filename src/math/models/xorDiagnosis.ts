// Is an xor net the optimal classifier, and if not, which cluster is left without a neuron?
// (BGJ22 §5; docs/MATH.md §5 "Rank deficiency".) Pure: reads the summary statistics m^μ_i = W_i·μ,
// m^ν_i = W_i·ν, v_i, R⊥_ii and the per-cluster test accuracy; no tensors.
//
// The λ = ∞ picture: on the centre of cluster c (±μ, ±ν) neuron i outputs v_i·ReLU(m^c_i), with
// m^{±μ}_i = ±m^μ_i and m^{±ν}_i = ±m^ν_i. At finite λ a sample of c gives W_i·Y = m^c_i + ‖W_i‖ g/√λ
// (g ~ N(0, 1)), so the neuron fires on (almost) the whole cluster only when m^c_i clears that noise.
//
//   neuron i FIRES on c   ⇔  m^c_i > FIRE_Z · ‖W_i‖/√λ         (FIRE_Z = 2: on ≥ 97.7 % of c's samples)
//   neuron i SERVES c     ⇔  it fires on c, sign(v_i) = the label's sign (+ for ±μ: y = 1, − for ±ν: y = 0)
//                            and its centre logit |v_i|·m^c_i ≥ MIN_LOGIT
//   neuron i is INACTIVE  ⇔  max_c |v_i|·ReLU(m^c_i) < MIN_LOGIT (it moves σ(f) on no centre by more
//                            than MIN_LOGIT/4 = 0.00125): e.g. W_i silent on all four clusters, or v_i ≈ 0
//   cluster c is SERVED   ⇔  some neuron serves c
//   OPTIMAL               ⇔  all four clusters served AND every per-cluster accuracy ≥ ACCURACY_BAR
//   DEAD RUN              ⇔  every neuron inactive (f ≡ 0 on every centre: the net is a constant)
//
// Why both conditions for "optimal": an unserved label-0 cluster (±ν) can still score well, because
// f ≈ 0 there and a tie predicts label 0 (seen: 0.89 on an unserved +ν at λ = 1000); the neuron test
// catches it. The accuracy bar catches the opposite: at t = 0 some neuron may weakly "serve" every cluster
// while the classifier is still wrong on some. ACCURACY_BAR = 0.9: at the BGJ22 fixed point a served
// cluster's centre has |f_c| = Σ_group v_i² = −logit(4β) (0.405 at β = 0.1) and the logit noise on a sample
// is ~ Σ |v_i|‖W_i‖/√λ, so a served cluster is classified at ≳ 0.99 for λ ≳ 100; 0.9 leaves room for
// moderate λ while an unserved ±μ cluster (f ≤ 0 on it, accuracy ≈ 0) always fails.
// With an unserved cluster c the layer-2 λ = ∞ feature h^c = ReLU(W μ_c) vanishes for every serving
// neuron, and layer 2 loses one outlier: expected outliers = number of served clusters (4 at the optimum).

export const XOR_CLUSTER_NAMES = ['+μ', '−μ', '+ν', '−ν'] as const;
export type XorClusterName = (typeof XOR_CLUSTER_NAMES)[number];

/** pre-activation on a cluster centre, in noise standard deviations, for "fires on the cluster" */
export const FIRE_Z = 2;
/** smallest centre logit |v_i|·m^c_i that counts as a contribution */
export const MIN_LOGIT = 0.005;
/** every cluster's test accuracy must reach this for the classifier to count as optimal */
export const ACCURACY_BAR = 0.9;

export interface XorDiagnosisInput {
  mmu: number[];
  mnu: number[];
  v: number[];
  /** R⊥ (K×K); its diagonal completes ‖W_i‖² = (m^μ_i)² + (m^ν_i)² + R⊥_ii. Omitted: R⊥ = 0. */
  Rperp?: number[][];
  /** test accuracy per cluster, in the order +μ, −μ, +ν, −ν */
  clusterAccuracy: number[];
  lambda: number;
  /** measured layer-2 outlier counts, when known (reported beside the expectation) */
  layer2Outliers?: { H?: number; G?: number };
}

export interface XorDiagnosis {
  optimal: boolean;
  /** every neuron inactive: the net is a constant */
  dead: boolean;
  served: XorClusterName[];
  unserved: XorClusterName[];
  /** per neuron: the cluster it serves, or null (inactive, or firing only against its label) */
  neuronServes: (XorClusterName | null)[];
  deadNeurons: number;
  /** the λ = ∞ rank of the layer-2 block: the number of served clusters */
  expectedOutliers: number;
  layer2Outliers?: { H?: number; G?: number };
  minClusterAccuracy: number;
  /** one sentence for people */
  message: string;
}

/** m^c_i for the four clusters, in XOR_CLUSTER_NAMES order. */
function centreOverlaps(mmu: number, mnu: number): number[] {
  return [mmu, -mmu, mnu, -mnu];
}

export function diagnoseXor(input: XorDiagnosisInput): XorDiagnosis {
  const { mmu, mnu, v, Rperp, clusterAccuracy, lambda } = input;
  const K = v.length;
  const served = new Set<XorClusterName>();
  const neuronServes: (XorClusterName | null)[] = [];
  let deadNeurons = 0;
  for (let i = 0; i < K; i++) {
    const norm = Math.sqrt(Math.max(0, mmu[i] ** 2 + mnu[i] ** 2 + (Rperp?.[i]?.[i] ?? 0)));
    const noise = Number.isFinite(lambda) ? norm / Math.sqrt(lambda) : 0;
    const overlaps = centreOverlaps(mmu[i], mnu[i]);
    let serves: XorClusterName | null = null;
    let largest = 0;
    overlaps.forEach((m, c) => {
      const logit = Math.abs(v[i]) * Math.max(0, m);
      largest = Math.max(largest, logit);
      const wantSign = c < 2 ? 1 : -1;
      if (m > FIRE_Z * noise && Math.sign(v[i]) === wantSign && logit >= MIN_LOGIT) {
        // A neuron fires on at most one of ±μ and one of ±ν, and those two have opposite labels,
        // so it serves at most one cluster.
        serves = XOR_CLUSTER_NAMES[c];
      }
    });
    if (!(largest >= MIN_LOGIT)) deadNeurons++; // also counts a NaN contribution as inactive
    neuronServes.push(serves);
    if (serves) served.add(serves);
  }
  const servedList = XOR_CLUSTER_NAMES.filter((c) => served.has(c));
  const unserved = XOR_CLUSTER_NAMES.filter((c) => !served.has(c));
  const accuracies = clusterAccuracy.filter(Number.isFinite);
  const minClusterAccuracy = accuracies.length === 4 ? Math.min(...accuracies) : 0;
  const dead = K > 0 && deadNeurons === K;
  const optimal = !dead && unserved.length === 0 && minClusterAccuracy >= ACCURACY_BAR;
  const out: XorDiagnosis = {
    optimal,
    dead,
    served: servedList,
    unserved,
    neuronServes,
    deadNeurons,
    expectedOutliers: servedList.length,
    minClusterAccuracy,
    message: '',
  };
  if (input.layer2Outliers) out.layer2Outliers = input.layer2Outliers;
  out.message = describe(out, K);
  return out;
}

function describe(d: XorDiagnosis, K: number): string {
  const measured = d.layer2Outliers?.H;
  const outliers =
    measured !== undefined
      ? `layer 2 of H has ${measured} outlier${measured === 1 ? '' : 's'} (4 at the optimum)`
      : `layer 2 keeps at most ${d.expectedOutliers} outliers (4 at the optimum)`;
  if (d.dead)
    return `dead run: all ${K} neurons are inactive, so the net outputs a constant (f ≈ 0, σ = ½ on every cluster); ${outliers}`;
  if (d.optimal)
    return `optimal classifier: every cluster (+μ, −μ, +ν, −ν) is served by a neuron and classified at ≥ ${Math.round(ACCURACY_BAR * 100)} %; ${outliers}`;
  if (d.unserved.length) {
    const names = d.unserved.join(', ');
    return `sub-optimal classifier: no neuron serves ${names} (rank deficiency: ${d.served.length} of 4 clusters served); ${outliers}`;
  }
  return `not yet optimal: every cluster has a neuron, but the worst cluster is classified at ${(d.minClusterAccuracy * 100).toFixed(0)} % (< ${Math.round(ACCURACY_BAR * 100)} %); ${outliers}`;
}

// The xor optimality diagnosis (xorDiagnosis.ts) on constructed nets at the BGJ22 fixed points
// (β = 0.1: a served cluster's group has Σ v_i² = −logit(4β) = log 1.5 and m^c_i = |v_i|).
import { describe, expect, it } from 'vitest';
import { ACCURACY_BAR, diagnoseXor, FIRE_Z, MIN_LOGIT, type XorDiagnosisInput } from './xorDiagnosis';

const groupV2 = Math.log(1.5);

/** One neuron per listed cluster (0..3 = +μ, −μ, +ν, −ν), sharing its group's Σ v² equally. */
function net(clusters: number[], extra: Partial<XorDiagnosisInput> = {}): XorDiagnosisInput {
  const mmu: number[] = [];
  const mnu: number[] = [];
  const v: number[] = [];
  for (const c of clusters) {
    const share = clusters.filter((o) => o === c).length;
    const a = Math.sqrt(groupV2 / share);
    const sign = c % 2 === 0 ? 1 : -1;
    mmu.push(c < 2 ? sign * a : 0);
    mnu.push(c < 2 ? 0 : sign * a);
    v.push(c < 2 ? a : -a);
  }
  return { mmu, mnu, v, clusterAccuracy: [1, 1, 1, 1], lambda: 1000, ...extra };
}

describe('xor diagnosis', () => {
  it('one neuron per cluster: optimal, 4 expected outliers, nothing dead', () => {
    const d = diagnoseXor(net([0, 1, 2, 3]));
    expect(d.optimal).toBe(true);
    expect(d.dead).toBe(false);
    expect(d.unserved).toEqual([]);
    expect(d.neuronServes).toEqual(['+μ', '−μ', '+ν', '−ν']);
    expect(d.expectedOutliers).toBe(4);
    expect(d.deadNeurons).toBe(0);
    expect(d.message).toMatch(/^optimal classifier/);
  });

  it('−ν left without a neuron (two neurons share +ν): sub-optimal, names −ν, 3 expected outliers', () => {
    // the unserved label-0 cluster can still score well (f ≈ 0 predicts label 0): the neuron test decides
    const d = diagnoseXor(net([0, 1, 2, 2], { clusterAccuracy: [1, 1, 1, 0.95], layer2Outliers: { H: 3, G: 3 } }));
    expect(d.optimal).toBe(false);
    expect(d.unserved).toEqual(['−ν']);
    expect(d.served).toEqual(['+μ', '−μ', '+ν']);
    expect(d.expectedOutliers).toBe(3);
    expect(d.message).toContain('no neuron serves −ν');
    expect(d.message).toContain('layer 2 of H has 3 outliers');
  });

  it('two clusters unserved (both label-1 neurons on +μ)', () => {
    const d = diagnoseXor(net([0, 0, 3, 3], { clusterAccuracy: [1, 0, 0.6, 1] }));
    expect(d.unserved).toEqual(['−μ', '+ν']);
    expect(d.expectedOutliers).toBe(2);
  });

  it('a neuron whose v has the wrong sign for the cluster it fires on serves nothing', () => {
    const input = net([0, 1, 2, 3]);
    input.v[0] = -input.v[0]; // fires on +μ (label 1) but pushes f down
    const d = diagnoseXor(input);
    expect(d.neuronServes[0]).toBeNull();
    expect(d.unserved).toEqual(['+μ']);
    expect(d.deadNeurons).toBe(0); // it is active, only useless
  });

  it('every cluster served but a cluster under the accuracy bar: not optimal, and says why', () => {
    const d = diagnoseXor(net([0, 1, 2, 3], { clusterAccuracy: [1, 1, ACCURACY_BAR - 0.01, 1] }));
    expect(d.optimal).toBe(false);
    expect(d.unserved).toEqual([]);
    expect(d.message).toMatch(/^not yet optimal/);
  });

  it('a pre-activation inside the noise does not count as firing (finite λ)', () => {
    // ‖W_i‖ = 1 with m^μ = 0.05: at λ = 100 the noise std is 0.1, so the neuron fires on ~70 % of +μ
    const input: XorDiagnosisInput = {
      mmu: [0.05],
      mnu: [0],
      v: [1],
      Rperp: [[1 - 0.05 ** 2]],
      clusterAccuracy: [1, 0, 1, 1],
      lambda: 100,
    };
    expect(diagnoseXor(input).neuronServes).toEqual([null]);
    // the same neuron at λ = 1e4 (noise 0.01 < m / FIRE_Z) serves +μ
    expect(0.05 > FIRE_Z * (1 / Math.sqrt(1e4))).toBe(true);
    expect(diagnoseXor({ ...input, lambda: 1e4 }).neuronServes).toEqual(['+μ']);
  });

  it('all neurons inactive: a dead run, reported as such (no NaN anywhere)', () => {
    const tiny = 1e-4; // |v|·m = 1e-8 < MIN_LOGIT
    const d = diagnoseXor({
      mmu: [tiny, -tiny, 0, 0],
      mnu: [0, 0, tiny, -tiny],
      v: [tiny, tiny, -tiny, -tiny],
      clusterAccuracy: [0, 0, 1, 1],
      lambda: 1000,
    });
    expect(d.dead).toBe(true);
    expect(d.optimal).toBe(false);
    expect(d.deadNeurons).toBe(4);
    expect(d.expectedOutliers).toBe(0);
    expect(d.message).toMatch(/^dead run: all 4 neurons are inactive/);
    expect(Number.isFinite(d.minClusterAccuracy)).toBe(true);
    expect(JSON.stringify(d)).not.toMatch(/NaN/);
  });

  it('exactly zero parameters are a dead run too; one neuron just above MIN_LOGIT is not', () => {
    expect(diagnoseXor({ mmu: [0, 0], mnu: [0, 0], v: [0, 0], clusterAccuracy: [0, 0, 1, 1], lambda: 50 }).dead).toBe(
      true,
    );
    const a = Math.sqrt(MIN_LOGIT * 1.01);
    const d = diagnoseXor({ mmu: [a, 0], mnu: [0, 0], v: [a, 0], clusterAccuracy: [1, 0, 1, 1], lambda: 1e6 });
    expect(d.dead).toBe(false);
    expect(d.deadNeurons).toBe(1);
    expect(d.served).toEqual(['+μ']);
  });

  it('NaN statistics never make a cluster served or the run optimal', () => {
    const d = diagnoseXor({ mmu: [NaN], mnu: [NaN], v: [NaN], clusterAccuracy: [NaN, NaN, NaN, NaN], lambda: 1000 });
    expect(d.optimal).toBe(false);
    expect(d.served).toEqual([]);
    expect(d.dead).toBe(true);
  });
});

// The theory beside the experiment, per checkpoint (issue 6; shared/design/THEORY.md). DOM-free: the
// Run attaches a `theory` record to every checkpoint when config.theory is on, the CLI writes it into
// the run file, and the Worker's views add the bulk density of the selected block.
//
// What is predicted, and from what (each formula's derivation and assumptions live in src/math/theory):
//  • bulkEdge — diagonal-form blocks only (softmax class:c, 2-layer layer1:i): the upper edge of the
//    limiting spectrum of the noise part (1/(λM)) Σ w_m Z_m Z_mᵀ (+β for H), a weighted Wishart with
//    aspect ratio γ = d/M and the block's CURRENT per-sample weights (generalised Marchenko–Pastur,
//    Silverstein–Choi; weightedWishart.ts). Assumes weights independent of the noise directions and
//    d, M → ∞ at fixed γ (finite d: Tracy–Widom fluctuations O(d^{-2/3})).
//  • limitOutliers — the λ → ∞ outlier eigenvalues from the checkpoint's summary statistics (outliers.ts,
//    xorOutliers.ts): softmax class block c: p_a π_{c|a}(1 − π_{c|a}) + β (H) and p_a(π_{c|a} − δ_ca)² (G)
//    along each mean μ_a; softmax `full` (orthonormal means): see fullBlockLimits below; xor layer2: the
//    top min(K, 4) eigenvalues of the K×K limit; xor layer1:i: one along μ and one along ν. Relative
//    error O(1/λ) (bulk width, BBP push, logit noise in the weights) plus O(M^{-1/2}) (class fractions).
//  • ode — the effective dynamics (BGJ22 Thm 2.2) of the summary statistics started from the step-0
//    checkpoint's values: softmax (m, R) with Stein terms and the c_δ/λ corrector (odeSoftmax.ts), xor
//    (v, m^μ, m^ν, R⊥) with Filippov sliding at the ReLU kink (odeXor.ts). d → ∞ limits: SGD at finite d
//    scatters around them by O(d^{-1/2}).
// Not predicted (listed in the record's `notes`): mlp ODE and outliers (no derivation in THEORY.md), the
// bulk of non-diagonal blocks (full, layer1, layer2: no Wishart form), the softmax ODE with overlapping
// means (its equations assume orthonormal means), xor layer1/full outliers.
//
// Cost: the ODE is integrated once per run, piecewise: at each checkpoint from the previous checkpoint's
// time to this one. RK4 with fixed steps split at the output times gives the same numbers as one
// integration over [0, T] with output times = the checkpoint times, and no checkpoint (the first one in
// particular) pays for the whole run at once.
import { bulkAtomMass, bulkDensity, bulkEdge, compressWeights, type WeightAtoms } from '../math/theory/weightedWishart';
import { softmaxLimitOutliers } from '../math/theory/outliers';
import { xorLayer1Outliers, xorLayer2Outliers } from '../math/theory/xorOutliers';
import { integrateSoftmaxOde, softmaxOdeField } from '../math/theory/odeSoftmax';
import { integrateXorOde } from '../math/theory/odeXor';
import { symmetricEigenvalues } from '../math/eigen/dense';
import type { Mixture } from '../math/mixture';
import type { Curvature } from '../math/models/model';
import type { Config, MatrixKind, Resolved } from '../state/schema';
import type { CheckpointRecord } from './runFile';

/** The theory of one tracked (matrix, block) at one checkpoint; absent fields are not predicted. */
export interface BlockTheory {
  matrix: MatrixKind;
  block: string;
  /** generalised Marchenko–Pastur upper edge of the noise bulk at the current weights (shift included) */
  bulkEdge?: number;
  /** λ → ∞ outlier eigenvalues from the summary statistics, descending (at most the block's j) */
  limitOutliers?: number[];
}

export interface TheoryRecord {
  blocks: BlockTheory[];
  /** the effective-dynamics ODE at this checkpoint's time: the same keys and shapes as `summary` */
  ode?: Record<string, number[][] | number[]>;
  /** what this run's theory does not predict, and why */
  notes?: string[];
}

/**
 * RK4 step of the softmax ODE: SOFTMAX_ODE_DT_MAX, or less where the field's rates are large.
 * Measured: dt = 0.2 and dt = 0.025 agree to 2.4e-8 (k = 4, λ = 50, T = 5), and over T = 25 (k = 4 and
 * 10, λ = 5 and 50) the step's error is invisible beside the 512-point Gaussian quadrature's own error
 * against 4096 points (2e-7 at k = 10, λ = 50; 6.6e-6 at k = 4, λ = 50; 2e-4 at k = 4, λ = 5) — the
 * field is smooth with O(1) rates, so RK4's O((r·dt)⁵) local error is negligible —
 * and the cost is 16× less than at 0.0125 (k = 10: each field evaluation is 10 classes × 512 points).
 * Rates: the m and R equations have linear parts of size ≤ 2β (ridge) + ‖R‖/λ (Stein terms, the softmax
 * Jacobian has norm ≤ ½) + O(1) (the mean residual A): r = 1 + 2β + ‖R₀‖∞/λ. Keeping r·dt ≤ ¼ keeps
 * RK4 stable (its limit is r·dt ≈ 2.8) and accurate also at small λ or large β. theory.test.ts re-checks
 * the step against dt/8. One step per run (from the t = 0 state), so that the piecewise integration
 * equals one integration over [0, T].
 */
export const SOFTMAX_ODE_DT_MAX = 0.2;

export function softmaxOdeDt(lambda: number, beta: number, R0: number[][]): number {
  const norm = Math.max(1, ...R0.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
  return Math.min(SOFTMAX_ODE_DT_MAX, 0.25 / (1 + 2 * beta + norm / lambda));
}
/**
 * Gaussian points per class and RK4 stage (gaussianPoints.ts), chosen once per run from λ/‖R₀‖∞.
 * The quadrature error grows like (‖R‖/λ)² (the logits' covariance R/λ enters at 4th order) and falls
 * roughly like 1/S. Measured over T = 25 against S = 8192 (max error in m and R; ms for the whole run):
 *   k = 4,  λ = 50:  S = 128 → 1.5e-5 (58 ms),  S = 512 → 7.4e-6 (225 ms)
 *   k = 10, λ = 50:  S = 128 → 4.4e-7 (313 ms), S = 512 → 2.7e-7 (1231 ms)
 *   k = 4,  λ = 5:   S = 128 → 6.3e-4,          S = 512 → 2.4e-4
 * Target: ≤ 1e-4, a hundred times below the smallest SGD fluctuation the ODE is compared with
 * (d^{-1/2} ≥ 0.011 at d ≤ 8000). S = 128 meets it for λ/‖R₀‖ ≥ 20 ((50/20)² × 1.5e-5 ≈ 1e-4) at a
 * quarter of the cost; below that S = 512 (the best this cost allows; small λ is noisy anyway).
 */
export function softmaxOdePoints(lambda: number, R0: number[][]): number {
  const norm = Math.max(1, ...R0.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
  return lambda / norm >= 20 ? 128 : 512;
}
/**
 * RK4 step of the xor ODE: its field is discontinuous across m = 0 (ReLU gates) and the sliding
 * projection is O(dt)-accurate there, so a small step; each evaluation is only O(K²).
 */
export const XOR_ODE_DT = 0.01;

type Summary = Record<string, number[][] | number[]>;

interface Tracked {
  matrix: MatrixKind;
  block: { id: string };
}

/** Per-run theory state: the ODE's current state (advanced checkpoint by checkpoint) and constants. */
export class RunTheory {
  private readonly gamma: number;
  private readonly k: number;
  /** Gram matrix μ_a·μ_b of the k-GMM means (k×k), for overlapping means */
  private readonly gram: Float64Array | undefined;
  private readonly orthonormal: boolean;
  private odeTime = 0;
  /** RK4 step and Gaussian point count of the softmax ODE, fixed for the run (from the t = 0 state) */
  private softmaxDt = SOFTMAX_ODE_DT_MAX;
  private softmaxPoints = 512;
  private softmaxField: ((state: Float64Array, out: Float64Array) => void) | undefined;
  private odeState: Summary | undefined;
  private readonly odeNotes: string[] = [];

  constructor(
    private readonly config: Config,
    resolved: Resolved,
    private readonly mixture: Mixture,
  ) {
    this.gamma = config.d / resolved.M;
    this.k = mixture.meanCount;
    this.orthonormal = config.model === 'xor' || config.overlap === 0;
    if (!this.orthonormal) {
      const { d } = config;
      const k = this.k;
      this.gram = new Float64Array(k * k);
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += mixture.means[a * d + i] * mixture.means[b * d + i];
          this.gram[a * k + b] = s;
        }
    }
  }

  /**
   * The theory record of a checkpoint (its time, summary statistics and spectra, in `tracked` order);
   * `curvature` gives the block weights. Checkpoints come in time order, starting at t = 0; `history`
   * (the run's checkpoints before this one: a resumed run brings them) lets the ODE go on from its
   * last recorded state with the run's own step and point count.
   */
  record(checkpoint: Pick<CheckpointRecord, 'time' | 'summary' | 'spectra'>, curvature: Curvature, tracked: readonly Tracked[], history: readonly CheckpointRecord[] = []): TheoryRecord {
    const { time, summary } = checkpoint;
    const previous = history[history.length - 1];
    if (!this.odeState && previous?.theory?.ode && previous.time <= time) {
      this.odeState = cloneSummary(previous.theory.ode, this.config.model);
      this.odeTime = previous.time;
      if (this.config.model === 'softmax') this.fixSoftmaxSteps((history[0].summary.R as number[][] | undefined) ?? (this.odeState.R as number[][]));
    }
    const notes: string[] = [];
    const limits = this.limitOutliers(summary, notes);
    const trackedJ = tracked.map((_, t) => checkpoint.spectra[t]?.eigenvalues.length ?? 1);
    const blocks: BlockTheory[] = tracked.map(({ matrix, block }, t) => {
      const entry: BlockTheory = { matrix, block: block.id };
      const weights = curvature.weights(matrix, block.id);
      if (weights) {
        const edge = bulkEdge(weights, this.gamma, this.config.lambda, matrix === 'H' ? this.config.beta : 0);
        if (Number.isFinite(edge)) entry.bulkEdge = edge;
      }
      const values = limits?.get(`${matrix}:${block.id}`);
      if (values) {
        const finite = values.filter(Number.isFinite).slice(0, Math.max(1, trackedJ[t]));
        if (finite.length) entry.limitOutliers = finite;
      }
      return entry;
    });
    const out: TheoryRecord = { blocks };
    const ode = this.advanceOde(time, summary);
    if (ode) out.ode = ode;
    notes.push(...this.odeNotes);
    if (this.config.model !== 'mlp') notes.push('no bulk law for the blocks not of diagonal form (full, layer1, layer2): their edge is the engine’s heuristic or rule');
    if (notes.length) out.notes = [...new Set(notes)];
    return out;
  }

  // ---- λ → ∞ outliers ----

  private limitOutliers(summary: Summary, notes: string[]): Map<string, number[]> | undefined {
    const { beta } = this.config;
    const out = new Map<string, number[]>();
    if (this.config.model === 'softmax') {
      const k = this.k;
      const m = (summary.m as number[][]).flat();
      const { H, G } = softmaxLimitOutliers(m, k, this.mixture.priors, beta);
      for (let c = 0; c < k; c++) {
        out.set(`H:class:${c}`, this.alongMeans(H[c].values.map((v) => v - beta), H[c].meanIndex, beta));
        out.set(`G:class:${c}`, this.alongMeans(G[c].values, G[c].meanIndex, 0));
      }
      if (this.orthonormal) {
        const full = fullBlockLimits(m, k, this.mixture.priors, beta);
        out.set('H:full', full.H);
        out.set('G:full', full.G);
      } else notes.push('softmax full block: λ → ∞ outliers predicted for orthonormal means only (overlap = 0)');
      return out;
    }
    if (this.config.model === 'xor') {
      const v = summary.v as number[];
      const mmu = summary.mmu as number[];
      const mnu = summary.mnu as number[];
      const layer2 = xorLayer2Outliers(v, mmu, mnu, beta);
      out.set('H:layer2', layer2.H);
      out.set('G:layer2', layer2.G);
      const layer1 = xorLayer1Outliers(v, mmu, mnu, beta);
      layer1.H.forEach((p, i) => out.set(`H:layer1:${i}`, [Math.max(p.mu, p.nu), Math.min(p.mu, p.nu)]));
      layer1.G.forEach((p, i) => out.set(`G:layer1:${i}`, [Math.max(p.mu, p.nu), Math.min(p.mu, p.nu)]));
      notes.push('xor layer1 and full blocks: no λ → ∞ outlier prediction (cross-neuron and W–v terms)');
      return out;
    }
    notes.push('mlp: no λ → ∞ outlier law and no effective-dynamics ODE are derived (THEORY.md covers softmax and xor); only the bulk edge of layer1:i is predicted');
    return undefined;
  }

  /**
   * Non-zero eigenvalues of Σ_a c_a μ_a μ_aᵀ (+ shift), descending. Orthonormal means: the c_a
   * themselves; overlapping means: the eigenvalues of C^{1/2} Gram C^{1/2} (same non-zero spectrum).
   */
  private alongMeans(coefs: number[], meanIndex: number[], shift: number): number[] {
    if (this.orthonormal || !this.gram) return coefs.map((c) => c + shift);
    const k = this.k;
    const c = new Float64Array(k);
    meanIndex.forEach((a, i) => (c[a] = Math.max(0, coefs[i])));
    const mat = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) mat[a * k + b] = Math.sqrt(c[a] * c[b]) * this.gram[a * k + b];
    return Array.from(symmetricEigenvalues(mat, k)).map((v) => Math.max(0, v) + shift);
  }

  // ---- effective dynamics ----

  /** Advances the ODE to `time` (from the previous checkpoint) and returns its state there. */
  private advanceOde(time: number, summary: Summary): Summary | undefined {
    if (this.config.model === 'mlp') return undefined;
    if (this.config.model === 'softmax' && !this.orthonormal) {
      this.noteOde('softmax ODE: its equations assume orthonormal means (overlap = 0); not integrated');
      return undefined;
    }
    if (!this.odeState) {
      if (time !== 0) {
        this.noteOde('ODE: the run has no checkpoint at t = 0 to start from');
        return undefined;
      }
      this.odeState = cloneSummary(summary, this.config.model);
      this.odeTime = 0;
      if (this.config.model === 'softmax') this.fixSoftmaxSteps(summary.R as number[][]);
      return cloneSummary(this.odeState, this.config.model);
    }
    if (this.odeNotes.some((n) => n.startsWith('ODE left'))) return undefined;
    const span = time - this.odeTime;
    if (span > 0) {
      const next = this.config.model === 'softmax' ? this.stepSoftmax(span) : this.stepXor(span);
      if (!next || !allFinite(next)) {
        this.noteOde(`ODE left the finite numbers at t ≈ ${time.toFixed(3)}; not drawn from there on`);
        return undefined;
      }
      this.odeState = next;
      this.odeTime = time;
    }
    return cloneSummary(this.odeState, this.config.model);
  }

  /**
   * Minibatch B: the drift per step is unchanged and the second-order term δ²‖mean of B gradients‖²
   * keeps only its variance part (1/B of batch 1) at order δ·d — so the corrector is c_δ/(λB).
   */
  private get effectiveCdelta(): number {
    return this.config.cdelta / Math.max(1, this.config.batch);
  }

  private stepSoftmax(span: number): Summary {
    const k = this.k;
    const s = this.odeState!;
    // one field per run (its constants are the run's; the step and point count are fixed at t = 0)
    this.softmaxField ??= softmaxOdeField(k, this.mixture.priors, this.config.lambda, this.config.beta, this.effectiveCdelta, this.softmaxPoints);
    const trajectory = integrateSoftmaxOde({
      field: this.softmaxField,
      m0: (s.m as number[][]).flat(),
      R0: (s.R as number[][]).flat(),
      priors: this.mixture.priors,
      lambda: this.config.lambda,
      beta: this.config.beta,
      cdelta: this.effectiveCdelta,
      T: span,
      dt: this.softmaxDt,
      points: this.softmaxPoints,
      outputTimes: [span],
    });
    return { m: rows(trajectory.m[0], k), R: rows(trajectory.R[0], k) };
  }

  private stepXor(span: number): Summary {
    const s = this.odeState!;
    const K = (s.v as number[]).length;
    const trajectory = integrateXorOde({
      v0: s.v as number[],
      mmu0: s.mmu as number[],
      mnu0: s.mnu as number[],
      Rperp0: (s.Rperp as number[][]).flat(),
      beta: this.config.beta,
      lambda: this.config.lambda,
      cdelta: this.effectiveCdelta,
      T: span,
      dt: XOR_ODE_DT,
      outputTimes: [span],
    });
    return {
      mmu: Array.from(trajectory.mmu[0]),
      mnu: Array.from(trajectory.mnu[0]),
      v: Array.from(trajectory.v[0]),
      Rperp: rows(trajectory.Rperp[0], K),
    };
  }

  private fixSoftmaxSteps(R0: number[][]): void {
    this.softmaxDt = softmaxOdeDt(this.config.lambda, this.config.beta, R0);
    this.softmaxPoints = softmaxOdePoints(this.config.lambda, R0);
    this.softmaxField = undefined;
  }

  private noteOde(note: string): void {
    if (!this.odeNotes.includes(note)) this.odeNotes.push(note);
  }
}

/**
 * λ → ∞ outliers of the softmax `full` block (all k·d parameters), orthonormal means. The block tends to
 *   H: Σ_a p_a J_a ⊗ μ_a μ_aᵀ + βI,  J_a = diag π_{·|a} − π_{·|a} π_{·|a}ᵀ,
 *   G: Σ_a p_a (π_{·|a} − e_a)(π_{·|a} − e_a)ᵀ ⊗ μ_a μ_aᵀ
 * (MATH.md §4 with Ŷ → μ_a), whose eigenvectors are (eigenvector of the k×k factor) ⊗ μ_a: the union
 * over a of the spectra of p_a J_a (each has a 0 along 1) and of p_a‖π_{·|a} − e_a‖² (rank one).
 */
export function fullBlockLimits(m: ArrayLike<number>, k: number, priors: ArrayLike<number>, beta: number): { H: number[]; G: number[] } {
  const H: number[] = [];
  const G: number[] = [];
  const J = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, m[c * k + a]);
    const pi = new Float64Array(k);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += (pi[c] = Math.exp(m[c * k + a] - max));
    for (let c = 0; c < k; c++) pi[c] /= sum;
    let residual = 0;
    for (let c = 0; c < k; c++) {
      residual += (pi[c] - (c === a ? 1 : 0)) ** 2;
      for (let e = 0; e < k; e++) J[c * k + e] = priors[a] * ((c === e ? pi[c] : 0) - pi[c] * pi[e]);
    }
    for (const value of symmetricEigenvalues(J, k)) H.push(Math.max(0, value) + beta);
    G.push(priors[a] * residual);
  }
  return { H: H.sort((x, y) => y - x), G: G.sort((x, y) => y - x) };
}

/**
 * The limiting bulk density of a diagonal-form block for the view (not stored in the run file): on a
 * grid from the shift to just past the edge that is dense near both ends in linear and in log terms
 * (so either axis of the density chart shows the square-root edges), with the atom at the shift.
 */
export interface BulkCurve {
  /** eigenvalue grid, ascending */
  x: Float64Array;
  /** density per unit eigenvalue of the continuous part (integrates to 1 − atom) */
  density: Float64Array;
  edge: number;
  /** fraction of the eigenvalues exactly at the shift */
  atom: number;
  shift: number;
}

export function bulkCurve(weights: ArrayLike<number> | WeightAtoms, gamma: number, lambda: number, shift: number, points = 240): BulkCurve {
  const atoms = 'masses' in weights ? weights : compressWeights(weights as ArrayLike<number>);
  const edge = bulkEdge(atoms, gamma, lambda, shift);
  const width = edge - shift;
  const grid: number[] = [];
  if (width > 0) {
    const half = Math.floor(points / 2);
    // linear: (shift, 1.02·edge]; log: from 1e-4 of the width up to the edge
    for (let i = 1; i <= half; i++) grid.push(shift + (width * 1.02 * i) / half);
    for (let i = 0; i < points - half; i++) grid.push(shift + width * 10 ** (-4 + (4 * i) / (points - half - 1)));
  }
  grid.sort((a, b) => a - b);
  const x = Float64Array.from(grid);
  const density = x.length ? bulkDensity(atoms, gamma, lambda, shift, x) : new Float64Array(0);
  return { x, density, edge, atom: bulkAtomMass(atoms, gamma), shift };
}

function rows(flat: ArrayLike<number>, width: number): number[][] {
  return Array.from({ length: flat.length / width }, (_, r) => Array.from(Array.prototype.slice.call(flat, r * width, (r + 1) * width) as number[]));
}

function cloneSummary(s: Summary, model: string): Summary {
  const keys = model === 'softmax' ? ['m', 'R'] : ['mmu', 'mnu', 'v', 'Rperp'];
  const out: Summary = {};
  for (const key of keys) {
    const value = s[key];
    out[key] = Array.isArray(value[0]) ? (value as number[][]).map((r) => r.slice()) : (value as number[]).slice();
  }
  return out;
}

function allFinite(s: Summary): boolean {
  return Object.values(s).every((value) => (value as (number | number[])[]).flat().every(Number.isFinite));
}

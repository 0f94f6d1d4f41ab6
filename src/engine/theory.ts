// The theory beside the experiment, per checkpoint (docs/THEORY.md). DOM-free: the
// Run attaches a `theory` record to every checkpoint when config.theory is on, the CLI writes it into
// the run file, and the Worker's views add the bulk density of the selected block.
//
// What is predicted, and from what (each formula's derivation and assumptions live in src/math/theory):
//  • bulkEdge — diagonal-form blocks only (softmax class:c, 2-layer layer1:i): the edge the Run counted
//    their outliers against (math/outliers.ts blockBulkEdge, computed once per checkpoint): the upper
//    edge of the limiting spectrum of the noise part (1/(λM)) Σ w_m Z_m Z_mᵀ (+β for H), a weighted
//    Wishart with aspect ratio γ = d/M and the block's CURRENT per-sample weights (generalised Marchenko–Pastur,
//    Silverstein–Choi; weightedWishart.ts). Assumes weights independent of the noise directions and
//    d, M → ∞ at fixed γ (finite d: Tracy–Widom fluctuations O(d^{-2/3})).
//  • limitOutliers — the λ → ∞ outlier eigenvalues from the checkpoint's summary statistics (outliers.ts,
//    xorOutliers.ts): softmax class block c: p_a π_{c|a}(1 − π_{c|a}) + β (H) and p_a(π_{c|a} − δ_ca)² (G)
//    along each mean μ_a; softmax `full` (orthonormal means): models/softmax/fullBlockLimits.ts; xor layer2: the
//    top min(K, 4) eigenvalues of the K×K limit; xor layer1:i: one along μ and one along ν. Relative
//    error O(1/λ) (bulk width, BBP push, logit noise in the weights) plus O(M^{-1/2}) (class fractions).
//  • limitInsideBulk — per λ → ∞ value: at or below the spectrum's bulk edge, where BBP predicts no
//    outlier (the value is kept for reference; the chart draws it faint).
//  • finiteOutliers, finiteAbsorbed — diagonal-form blocks with orthonormal means: the outliers at the
//    run's λ of the spiked weighted Wishart (spikedOutliers.ts) from the block's current weights and the
//    test samples' mean directions, and how many spikes the bulk absorbs.
//  • ode — the effective dynamics (BGJ22 Thm 2.2) of the summary statistics started from the step-0
//    checkpoint's values: softmax (m, R) with Stein terms and the c_δ/λ corrector (odeSoftmax.ts), xor
//    (v, m^μ, m^ν, R⊥) with Filippov sliding at the ReLU kink (odeXor.ts). d → ∞ limits: SGD at finite d
//    scatters around them by O(d^{-1/2}). odeFlags (models' odeFlags, odeNoise.ts): where SGD's noise
//    decides and the ODE is no prediction (softmax: SGD's relative fluctuation of ‖x^c‖² > 25 %; xor: a
//    neuron that ends in the other cluster than the ODE with probability ≥ 1 %).
// Each model brings its own laws (src/models/<name>/theory.ts); this file assembles the record.
// Not predicted (listed in the record's `notes`): mlp ODE and outliers (no derivation in docs/THEORY.md), the
// bulk of non-diagonal blocks (full, layer1, layer2: no Wishart form), the softmax ODE with overlapping
// means (its equations assume orthonormal means), xor layer1/full outliers.
//
// Cost: the ODE is integrated once per run, piecewise: at each checkpoint from the previous checkpoint's
// time to this one. RK4 with fixed steps split at the output times gives the same numbers as one
// integration over [0, T] with output times = the checkpoint times, and no checkpoint (the first one in
// particular) pays for the whole run at once.
import { blockSpikeOutliers } from '../math/theory/spikedOutliers';
import { bulkAtomMass, bulkDensity, bulkEdge, compressWeights, type WeightAtoms } from '../math/theory/weightedWishart';
import type { MatrixKind } from '../math/matrices';
import type { Mixture } from '../math/mixture';
import type { Curvature } from '../math/models/model';
import { modelEngine } from '../models/engines';
import type { ModelTheory, OdeLaw, SummaryFields } from '../models/types';
import type { Config } from '../state/schema';
import type { BlockTheory, CheckpointRecord, TheoryRecord } from './runFile';

/** The theory of one tracked (matrix, block) at one checkpoint, and of a checkpoint: the run-file schema's types. */
export type { BlockTheory, TheoryRecord } from './runFile';

interface Tracked {
  matrix: MatrixKind;
  block: { id: string };
}

/** Per-run theory state: the model's laws and the ODE's current state (advanced checkpoint by checkpoint). */
export class RunTheory {
  private readonly laws: ModelTheory;
  private readonly beta: number;
  private odeTime = 0;
  private odeState: SummaryFields | undefined;
  /** the ODE's start (the run's t = 0 summary) */
  private odeInitial: SummaryFields | undefined;
  /** the ODE left the finite numbers: nothing is drawn from there on */
  private odeLeft = false;
  private readonly odeNotes: string[] = [];
  /** finite-λ spikes: the mean direction of each test sample, γ = d/M, λ; undefined when the means are not orthonormal */
  private readonly spikes: { rows: Int32Array; gamma: number; lambda: number; directions: number } | undefined;

  /** the cluster fractions of the samples H and G are built on (the laws read this array) */
  private readonly fractions: number[];
  private readonly ridgeNote: string | undefined;

  /**
   * `testClusters`: the cluster of each test sample (what the finite-λ outliers of the diagonal-form
   * blocks need besides their weights); without it no finite-λ outlier is predicted.
   */
  constructor(
    config: Config,
    mixture: Mixture,
    testFractions: readonly number[] = Array.from(mixture.priors),
    testClusters?: ArrayLike<number>,
  ) {
    // Minibatch B: the drift per step is unchanged and the second-order term δ²‖mean of B gradients‖²
    // keeps only its variance part (1/B of batch 1) at order δ·d — so the corrector is c_δ/(λB).
    const cdelta = config.cdelta / Math.max(1, config.batch);
    const { d, k, lambda, beta, overlap } = config;
    this.beta = beta;
    this.fractions = [...testFractions];
    this.laws = modelEngine(config.model).theory({
      d,
      k,
      lambda,
      beta,
      overlap,
      cdelta,
      mixture,
      testFractions: this.fractions,
    });
    if (testClusters && testClusters.length > 0 && orthonormalMeans(mixture)) {
      const rows = Int32Array.from(testClusters, (c) => mixture.centreRow[c]);
      this.spikes = { rows, gamma: d / rows.length, lambda, directions: mixture.meanCount };
    }
    this.ridgeNote = config.gRidge
      ? "G with ridge (gRidge): no λ → ∞ outlier prediction for G (the theory's G has no ridge); its bulk law is G's (the ridge adds a rank-two term, which moves no bulk edge)"
      : undefined;
  }

  /**
   * The cluster fractions of this checkpoint's samples (measureOn = recent: the window's, which change
   * from checkpoint to checkpoint); the λ → ∞ outliers weigh the clusters by them.
   */
  measuredFractions(fractions: readonly number[]): void {
    if (fractions.length !== this.fractions.length) throw new Error('cluster fractions of another mixture');
    for (let c = 0; c < fractions.length; c++) this.fractions[c] = fractions[c];
  }

  private get ode(): OdeLaw<SummaryFields> | undefined {
    const ode = this.laws.ode;
    return ode && !('unavailable' in ode) ? ode : undefined;
  }

  /**
   * The theory record of a checkpoint (its time, summary statistics and spectra, in `tracked` order);
   * `curvature` tells the diagonal-form blocks, whose bulk edge is the one their spectrum was counted
   * against. Checkpoints come in time order, starting at t = 0; `history` (the run's checkpoints before
   * this one: a resumed run brings them) lets the ODE go on from its last recorded state with the
   * run's own step and point count.
   */
  record(
    checkpoint: Pick<CheckpointRecord, 'time' | 'summary' | 'spectra'>,
    curvature: Curvature,
    tracked: readonly Tracked[],
    history: readonly CheckpointRecord[] = [],
  ): TheoryRecord {
    const { time, summary } = checkpoint;
    const previous = history[history.length - 1];
    const ode = this.ode;
    if (ode && !this.odeState && previous?.theory?.ode && previous.time <= time) {
      this.odeState = ode.copy(previous.theory.ode);
      this.odeTime = previous.time;
      this.odeInitial = history[0].summary;
      ode.begin(history[0].summary, this.odeState);
    }
    const notes: string[] = [];
    const limits = this.laws.limitOutliers(summary, notes);
    const trackedJ = tracked.map((_, t) => checkpoint.spectra[t]?.eigenvalues.length ?? 1);
    const blocks: BlockTheory[] = tracked.map(({ matrix, block }, t) => {
      const entry: BlockTheory = { matrix, block: block.id };
      const edge = checkpoint.spectra[t]?.bulkEdge;
      const weights = curvature.weights(matrix, block.id);
      if (weights && Number.isFinite(edge)) entry.bulkEdge = edge;
      const j = Math.max(1, trackedJ[t]);
      // the theory's G has no ridge: no prediction for G with ridge
      const predicted = !(this.ridgeNote && matrix === 'G');
      const values = predicted ? limits?.get(`${matrix}:${block.id}`) : undefined;
      if (values) {
        const finite = values.filter(Number.isFinite).slice(0, j);
        if (finite.length) {
          entry.limitOutliers = finite;
          // BBP: a value at or below the bulk edge is absorbed by the bulk, not an outlier
          if (edge !== undefined && Number.isFinite(edge)) entry.limitInsideBulk = finite.map((v) => v <= edge);
        }
      }
      if (weights && this.spikes && predicted)
        Object.assign(entry, this.finiteOutliers(weights, matrix === 'H' ? this.beta : 0, j));
      return entry;
    });
    const out: TheoryRecord = { blocks };
    const state = this.advanceOde(time, summary);
    if (state) {
      out.ode = state;
      const flags = this.odeInitial ? this.laws.odeFlags?.({ time, state, initial: this.odeInitial }) : undefined;
      if (flags?.length) {
        out.odeFlags = flags;
        notes.push(...flags.map((f) => f.note));
      }
    }
    notes.push(...this.odeNotes, ...this.laws.notes);
    if (this.ridgeNote) notes.push(this.ridgeNote);
    if (notes.length) out.notes = [...new Set(notes)];
    return out;
  }

  /** Advances the ODE to `time` (from the previous checkpoint) and returns its state there. */
  private advanceOde(time: number, summary: SummaryFields): SummaryFields | undefined {
    const law = this.laws.ode;
    if (!law) return undefined;
    if ('unavailable' in law) {
      this.noteOde(law.unavailable);
      return undefined;
    }
    if (!this.odeState) {
      if (time !== 0) {
        this.noteOde('ODE: the run has no checkpoint at t = 0 to start from');
        return undefined;
      }
      this.odeState = law.copy(summary);
      this.odeInitial = law.copy(summary);
      this.odeTime = 0;
      law.begin(summary, summary);
      return law.copy(this.odeState);
    }
    if (this.odeLeft) return undefined;
    const span = time - this.odeTime;
    if (span > 0) {
      const next = law.step(this.odeState, span);
      if (!next || !allFinite(next)) {
        this.odeLeft = true;
        this.noteOde(`ODE left the finite numbers at t ≈ ${time.toFixed(3)}; not drawn from there on`);
        return undefined;
      }
      this.odeState = next;
      this.odeTime = time;
    }
    return law.copy(this.odeState);
  }

  /**
   * The finite-λ outliers of a diagonal-form block (spikedOutliers.ts): one spike per mean direction,
   * from the block's current per-sample weights; those that separate from the bulk, descending (at most
   * the block's j), and how many stay inside it.
   */
  private finiteOutliers(
    weights: Float64Array,
    shift: number,
    j: number,
  ): Pick<BlockTheory, 'finiteOutliers' | 'finiteAbsorbed'> {
    const { rows, gamma, lambda, directions } = this.spikes!;
    const spikes = blockSpikeOutliers(weights, rows, directions, gamma, lambda, shift);
    const separated = spikes.map((s) => s.value).filter((v): v is number => v !== null && Number.isFinite(v));
    return { finiteOutliers: separated.slice(0, j), finiteAbsorbed: spikes.length - separated.length };
  }

  private noteOde(note: string): void {
    if (!this.odeNotes.includes(note)) this.odeNotes.push(note);
  }
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

export function bulkCurve(
  weights: ArrayLike<number> | WeightAtoms,
  gamma: number,
  lambda: number,
  shift: number,
  points = 240,
): BulkCurve {
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

/** unit means with |μ_a·μ_b| ≤ 1e-9 for a ≠ b: what the finite-λ spike law assumes */
function orthonormalMeans(mixture: Mixture): boolean {
  const { d, meanCount, means } = mixture;
  for (let a = 0; a < meanCount; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += means[a * d + i] * means[b * d + i];
      if (Math.abs(s - (a === b ? 1 : 0)) > 1e-9) return false;
    }
  return true;
}

function allFinite(s: SummaryFields): boolean {
  return Object.values(s).every((value) => (value as (number | number[])[]).flat().every(Number.isFinite));
}

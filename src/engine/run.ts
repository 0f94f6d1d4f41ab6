// A run: config → SGD steps → a checkpoint every `every` steps → at each checkpoint, all tracked
// spectra and metrics. DOM-free: the CLI, the tests and the Worker drive the same object.
//
//   const run = await Run.create(config);   // the tfjs backend must already be started
//   while (!run.done) { run.advance(run.stepsToNextCheckpoint()); await run.measure(); }
import { sampleInto, clusterLabel, type Mixture, type Samples } from '../math/mixture';
import { outlierAlignment } from '../math/outlierAlignment';
import type { Curvature, Model } from '../math/models/model';
import { blockBulkEdge, countOutliers } from '../math/outliers';
import type { EdgeMemo } from '../math/theory/matrixWishart';
import { makeStream, restoreStream, type Stream, type StreamState } from '../math/rng';
import { RecentWindow, type RecentWindowState } from '../math/recentWindow';
import { disposeTestSet, makeTestSet, type TestSet } from '../math/testSet';
import { resolve, type Config, type MatrixKind, type Resolved } from '../state/schema';
import { CheckpointSolver, type Ahead, type WarmStarts } from './checkpointSolver';
import { divergenceCause } from './divergenceCause';
import type { CheckpointRecord, RunFile, SpectrumRecord } from './runFile';
import { runFileOf } from './runFileWrite';
import {
  buildCurvature,
  buildMixture,
  buildModel,
  buildTestSet,
  trackedSpectra,
  type TrackedSpectrum,
} from './runInputs';
import type { SolveShare } from './share';
import { RunTheory } from './theory';
import { modelEngine } from '../models/engines';
import { orthonormalMeans } from '../math/meanSpan';
import { meanSpanFields, meanSpanSlots } from './meanSpanAngle';

export type { TrackedSpectrum } from './runInputs';

/**
 * A run at its last finite checkpoint, enough to continue it exactly (same SGD samples) in a new Run
 * of the same config, e.g. on another backend after the first one was lost.
 */
export interface ResumePoint extends WarmStarts {
  step: number;
  params: Float32Array;
  /** position of the training-sample stream at that checkpoint */
  trainStream: StreamState;
  /** the recent window at that checkpoint (measureOn = recent) */
  window?: RecentWindowState;
  checkpoints: CheckpointRecord[];
  /** where each aggregate block's edge search ended at that checkpoint (the next one starts there) */
  edgeMemos?: [string, EdgeMemo][];
}

/**
 * SGD checks the parameters every this many steps (a sum over them: ~1/64 of a step's work) and stops
 * at the first non-finite value, so a diverging run never burns time on NaNs.
 */
export const FINITE_CHECK_STEPS = 64;

export interface RunOptions {
  /**
   * Keep each checkpoint's parameters in its record (`params`, the model's run-file form), so that any
   * checkpoint can be rebuilt from the file; off by default (the live app would hold d·k numbers per
   * checkpoint for nothing).
   */
  checkpointParams?: boolean;
}

export class Run {
  readonly config: Config;
  readonly resolved: Resolved;
  readonly model: Model;
  readonly mixture: Mixture;
  readonly test: TestSet;
  /**
   * measureOn = recent: the last M samples SGD drew (H and G are built on them; loss and accuracy stay
   * on the test set); undefined otherwise
   */
  readonly window: RecentWindow | undefined;
  /** current parameters (updated in place by SGD) */
  readonly params: Float32Array;
  /** every (matrix, block) pair tracked, in run-file order: all blocks of H, then of G */
  readonly tracked: TrackedSpectrum[];
  readonly checkpoints: CheckpointRecord[] = [];
  step = 0;
  status: 'ok' | 'diverged' = 'ok';
  message = '';
  /** parameters at the last finite checkpoint (what exports show after a divergence) */
  lastFiniteParams: Float32Array;

  private trainRng: Stream;
  /** training-stream position at the last finite checkpoint (what a resume continues from) */
  private trainAtCheckpoint: StreamState | undefined;
  /** the recent window at the last finite checkpoint (what a resume continues from) */
  private windowStateAtCheckpoint: RecentWindowState | undefined;
  /** step at which a non-finite value was found (the run shows the last finite checkpoint before it) */
  divergedAtStep: number | undefined;
  private readonly batchInputs: Float32Array;
  private readonly batchLabels: Int32Array;
  private readonly batchClusters: Int32Array;
  /** the checkpoints' eigensolves: warm starts, the share thread, its balance, the prefetch */
  private readonly solver: CheckpointSolver;
  private curvature: Curvature | undefined;
  /** an orthonormal basis of the class means' span (the angle of each block's eigenspace to it) */
  private readonly meanBasis: Float64Array[];
  /** the samples `curvature` is built on: the test set, or a snapshot of the recent window */
  private curvatureSet: TestSet | undefined;
  /** the window snapshot of the last finite checkpoint (what a divergence's operator is rebuilt on) */
  private windowAtCheckpoint: TestSet | undefined;
  /** the theory layer (bulk edges, λ → ∞ outliers, the ODE advanced checkpoint by checkpoint) */
  private readonly theory: RunTheory;
  /** SGD state past the checkpoint being measured (measure's lookahead), restored once it is recorded */
  private ahead:
    { params: Float32Array; step: number; stream: Stream; window?: RecentWindowState; nonFinite: boolean } | undefined;
  private nonFiniteAhead = false;
  /** per (matrix, block): where the last aggregate-block edge search ended */
  private readonly edgeMemos = new Map<string, EdgeMemo>();
  private edgeMemosAtCheckpoint: [string, EdgeMemo][] = [];

  /** record the parameters in every checkpoint (the CLI's --include-data) */
  private readonly keepParams: boolean;

  private constructor(config: Config, options: RunOptions) {
    this.config = config;
    this.keepParams = options.checkpointParams ?? false;
    this.resolved = resolve(config);
    const { d, seed, batch } = config;
    this.mixture = buildMixture(config);
    this.model = buildModel(config);
    this.params = this.model.init(makeStream(seed, 'init'));
    this.lastFiniteParams = Float32Array.from(this.params);
    this.test = buildTestSet(config, this.mixture, this.resolved.M);
    this.trainRng = makeStream(seed, 'train');
    this.batchInputs = new Float32Array(batch * d);
    this.batchLabels = new Int32Array(batch);
    this.batchClusters = new Int32Array(batch);
    if (config.measureOn === 'recent') {
      // a stream of the same seed draws what SGD will draw: the window starts as SGD's first M samples
      const window = new RecentWindow(this.resolved.M, d);
      const upcoming = makeStream(seed, 'train');
      window.prefill((out, offset) => {
        const cluster = sampleInto(this.mixture, upcoming, out, offset);
        return { label: clusterLabel(this.mixture, cluster), cluster };
      });
      this.window = window;
    }
    this.tracked = trackedSpectra(this.model, config);
    this.meanBasis = orthonormalMeans(this.mixture.means, this.mixture.meanCount, d);
    this.solver = new CheckpointSolver(config, this.resolved.steps, this.tracked);
    this.theory = new RunTheory(
      config,
      this.mixture,
      clusterFractions(this.test.samples.clusters, this.mixture.clusters),
      // the finite-λ outliers read each sample's cluster: the fixed test set's (a recent window's change)
      config.measureOn === 'recent' ? undefined : this.test.samples.clusters,
    );
  }

  /** Builds a run on the active tfjs backend (start it first: engine/backend.ts or the Worker's). */
  static async create(config: Config, options: RunOptions = {}): Promise<Run> {
    return new Run(config, options);
  }

  /**
   * Hands half of every checkpoint's solves to `share` (share.ts: another thread, so both halves run at
   * once). The numbers are the same as without it. If the share fails, this run solves that half itself
   * from then on and tells `onFailure` why; the share is disposed with the run.
   */
  useShare(share: SolveShare | undefined, onFailure?: (message: string) => void): void {
    // a share rebuilds the fixed test set from the seed; the recent window lives on this thread only
    if (this.window && share) {
      share.dispose();
      return;
    }
    this.solver.useShare(share, onFailure);
  }

  /** diverged, or every step run and the last checkpoint measured */
  get done(): boolean {
    return this.status === 'diverged' || (this.step >= this.resolved.steps && this.measuredAt(this.step));
  }

  /**
   * SGD steps until the next checkpoint; 0 when one is due now; Infinity when the run is over.
   * Checkpoints sit at step 0, every multiple of `every`, and the last step; callers may advance in
   * slices of any size.
   */
  stepsToNextCheckpoint(): number {
    if (this.status === 'diverged') return Infinity;
    const { every } = this.config;
    const { steps } = this.resolved;
    const onBoundary = this.step % every === 0 || this.step === steps;
    if (onBoundary && !this.measuredAt(this.step)) return 0;
    if (this.step >= steps) return Infinity;
    const next = Math.min(steps, (Math.floor(this.step / every) + 1) * every);
    return next - this.step;
  }

  private measuredAt(step: number): boolean {
    const last = this.checkpoints[this.checkpoints.length - 1];
    return last !== undefined && last.step === step;
  }

  /** Runs up to `maxSteps` SGD steps (never past the end); returns how many ran. */
  advance(maxSteps: number): number {
    return this.sgd(maxSteps, 'diverge');
  }

  /**
   * SGD steps; at the first non-finite parameters either diverge (advance) or just stop there with
   * `nonFinite` set (a lookahead, whose divergence is declared once its checkpoint is recorded).
   */
  private sgd(maxSteps: number, onNonFinite: 'diverge' | 'stop'): number {
    const n = Math.max(0, Math.min(maxSteps, this.resolved.steps - this.step));
    if (this.status === 'diverged') return 0;
    const { batch, beta } = this.config;
    const { delta } = this.resolved;
    const { d } = this.config;
    for (let s = 0; s < n; s++) {
      for (let b = 0; b < batch; b++) {
        const cluster = sampleInto(this.mixture, this.trainRng, this.batchInputs, b * d);
        this.batchLabels[b] = clusterLabel(this.mixture, cluster);
        this.batchClusters[b] = cluster;
      }
      if (this.window)
        for (let b = 0; b < batch; b++)
          this.window.record(this.batchInputs, b, this.batchLabels[b], this.batchClusters[b]);
      this.model.sgdStep(this.params, this.batchInputs, this.batchLabels, batch, delta, beta);
      if ((this.step + s + 1) % FINITE_CHECK_STEPS === 0 && !finiteSum(this.params)) {
        this.step += s + 1;
        if (onNonFinite === 'diverge') this.diverge('the parameters became non-finite');
        else this.nonFiniteAhead = true;
        return s + 1;
      }
    }
    this.step += n;
    return n;
  }

  /**
   * Measures spectra and metrics at the current step; appends and returns the checkpoint. With
   * `lookahead` (the CLI) and a share, this thread runs the SGD steps up to the next checkpoint while
   * the share thread solves its part (they would otherwise wait on each other): the record is the same,
   * and the run returns already at the next checkpoint (or where SGD stopped: a divergence found there
   * is declared after this checkpoint is recorded, at the same step as without lookahead).
   */
  async measure(options: { lookahead?: boolean } = {}): Promise<CheckpointRecord> {
    if (this.status === 'diverged') return this.diverge(this.message);
    if (!allFinite(this.params)) return this.diverge('the parameters became non-finite');
    const set = this.window ? makeTestSet(this.window.samples(), this.config.d) : this.test;
    const curvature = await this.measureOn(set);
    if (!Number.isFinite(curvature.loss)) return this.divergeMeasured('the test loss became non-finite');
    if (this.window) this.theory.measuredFractions(clusterFractions(set.samples.clusters, this.mixture.clusters));

    const last = this.checkpoints[this.checkpoints.length - 1];
    const at = {
      step: this.step,
      params: this.params,
      seed: this.config.seed + this.checkpoints.length,
      costs: last?.spectra.map((sp) => sp.applications ?? 0),
    };
    const results = await this.solver.solve(curvature, at, options.lookahead ? () => this.runAhead() : undefined);
    const { beta, lambda } = this.config;
    const gamma = this.config.d / this.resolved.M;
    // each matrix's scale for the rounding level of its blocks: its largest data eigenvalue, or β
    const scale = { H: beta, G: beta };
    this.tracked.forEach(({ matrix }, t) => {
      const top = results[t].values[0] - (matrix === 'H' ? beta : 0);
      if (Number.isFinite(top)) scale[matrix] = Math.max(scale[matrix], Math.abs(top));
    });
    // one edge per law: blocks that share their per-sample weights (2-layer layer1 and full) share it
    const edges = new Map<object, number>();
    const edgeOf = (matrix: MatrixKind, block: string, shift: number) => {
      const weights = curvature.weights(matrix, block);
      const law = weights ? { weights } : { factors: curvature.sampleFactors(matrix, block) };
      const key = law.weights ?? law.factors;
      let edge = key && edges.get(key);
      if (edge === undefined) {
        edge = blockBulkEdge(law, gamma, lambda, shift, this.edgeMemo(matrix, block));
        if (key) edges.set(key, edge);
      }
      return edge;
    };
    const spectra: SpectrumRecord[] = this.tracked.map(({ matrix, block }, t) => {
      const result = results[t];
      const shift = matrix === 'H' ? beta : 0;
      const rule = curvature.outlierRule?.(matrix, block.id);
      const bulkEdge = rule ? rule.edge : edgeOf(matrix, block.id, shift);
      const outliers = rule ? rule.count(result.values) : countOutliers(result.values, bulkEdge, shift);
      const measured = outlierAlignment({
        vectors: result.vectors,
        values: result.values,
        residuals: result.residuals,
        outliers,
        dim: block.dim,
        floor: matrix === 'G' || block.hPsd ? shift : undefined,
        scale: scale[matrix],
        x: block.params(this.params),
      });
      const j = result.values.length;
      return {
        matrix,
        block: block.id,
        eigenvalues: result.values,
        residuals: result.residuals,
        converged: result.converged,
        alignment: measured.alignment,
        alignmentDim: measured.dim,
        ...(measured.note ? { alignmentNote: measured.note } : {}),
        outliers,
        // every tracked eigenvalue is an outlier and more could follow: the count is a lower bound
        outliersAtLeast: outliers === j && j < block.dim && !(rule?.most !== undefined && rule.most <= j),
        bulkEdge,
        applications: result.applications,
      };
    });
    // the angle of each block's outlier eigenspace to the lifted span of the means (where it has one)
    spectra.forEach((record, t) => {
      const slots = meanSpanSlots(this.model, this.tracked[t].block, this.config.d);
      if (slots !== undefined)
        Object.assign(
          record,
          meanSpanFields(results[t].vectors, record.eigenvalues.length, record.outliers, this.meanBasis, slots),
        );
    });

    const checkpoint: CheckpointRecord = {
      step: this.step,
      time: this.step * this.resolved.delta,
      loss: curvature.loss,
      accuracy: curvature.accuracy,
      clusterAccuracy: curvature.clusterAccuracy,
      spectra,
      summary: this.model.summary(this.params, this.mixture),
    };
    const diagnosis = modelEngine(this.config.model).diagnose?.(checkpoint, lambda);
    if (diagnosis) checkpoint.diagnosis = diagnosis;
    if (this.config.theory)
      checkpoint.theory = this.theory.record(checkpoint, curvature, this.tracked, this.checkpoints);
    // Finite parameters can still be too large to measure (saturated softmax, overflowing products).
    if (!finiteRecord(checkpoint)) return this.divergeMeasured('the spectra became non-finite');
    if (this.keepParams) checkpoint.params = this.model.paramRecord(this.params);
    // What the next solve starts from: these eigenvectors (plus the solver's next Ritz vectors).
    this.solver.accept(results);
    if (set !== this.test) {
      if (this.windowAtCheckpoint !== this.curvatureSet && this.windowAtCheckpoint)
        disposeTestSet(this.windowAtCheckpoint);
      this.windowAtCheckpoint = set;
    }
    this.lastFiniteParams.set(this.params);
    this.trainAtCheckpoint = this.trainRng.save?.();
    this.edgeMemosAtCheckpoint = copyMemos([...this.edgeMemos]);
    this.windowStateAtCheckpoint = this.window?.save();
    this.checkpoints.push(checkpoint);
    this.resumeAhead();
    return checkpoint;
  }

  /** Lookahead: SGD to the next checkpoint now, then the state put back to this one for the record. */
  private runAhead(): Ahead | undefined {
    const save = this.trainRng.save;
    if (!save) return undefined;
    const due =
      Math.min(this.resolved.steps, (Math.floor(this.step / this.config.every) + 1) * this.config.every) - this.step;
    if (due <= 0) return undefined;
    const at = { params: Float32Array.from(this.params), step: this.step, stream: save(), window: this.window?.save() };
    this.nonFiniteAhead = false;
    this.sgd(due, 'stop');
    this.ahead = {
      params: Float32Array.from(this.params),
      step: this.step,
      stream: this.trainRng,
      window: this.window?.save(),
      nonFinite: this.nonFiniteAhead,
    };
    this.params.set(at.params);
    this.step = at.step;
    this.trainRng = restoreStream(at.stream);
    if (at.window) this.window!.restore(at.window);
    return this.ahead;
  }

  /** After the record: continue from where the lookahead got to (and diverge there if it found NaN). */
  private resumeAhead(): void {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (!ahead || this.status === 'diverged') return;
    this.params.set(ahead.params);
    this.step = ahead.step;
    this.trainRng = ahead.stream;
    if (ahead.window) this.window!.restore(ahead.window);
    if (ahead.nonFinite) this.diverge('the parameters became non-finite');
  }

  /** The last finite checkpoint, to continue this run exactly in a new Run (see `resume`). */
  resumePoint(): ResumePoint | undefined {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (!last || !this.trainAtCheckpoint) return undefined;
    return {
      step: last.step,
      params: Float32Array.from(this.lastFiniteParams),
      trainStream: { ...this.trainAtCheckpoint, generator: [...this.trainAtCheckpoint.generator] },
      ...(this.windowStateAtCheckpoint ? { window: this.windowStateAtCheckpoint } : {}),
      checkpoints: [...this.checkpoints],
      edgeMemos: copyMemos(this.edgeMemosAtCheckpoint),
      ...this.solver.warmStarts(),
    };
  }

  /**
   * Continues from a resume point of a run of the same config (built on the now active backend): same
   * parameters, same position of the training stream, same checkpoints and warm starts, so SGD goes on
   * with exactly the samples the first run would have drawn. Rebuilds the last operator for the views.
   */
  async resume(point: ResumePoint): Promise<void> {
    if (point.params.length !== this.params.length || point.eigenvectors.length !== this.tracked.length)
      throw new Error('resume point of another config');
    this.params.set(point.params);
    this.lastFiniteParams.set(point.params);
    this.step = point.step;
    this.trainRng = restoreStream(point.trainStream);
    this.trainAtCheckpoint = point.trainStream;
    if (this.window) {
      if (!point.window) throw new Error('resume point without the recent window');
      this.window.restore(point.window);
      this.windowStateAtCheckpoint = point.window;
    }
    this.checkpoints.length = 0;
    this.checkpoints.push(...point.checkpoints);
    this.solver.restore(point);
    this.edgeMemos.clear();
    for (const [key, memo] of copyMemos(point.edgeMemos ?? [])) this.edgeMemos.set(key, memo);
    this.edgeMemosAtCheckpoint = copyMemos(point.edgeMemos ?? []);
    const set = this.window ? makeTestSet(this.window.samples(), this.config.d) : this.test;
    if (this.window) {
      this.disposeWindowAtCheckpoint();
      this.windowAtCheckpoint = set;
    }
    await this.measureOn(set);
  }

  /**
   * Builds the operator on `set` at the current parameters and makes it the run's current one (the
   * previous one and its window snapshot, unless a checkpoint still holds it, are disposed). With the
   * recent window, loss and accuracy are those of the fixed test set (an operator built there, then
   * dropped), so they stay a measure on samples SGD never saw.
   */
  private async measureOn(set: TestSet): Promise<Curvature> {
    this.curvature?.dispose();
    this.curvature = undefined;
    if (this.curvatureSet && this.curvatureSet !== this.test && this.curvatureSet !== this.windowAtCheckpoint)
      disposeTestSet(this.curvatureSet);
    this.curvatureSet = set;
    // the test set's metrics first, its operator dropped before the window's is built (one at a time)
    let metrics: Pick<Curvature, 'loss' | 'accuracy' | 'clusterAccuracy'> | undefined;
    if (set !== this.test) {
      const onTest = await this.model.curvature(this.test, this.params, this.config.beta, this.mixture);
      metrics = { loss: onTest.loss, accuracy: onTest.accuracy, clusterAccuracy: onTest.clusterAccuracy };
      onTest.dispose();
    }
    const curvature = await buildCurvature(this.model, set, this.params, this.config, this.mixture);
    this.curvature = metrics ? withTestMetrics(curvature, metrics) : curvature;
    return this.curvature;
  }

  private disposeWindowAtCheckpoint(): void {
    if (this.windowAtCheckpoint && this.windowAtCheckpoint !== this.curvatureSet)
      disposeTestSet(this.windowAtCheckpoint);
    this.windowAtCheckpoint = undefined;
  }

  /** Where the last search for this block's edge ended (aggregate blocks: the next one starts there). */
  private edgeMemo(matrix: MatrixKind, block: string): EdgeMemo {
    const key = `${matrix}:${block}`;
    let memo = this.edgeMemos.get(key);
    if (!memo) this.edgeMemos.set(key, (memo = {}));
    return memo;
  }

  /**
   * Stops the run for good: status 'diverged', a message naming the cause, and the state put back to
   * the last finite checkpoint (parameters and step), so views and exports show finite numbers only.
   */
  private diverge(message: string): CheckpointRecord {
    this.ahead = undefined;
    if (this.status !== 'diverged') {
      this.status = 'diverged';
      this.divergedAtStep = this.step;
      this.message = `${message} at step ${this.step} (t = ${(this.step * this.resolved.delta).toFixed(3)}): ${divergenceCause(this.config, this.resolved.delta)}`;
    }
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last) {
      this.params.set(this.lastFiniteParams);
      this.step = last.step;
      return last;
    }
    throw new Error(this.message);
  }

  /**
   * Divergence found by a measurement: the operator just built belongs to the bad parameters, so it
   * is rebuilt at the last finite checkpoint's (the views keep showing finite numbers).
   */
  private async divergeMeasured(message: string): Promise<CheckpointRecord> {
    const last = this.diverge(message);
    await this.measureOn(this.window ? this.windowAtCheckpoint! : this.test);
    return last;
  }

  /** The last measured eigenvectors of a tracked (matrix, block), rows. */
  eigenvectorsOf(matrix: MatrixKind, blockId: string): Float64Array | undefined {
    const t = this.tracked.findIndex((s) => s.matrix === matrix && s.block.id === blockId);
    return t >= 0 ? this.solver.eigenvectorsOf(t) : undefined;
  }

  /** measureOn = recent: the window the last finite checkpoint's H and G were built on (oldest first) */
  windowOfLastCheckpoint(): Samples | undefined {
    return this.windowAtCheckpoint?.samples;
  }

  /** The operator of the last checkpoint (for spectral densities of one block); disposed with the run. */
  get lastCurvature(): Curvature | undefined {
    return this.curvature;
  }

  toRunFile(options: { backend: string; includeData?: boolean }): RunFile {
    return runFileOf(this, options);
  }

  dispose(): void {
    this.solver.dispose();
    this.curvature?.dispose();
    this.curvature = undefined;
    this.disposeWindowAtCheckpoint();
    if (this.curvatureSet && this.curvatureSet !== this.test) disposeTestSet(this.curvatureSet);
    this.curvatureSet = undefined;
    disposeTestSet(this.test);
  }
}

/** Every number in a checkpoint record (nested arrays and objects included) is finite. */
function finiteRecord(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finiteRecord);
  if (ArrayBuffer.isView(value)) return Array.prototype.every.call(value, (v: number) => Number.isFinite(v));
  if (value !== null && typeof value === 'object') return Object.values(value).every(finiteRecord);
  return true;
}

/** Non-finite iff some entry is NaN or ±Infinity (a NaN or an Inf propagates through the sum). */
function finiteSum(values: Float32Array): boolean {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * 0;
  return sum === 0;
}

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** A curvature whose loss and accuracy are another set's (the test set's, for an operator on the window). */
function withTestMetrics(
  curvature: Curvature,
  { loss, accuracy, clusterAccuracy }: Pick<Curvature, 'loss' | 'accuracy' | 'clusterAccuracy'>,
): Curvature {
  return {
    loss,
    accuracy,
    clusterAccuracy,
    meanGradient: () => curvature.meanGradient(),
    weights: (matrix, block) => curvature.weights(matrix, block),
    sampleFactors: (matrix, block) => curvature.sampleFactors(matrix, block),
    outlierRule: curvature.outlierRule ? (matrix, block) => curvature.outlierRule!(matrix, block) : undefined,
    apply: (requests) => curvature.apply(requests),
    dispose: () => curvature.dispose(),
  };
}

/** Deep copies of edge memos (their arrays are replaced, never written, but a resume point outlives the run). */
function copyMemos(memos: readonly [string, EdgeMemo][]): [string, EdgeMemo][] {
  return memos.map(([key, m]) => [key, { ...m, R: m.R?.slice(), dR: m.dR?.slice() }]);
}

/** The fraction of samples in each of `count` clusters. */
export function clusterFractions(clusters: ArrayLike<number>, count: number): number[] {
  const fractions = new Array<number>(count).fill(0);
  for (let m = 0; m < clusters.length; m++) fractions[clusters[m]] += 1 / clusters.length;
  return fractions;
}

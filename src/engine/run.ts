// A run: config → SGD steps → a checkpoint every `every` steps → at each checkpoint, all tracked
// spectra and metrics. DOM-free: the CLI, the tests and the Worker drive the same object.
//
//   const run = await Run.create(config);   // the tfjs backend must already be started
//   while (!run.done) { run.advance(run.stepsToNextCheckpoint()); await run.measure(); }
import { solve } from '../math/eigen';
import { extrapolateRows } from '../math/eigen/extrapolate';
import type { EigenProblem, EigenResult } from '../math/eigen/types';
import { sampleInto, clusterLabel, type Mixture } from '../math/mixture';
import { alignment } from '../math/metrics';
import type { Curvature, Model } from '../math/models/model';
import { blockBulkEdge, countOutliers } from '../math/outliers';
import { makeStream, restoreStream, type Stream, type StreamState } from '../math/rng';
import { disposeTestSet, type TestSet } from '../math/testSet';
import { resolve, type Config, type MatrixKind, type Resolved } from '../state/schema';
import { RUN_SCHEMA, type CheckpointRecord, type RunFile, type SpectrumRecord } from './runFile';
import { buildMixture, buildModel, buildTestSet, trackedSpectra, type TrackedSpectrum } from './runInputs';
import { applyOf, balancedFraction, sharedIndices, shareRequest, STARTING_SHARE_FRACTION, type ShareRequest, type SolveShare } from './share';
import { RunTheory } from './theory';
import { modelEngine } from '../models/engines';

export type { TrackedSpectrum } from './runInputs';

/**
 * A run at its last finite checkpoint, enough to continue it exactly (same SGD samples) in a new Run
 * of the same config, e.g. on another backend after the first one was lost.
 */
export interface ResumePoint {
  step: number;
  params: Float32Array;
  /** position of the training-sample stream at that checkpoint */
  trainStream: StreamState;
  checkpoints: CheckpointRecord[];
  eigenvectors: (Float64Array | undefined)[];
  /** the next solve's warm starts (eigenvectors plus the solver's next Ritz vectors) */
  warmRows: (Float64Array | undefined)[];
  /** the warm rows of the solve before (what the next warm start extrapolates from) */
  previousWarmRows?: (Float64Array | undefined)[];
  /** operator calls of each problem's last solve */
  lastIterations: (number | undefined)[];
}

/**
 * SGD checks the parameters every this many steps (a sum over them: ~1/64 of a step's work) and stops
 * at the first non-finite value, so a diverging run never burns time on NaNs.
 */
export const FINITE_CHECK_STEPS = 64;

/** rows a cold Krylov solve adds per call (see solveAll) */
const COLD_EXPANSION = 3;
/** rows per call of a cold Krylov solve's Lanczos phase (see solveAll) */
const COLD_LANCZOS_BLOCK = 2;

export class Run {
  readonly config: Config;
  readonly resolved: Resolved;
  readonly model: Model;
  readonly mixture: Mixture;
  readonly test: TestSet;
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
  /** step at which a non-finite value was found (the run shows the last finite checkpoint before it) */
  divergedAtStep: number | undefined;
  private readonly batchInputs: Float32Array;
  private readonly batchLabels: Int32Array;
  /** eigenvectors of the last checkpoint, per tracked index: the warm start of the next solve */
  private eigenvectors: (Float64Array | undefined)[];
  /** what the next solve starts from: the eigenvectors, plus the solver's next Ritz vectors if any */
  private warmRows: (Float64Array | undefined)[];
  /** the warm rows of the checkpoint before: with warmRows, the next start extrapolates (extrapolate.ts) */
  private previousWarmRows: (Float64Array | undefined)[];
  /** operator calls of each problem's last solve (decides its guard rows next time) */
  private lastIterations: (number | undefined)[];
  private curvature: Curvature | undefined;
  /** the theory layer (bulk edges, λ → ∞ outliers, the ODE advanced checkpoint by checkpoint) */
  private readonly theory: RunTheory;
  /** where half of every checkpoint's solves go (another thread), if set; see useShare */
  private share: SolveShare | undefined;
  /** the share's part of the work, re-balanced after each shared solve (balancedFraction) */
  private shareFraction = 0.5;
  /**
   * what shareFraction came from last time: both parts' costs and times, this thread's overhead and
   * the lookahead's part of it (a checkpoint with no SGD after it has none: see prefetchShare)
   */
  private lastBalance: { local: { cost: number; ms: number }; shared: { cost: number; ms: number }; overheadMs: number; aheadMs: number } | undefined;
  /** SGD state past the checkpoint being measured (measure's lookahead), restored once it is recorded */
  private ahead: { params: Float32Array; step: number; stream: Stream; nonFinite: boolean } | undefined;
  private nonFiniteAhead = false;
  private onShareFailure: ((message: string) => void) | undefined;
  /** the share's part of the NEXT checkpoint, sent before this one's record is built (prefetchShare) */
  private pendingShare: PendingShare | undefined;

  private constructor(config: Config) {
    this.config = config;
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
    this.tracked = trackedSpectra(this.model, config);
    this.eigenvectors = this.tracked.map(() => undefined);
    this.warmRows = this.tracked.map(() => undefined);
    this.previousWarmRows = this.tracked.map(() => undefined);
    this.lastIterations = this.tracked.map(() => undefined);
    this.theory = new RunTheory(config, this.mixture);
  }

  /** Builds a run on the active tfjs backend (start it first: engine/backend.ts or the Worker's). */
  static async create(config: Config): Promise<Run> {
    return new Run(config);
  }

  /**
   * Hands half of every checkpoint's solves to `share` (share.ts: another thread, so both halves run at
   * once). The numbers are the same as without it. If the share fails, this run solves that half itself
   * from then on and tells `onFailure` why; the share is disposed with the run.
   */
  useShare(share: SolveShare | undefined, onFailure?: (message: string) => void): void {
    this.share?.dispose();
    this.share = share;
    this.pendingShare = undefined;
    this.onShareFailure = onFailure;
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
      }
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
    this.curvature?.dispose();
    this.curvature = undefined;
    const curvature = await this.model.curvature(this.test, this.params, this.config.beta, this.mixture);
    this.curvature = curvature;
    if (!Number.isFinite(curvature.loss)) return this.divergeMeasured('the test loss became non-finite');

    const results = await this.solveAll(curvature, options.lookahead === true);
    if (options.lookahead) this.prefetchShare(results);
    const { beta, lambda } = this.config;
    const gamma = this.config.d / this.resolved.M;
    const spectra: SpectrumRecord[] = this.tracked.map(({ matrix, block }, t) => {
      const result = results[t];
      const shift = matrix === 'H' ? beta : 0;
      const rule = curvature.outlierRule?.(matrix, block.id);
      const bulkEdge = rule ? rule.edge : blockBulkEdge(curvature.weights(matrix, block.id), gamma, lambda, shift, () => this.fullBlockEdge(curvature, matrix, gamma, shift));
      return {
        matrix,
        block: block.id,
        eigenvalues: result.values,
        residuals: result.residuals,
        converged: result.converged,
        alignment: alignment(result.vectors, result.values.length, block.params(this.params)),
        outliers: rule ? rule.count(result.values) : countOutliers(result.values, bulkEdge, shift),
        bulkEdge,
        applications: result.applications,
      };
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
    if (this.config.theory) checkpoint.theory = this.theory.record(checkpoint, curvature, this.tracked, this.checkpoints);
    // Finite parameters can still be too large to measure (saturated softmax, overflowing products).
    if (!finiteRecord(checkpoint)) return this.divergeMeasured('the spectra became non-finite');
    // What the next solve starts from: these eigenvectors (plus the solver's next Ritz vectors).
    results.forEach((result, t) => {
      this.eigenvectors[t] = result.vectors;
      this.previousWarmRows[t] = this.warmRows[t];
      this.warmRows[t] = result.warmRows ?? result.vectors;
      this.lastIterations[t] = result.iterations;
    });
    this.lastFiniteParams.set(this.params);
    this.trainAtCheckpoint = this.trainRng.save?.();
    this.checkpoints.push(checkpoint);
    this.resumeAhead();
    return checkpoint;
  }

  /** Lookahead: SGD to the next checkpoint now, then the state put back to this one for the record. */
  private runAhead(): void {
    const save = this.trainRng.save;
    if (!save) return;
    const due = Math.min(this.resolved.steps, (Math.floor(this.step / this.config.every) + 1) * this.config.every) - this.step;
    if (due <= 0) return;
    const at = { params: Float32Array.from(this.params), step: this.step, stream: save() };
    this.nonFiniteAhead = false;
    this.sgd(due, 'stop');
    this.ahead = { params: Float32Array.from(this.params), step: this.step, stream: this.trainRng, nonFinite: this.nonFiniteAhead };
    this.params.set(at.params);
    this.step = at.step;
    this.trainRng = restoreStream(at.stream);
  }

  /** After the record: continue from where the lookahead got to (and diverge there if it found NaN). */
  private resumeAhead(): void {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (!ahead || this.status === 'diverged') return;
    this.params.set(ahead.params);
    this.step = ahead.step;
    this.trainRng = ahead.stream;
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
      checkpoints: [...this.checkpoints],
      eigenvectors: this.eigenvectors.map((v) => (v ? Float64Array.from(v) : undefined)),
      warmRows: this.warmRows.map((v) => (v ? Float64Array.from(v) : undefined)),
      previousWarmRows: this.previousWarmRows.map((v) => (v ? Float64Array.from(v) : undefined)),
      lastIterations: [...this.lastIterations],
    };
  }

  /**
   * Continues from a resume point of a run of the same config (built on the now active backend): same
   * parameters, same position of the training stream, same checkpoints and warm starts, so SGD goes on
   * with exactly the samples the first run would have drawn. Rebuilds the last operator for the views.
   */
  async resume(point: ResumePoint): Promise<void> {
    if (point.params.length !== this.params.length || point.eigenvectors.length !== this.tracked.length) throw new Error('resume point of another config');
    this.params.set(point.params);
    this.lastFiniteParams.set(point.params);
    this.step = point.step;
    this.trainRng = restoreStream(point.trainStream);
    this.trainAtCheckpoint = point.trainStream;
    this.checkpoints.length = 0;
    this.checkpoints.push(...point.checkpoints);
    this.eigenvectors = point.eigenvectors.map((v) => (v ? Float64Array.from(v) : undefined));
    this.warmRows = point.warmRows.map((v) => (v ? Float64Array.from(v) : undefined));
    this.previousWarmRows = this.tracked.map((_, t) => (point.previousWarmRows?.[t] ? Float64Array.from(point.previousWarmRows[t]!) : undefined));
    this.lastIterations = [...point.lastIterations];
    this.curvature?.dispose();
    this.curvature = undefined;
    this.curvature = await this.model.curvature(this.test, this.params, this.config.beta, this.mixture);
  }

  /**
   * The eigenproblems of a checkpoint, warm-started from `warmRows` (the last solve's eigenvectors plus
   * its next Ritz vectors), extrapolated along their motion since `previousWarmRows` where both exist
   * (extrapolate.ts), with guard rows decided by `lastIterations` (its operator calls).
   */
  private problemsFrom(warmRows: (Float64Array | undefined)[], previousWarmRows: (Float64Array | undefined)[], lastIterations: (number | undefined)[]): EigenProblem[] {
    const { beta, topj } = this.config;
    return this.tracked.map(({ matrix, block }, t) => {
      const j = Math.min(topj > 0 ? topj : block.j, block.dim);
      const last = lastIterations[t];
      const hard = last === undefined || last > 2;
      // Only where the last solve needed more than 2 calls (at a bulk edge, G here) is the warm start
      // worth extrapolating: easy blocks (H here) converge in 2 calls either way.
      const current = warmRows[t];
      const previous = previousWarmRows[t];
      const warm = hard && current && previous ? (extrapolateRows(current, previous, current.length / block.dim, block.dim) ?? current) : current;
      return {
        dim: block.dim,
        j,
        // Guard rows (warm-started from the previous solve's next Ritz vectors) pay off only where the
        // top-j sit at a bulk edge: a cold solve, or one whose last solve needed more than 2 calls
        // (measured on the issue-7 run: warm G 79 → 62 mat-vecs per block; easy H blocks keep 20).
        guard: hard ? Math.ceil(j / 2) : 0,
        // Cold solves: block Lanczos with 2 rows per call (issue-7 cold checkpoint 88.8 → 64.0 mat-vecs
        // per block, ≈ 1.0 → 0.7 s; 1 or 3 rows: same time, and 1 row would miss a double eigenvalue's
        // second copy), then, after a thick restart, at most 3 residual rows per call (residual
        // expansion alone from a random block: 117.8 → 88.7 with the cap). Warm solves send one row per
        // unconverged pair (capped: 43.6 → 43.0 mat-vecs for 10 % more time).
        maxExpansion: warm ? undefined : COLD_EXPANSION,
        lanczosBlock: warm ? undefined : COLD_LANCZOS_BLOCK,
        warm,
        warmCount: warm ? warm.length / block.dim : 0,
        lower: matrix === 'G' ? 0 : block.hPsd ? beta : undefined,
      };
    });
  }

  /** Sends the share its part of a checkpoint; the answer (or why it failed) comes back as a value. */
  private sendShare(share: SolveShare, problems: EigenProblem[], costs: readonly number[] | undefined, params: Float32Array, seed: number, lookaheadAfter = true): PendingShare {
    const fraction = share.ready?.() === false ? STARTING_SHARE_FRACTION : lookaheadAfter ? this.shareFraction : this.fractionWithoutLookahead();
    const { local, shared } = sharedIndices(problems.length, costs, fraction);
    const request = shared.length > 0 ? shareRequest(shared, problems, params, seed) : undefined;
    const answer: Promise<ShareAnswer> = request
      ? share.solve(request).then(
          (results) => ({ results }),
          (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }),
        )
      : Promise.resolve({ results: [] });
    return { share, step: this.step, params: Float32Array.from(params), seed, problems, local, shared, request, answer, sentAt: performance.now() };
  }

  /**
   * The share's part for a checkpoint after which no SGD is left (the last one): the balance of the last
   * solve without its lookahead time, so this thread does not wait for the share there (measured:
   * ≈ 0.1 s at the end of the issue-7 run). Applied as a shift of the smoothed fraction.
   */
  private fractionWithoutLookahead(): number {
    const b = this.lastBalance;
    if (!b) return this.shareFraction;
    const withAhead = balancedFraction(b.local, b.shared, b.overheadMs);
    const without = balancedFraction(b.local, b.shared, b.overheadMs - b.aheadMs);
    if (withAhead === undefined || without === undefined) return this.shareFraction;
    return Math.min(0.8, Math.max(0.2, this.shareFraction + without - withAhead));
  }

  /**
   * Pipelining (with lookahead): the lookahead already holds the next checkpoint's parameters, and this
   * solve's results are the next one's warm starts, so the share's part of the next checkpoint goes out
   * now, before this record (alignment, theory, summary) and the next operator are built: the share
   * thread would otherwise wait through them at every checkpoint (measured ≈ 70 ms each on the issue-7
   * run). Same request as the next measure would send, so the same numbers; used only if that measure
   * finds the same step and parameters (else dropped).
   */
  private prefetchShare(results: EigenResult[]): void {
    this.pendingShare = undefined;
    const share = this.share;
    const ahead = this.ahead;
    if (!share || !ahead || ahead.nonFinite || ahead.step <= this.step || this.tracked.length < 2) return;
    if (!(ahead.step % this.config.every === 0 || ahead.step === this.resolved.steps) || !allFinite(ahead.params)) return;
    const problems = this.problemsFrom(
      results.map((r) => r.warmRows ?? r.vectors),
      this.warmRows,
      results.map((r) => r.iterations),
    );
    const last = ahead.step >= this.resolved.steps;
    const pending = this.sendShare(share, problems, results.map((r) => r.applications), ahead.params, this.config.seed + this.checkpoints.length + 1, !last);
    this.pendingShare = { ...pending, step: ahead.step };
  }

  /** All tracked solves in one batched eigensolve: every iteration is one operator call. */
  private async solveAll(curvature: Curvature, lookahead: boolean): Promise<EigenResult[]> {
    const { tol, seed } = this.config;
    const opts = { tol, seed: seed + this.checkpoints.length };
    const share = this.share;
    const pending = this.pendingShare;
    this.pendingShare = undefined;
    const prefetched =
      pending && share && pending.share === share && pending.step === this.step && pending.seed === opts.seed && sameValues(pending.params, this.params) ? pending : undefined;
    // a prefetch was built from exactly this state: its problems are these
    const problems = prefetched?.problems ?? this.problemsFrom(this.warmRows, this.previousWarmRows, this.lastIterations);
    if (!share || problems.length < 2) {
      const all = this.tracked.map((_, t) => t);
      return solve(this.config.solver, problems, applyOf(curvature, this.tracked, all), opts);
    }
    // Part to the share (sent first, so it starts while this thread solves its part), part here; or the
    // part sent before the last record was built (prefetchShare), if it is for exactly this checkpoint.
    const last = this.checkpoints[this.checkpoints.length - 1];
    const sent = prefetched ?? this.sendShare(share, problems, last?.spectra.map((sp) => sp.applications ?? 0), this.params, opts.seed);
    const { local, shared, request } = sent;
    if (!request) return solve(this.config.solver, problems, applyOf(curvature, this.tracked, local), opts);
    const aheadFrom = performance.now();
    if (lookahead) this.runAhead();
    const localFrom = performance.now();
    const localResults = await solve(this.config.solver, local.map((t) => ({ ...problems[t], index: t })), applyOf(curvature, this.tracked, local), opts);
    const localMs = performance.now() - localFrom;
    const answer = await sent.answer;
    // The next split, from this one's timings (balancedFraction): this thread's overhead is all it did
    // between sending the share its part and starting its own (a lookahead, a record, an operator).
    // Only timing moves, never the numbers.
    const cost = (rs: EigenResult[]) => rs.reduce((sum, r) => sum + r.applications, 0);
    if ('results' in answer) {
      const balance = { local: { cost: cost(localResults), ms: localMs }, shared: { cost: cost(answer.results), ms: share.lastSolveMs?.() ?? 0 }, overheadMs: localFrom - sent.sentAt, aheadMs: localFrom - aheadFrom };
      const next = balancedFraction(balance.local, balance.shared, balance.overheadMs);
      if (next !== undefined) {
        // smoothed against timing noise, except the first measured split (the fraction before it is a guess)
        this.shareFraction = this.lastBalance ? 0.5 * (this.shareFraction + next) : next;
        this.lastBalance = balance;
      }
    }
    let sharedResults: EigenResult[];
    if ('results' in answer && answer.results.length === shared.length) sharedResults = answer.results;
    else {
      const why = 'error' in answer ? answer.error : `it returned ${answer.results.length} results for ${shared.length} problems`;
      this.share = undefined;
      share.dispose();
      this.onShareFailure?.(`the solve share failed (${why}); solving every block on this thread from now on`);
      sharedResults = await solve(this.config.solver, request.problems, applyOf(curvature, this.tracked, shared), opts);
    }
    const results: EigenResult[] = new Array(problems.length);
    local.forEach((t, i) => (results[t] = localResults[i]));
    shared.forEach((t, i) => (results[t] = sharedResults[i]));
    return results;
  }

  /**
   * Blocks not of diagonal form (softmax `full`, 2-layer `layer1`, `full`): a heuristic edge, the
   * largest edge of the diagonal-form blocks of the same matrix (by interlacing, the aggregate's
   * noise is at least that of each of its diagonal blocks).
   */
  private fullBlockEdge(curvature: Curvature, matrix: MatrixKind, gamma: number, shift: number): number {
    let edge = shift;
    for (const block of this.model.blocks) {
      const w = curvature.weights(matrix, block.id);
      if (w) edge = Math.max(edge, blockBulkEdge(w, gamma, this.config.lambda, shift, () => shift));
    }
    return edge;
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
    this.curvature?.dispose();
    this.curvature = undefined;
    this.curvature = await this.model.curvature(this.test, this.params, this.config.beta, this.mixture);
    return last;
  }

  /** The last measured eigenvectors of a tracked (matrix, block), rows. */
  eigenvectorsOf(matrix: MatrixKind, blockId: string): Float64Array | undefined {
    const t = this.tracked.findIndex((s) => s.matrix === matrix && s.block.id === blockId);
    return t >= 0 ? this.eigenvectors[t] : undefined;
  }

  /** The operator of the last checkpoint (for spectral densities of one block); disposed with the run. */
  get lastCurvature(): Curvature | undefined {
    return this.curvature;
  }

  toRunFile(options: { backend: string; includeData?: boolean }): RunFile {
    const file: RunFile = {
      schema: RUN_SCHEMA,
      config: { ...this.config, M: this.resolved.M, steps: this.resolved.steps, delta: this.resolved.delta },
      backend: options.backend,
      status: this.status,
      checkpoints: this.checkpoints,
    };
    if (this.status === 'diverged') file.message = this.message;
    if (options.includeData) {
      const { d } = this.config;
      const { samples } = this.test;
      const rows = (data: ArrayLike<number>, n: number, width: number) =>
        Array.from({ length: n }, (_, r) => Array.from(Array.prototype.slice.call(data, r * width, (r + 1) * width) as number[]));
      file.data = {
        means: rows(this.mixture.means, this.mixture.meanCount, d),
        test: { inputs: rows(samples.inputs, samples.n, d), labels: Array.from(samples.labels) },
        params: this.model.paramRecord(this.lastFiniteParams),
      };
    }
    return file;
  }

  dispose(): void {
    this.share?.dispose();
    this.share = undefined;
    this.curvature?.dispose();
    this.curvature = undefined;
    disposeTestSet(this.test);
  }
}

/** Names the likely cause of a divergence and the fix, from the step size and the ridge. */
export function divergenceCause(config: Config, delta: number): string {
  const { cdelta, beta, lambda, d } = config;
  // The ridge part of a step multiplies the weights by (1 − δβ): |1 − δβ| > 1 grows them geometrically.
  if (delta * beta > 2) return `c_δ too large for β: c_δ = ${cdelta} gives δβ = ${(delta * beta).toPrecision(3)} > 2, so the ridge factor |1 − δβ| > 1 grows the weights every step (need c_δ < 2d/β = ${((2 * d) / beta).toPrecision(3)})`;
  return `c_δ too large for λ: c_δ = ${cdelta} (δ = ${delta.toPrecision(3)}) is too large for λ = ${lambda}, β = ${beta}; lower c_δ`;
}

/** Every number in a checkpoint record (nested arrays and objects included) is finite. */
function finiteRecord(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finiteRecord);
  if (ArrayBuffer.isView(value)) return Array.prototype.every.call(value, (v: number) => Number.isFinite(v));
  if (value !== null && typeof value === 'object') return Object.values(value).every(finiteRecord);
  return true;
}

type ShareAnswer = { results: EigenResult[] } | { error: string };

/** A share's part of one checkpoint, sent and not yet collected. */
interface PendingShare {
  share: SolveShare;
  /** the checkpoint's step, parameters and solve seed (a prefetch is used only if all three match) */
  step: number;
  params: Float32Array;
  seed: number;
  /** all the checkpoint's problems (this thread solves `local` of them) */
  problems: EigenProblem[];
  local: number[];
  shared: number[];
  /** undefined when the split gave the share nothing */
  request: ShareRequest | undefined;
  answer: Promise<ShareAnswer>;
  /** when it was sent (performance.now()): this thread's overhead before its own part starts */
  sentAt: number;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
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

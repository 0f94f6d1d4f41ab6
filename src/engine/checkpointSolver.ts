// The eigensolves of a run's checkpoints, behind one `solve` call: warm starts carried from one
// checkpoint to the next (extrapolated along their motion), the share thread that takes part of the
// problems, the split between the two threads re-balanced from their timings, the lookahead (SGD of the
// next interval while the share solves) and the prefetch of the next checkpoint's share request.
// The numbers never depend on the share, the split or the lookahead: only the timing does.
import { solve } from '../math/eigen';
import { extrapolateRows } from '../math/eigen/extrapolate';
import type { EigenProblem, EigenResult } from '../math/eigen/types';
import type { Curvature } from '../math/models/model';
import type { Config } from '../state/schema';
import type { TrackedSpectrum } from './runInputs';
import {
  applyOf,
  balancedFraction,
  sharedIndices,
  shareRequest,
  STARTING_SHARE_FRACTION,
  type ShareRequest,
  type SolveShare,
} from './share';

/** rows a cold Krylov solve adds per call (see problemsFrom) */
const COLD_EXPANSION = 3;
/** rows per call of a cold Krylov solve's Lanczos phase (see problemsFrom) */
const COLD_LANCZOS_BLOCK = 2;

/** What the next solve starts from, per tracked index (part of a run's resume point). */
export interface WarmStarts {
  /** eigenvectors of the last recorded checkpoint */
  eigenvectors: (Float64Array | undefined)[];
  /** the next solve's warm starts (eigenvectors plus the solver's next Ritz vectors) */
  warmRows: (Float64Array | undefined)[];
  /** the warm rows of the solve before (what the next warm start extrapolates from) */
  previousWarmRows?: (Float64Array | undefined)[];
  /** operator calls of each problem's last solve */
  lastIterations: (number | undefined)[];
}

/** The checkpoint being solved: its step, parameters, solve seed and last mat-vecs per problem. */
export interface SolvePoint {
  step: number;
  params: Float32Array;
  seed: number;
  /** each problem's mat-vecs at the checkpoint before (how the split weighs them); absent before any */
  costs?: readonly number[];
}

/** Where SGD got to when run ahead to the next checkpoint (see `solve`'s lookahead). */
export interface Ahead {
  step: number;
  params: Float32Array;
  /** SGD stopped early at non-finite parameters */
  nonFinite: boolean;
}

export class CheckpointSolver {
  private readonly config: Config;
  private readonly steps: number;
  private readonly tracked: TrackedSpectrum[];
  private eigenvectors: (Float64Array | undefined)[];
  private warmRows: (Float64Array | undefined)[];
  private previousWarmRows: (Float64Array | undefined)[];
  private lastIterations: (number | undefined)[];
  /** where part of every checkpoint's solves go (another thread), if set; see useShare */
  private share: SolveShare | undefined;
  private onShareFailure: ((message: string) => void) | undefined;
  /** the share's part of the work, re-balanced after each shared solve (balancedFraction) */
  private shareFraction = 0.5;
  /**
   * what shareFraction came from last time: both parts' costs and times, this thread's overhead and
   * the lookahead's part of it (a checkpoint with no SGD after it has none: see fractionWithoutLookahead)
   */
  private lastBalance:
    | { local: { cost: number; ms: number }; shared: { cost: number; ms: number }; overheadMs: number; aheadMs: number }
    | undefined;
  /** the share's part of the NEXT checkpoint, sent before this one's record is built (prefetch) */
  private pendingShare: PendingShare | undefined;

  /** `steps`: the run's last step (a checkpoint, like every multiple of config.every) */
  constructor(config: Config, steps: number, tracked: TrackedSpectrum[]) {
    this.config = config;
    this.steps = steps;
    this.tracked = tracked;
    this.eigenvectors = tracked.map(() => undefined);
    this.warmRows = tracked.map(() => undefined);
    this.previousWarmRows = tracked.map(() => undefined);
    this.lastIterations = tracked.map(() => undefined);
  }

  /**
   * Hands part of every checkpoint's solves to `share` (share.ts: another thread, so both parts run at
   * once). The numbers are the same as without it. If the share fails, this thread solves that part
   * itself from then on and tells `onFailure` why; the share is disposed with the solver.
   */
  useShare(share: SolveShare | undefined, onFailure?: (message: string) => void): void {
    this.share?.dispose();
    this.share = share;
    this.pendingShare = undefined;
    this.onShareFailure = onFailure;
  }

  /**
   * All tracked problems of the checkpoint at `at`, warm-started from the last accepted solve, in one
   * batched eigensolve per thread (every iteration is one operator call); results in tracked order.
   * `lookahead` (the CLI) runs SGD to the next checkpoint: with a share it is called while the share
   * thread solves its part (they would otherwise wait on each other), and the share's part of that next
   * checkpoint is sent before this call returns (prefetch). Without a share it is not called.
   */
  async solve(curvature: Curvature, at: SolvePoint, lookahead?: () => Ahead | undefined): Promise<EigenResult[]> {
    const { tol } = this.config;
    const opts = { tol, seed: at.seed };
    const share = this.share;
    const pending = this.pendingShare;
    this.pendingShare = undefined;
    const prefetched =
      pending &&
      share &&
      pending.share === share &&
      pending.step === at.step &&
      pending.seed === opts.seed &&
      sameValues(pending.params, at.params)
        ? pending
        : undefined;
    // a prefetch was built from exactly this state: its problems are these
    const problems =
      prefetched?.problems ?? this.problemsFrom(this.warmRows, this.previousWarmRows, this.lastIterations);
    if (!share || problems.length < 2) {
      const all = this.tracked.map((_, t) => t);
      return solve(this.config.solver, problems, applyOf(curvature, this.tracked, all), opts);
    }
    // Part to the share (sent first, so it starts while this thread solves its part), part here; or the
    // part sent before the last record was built (prefetch), if it is for exactly this checkpoint.
    const sent = prefetched ?? this.sendShare(share, problems, at.costs, at, true);
    const { local, shared, request } = sent;
    if (!request) return solve(this.config.solver, problems, applyOf(curvature, this.tracked, local), opts);
    const aheadFrom = performance.now();
    const ahead = lookahead?.();
    const localFrom = performance.now();
    const localResults = await solve(
      this.config.solver,
      local.map((t) => ({ ...problems[t], index: t })),
      applyOf(curvature, this.tracked, local),
      opts,
    );
    const localMs = performance.now() - localFrom;
    const answer = await sent.answer;
    // The next split, from this one's timings (balancedFraction): this thread's overhead is all it did
    // between sending the share its part and starting its own (a lookahead, a record, an operator).
    // Only timing moves, never the numbers.
    const cost = (rs: EigenResult[]) => rs.reduce((sum, r) => sum + r.applications, 0);
    if ('results' in answer) {
      const balance = {
        local: { cost: cost(localResults), ms: localMs },
        shared: { cost: cost(answer.results), ms: share.lastSolveMs?.() ?? 0 },
        overheadMs: localFrom - sent.sentAt,
        aheadMs: localFrom - aheadFrom,
      };
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
      const why =
        'error' in answer ? answer.error : `it returned ${answer.results.length} results for ${shared.length} problems`;
      this.share = undefined;
      share.dispose();
      this.onShareFailure?.(`the solve share failed (${why}); solving every block on this thread from now on`);
      sharedResults = await solve(this.config.solver, request.problems, applyOf(curvature, this.tracked, shared), opts);
    }
    const results: EigenResult[] = new Array(problems.length);
    local.forEach((t, i) => (results[t] = localResults[i]));
    shared.forEach((t, i) => (results[t] = sharedResults[i]));
    if (ahead) this.prefetch(results, at, ahead);
    return results;
  }

  /** The checkpoint was recorded: its results are what the next solve starts from. */
  accept(results: EigenResult[]): void {
    results.forEach((result, t) => {
      this.eigenvectors[t] = result.vectors;
      this.previousWarmRows[t] = this.warmRows[t];
      this.warmRows[t] = result.warmRows ?? result.vectors;
      this.lastIterations[t] = result.iterations;
    });
  }

  /** The last accepted eigenvectors of tracked index `t`, rows. */
  eigenvectorsOf(t: number): Float64Array | undefined {
    return this.eigenvectors[t];
  }

  /** Copies of the warm starts (for a resume point). */
  warmStarts(): WarmStarts {
    const copy = (rows: (Float64Array | undefined)[]) => rows.map((v) => (v ? Float64Array.from(v) : undefined));
    return {
      eigenvectors: copy(this.eigenvectors),
      warmRows: copy(this.warmRows),
      previousWarmRows: copy(this.previousWarmRows),
      lastIterations: [...this.lastIterations],
    };
  }

  /** Continues from another solver's warm starts (same config): the next solve is the one it would make. */
  restore(starts: WarmStarts): void {
    this.eigenvectors = starts.eigenvectors.map((v) => (v ? Float64Array.from(v) : undefined));
    this.warmRows = starts.warmRows.map((v) => (v ? Float64Array.from(v) : undefined));
    this.previousWarmRows = this.tracked.map((_, t) =>
      starts.previousWarmRows?.[t] ? Float64Array.from(starts.previousWarmRows[t]!) : undefined,
    );
    this.lastIterations = [...starts.lastIterations];
  }

  dispose(): void {
    this.share?.dispose();
    this.share = undefined;
    this.pendingShare = undefined;
  }

  /**
   * The eigenproblems of a checkpoint, warm-started from `warmRows` (the last solve's eigenvectors plus
   * its next Ritz vectors), extrapolated along their motion since `previousWarmRows` where both exist
   * (extrapolate.ts), with guard rows decided by `lastIterations` (its operator calls).
   */
  private problemsFrom(
    warmRows: (Float64Array | undefined)[],
    previousWarmRows: (Float64Array | undefined)[],
    lastIterations: (number | undefined)[],
  ): EigenProblem[] {
    const { beta, topj } = this.config;
    return this.tracked.map(({ matrix, block }, t) => {
      const j = Math.min(topj > 0 ? topj : block.j, block.dim);
      const last = lastIterations[t];
      const hard = last === undefined || last > 2;
      // Only where the last solve needed more than 2 calls (at a bulk edge, G here) is the warm start
      // worth extrapolating: easy blocks (H here) converge in 2 calls either way.
      const current = warmRows[t];
      const previous = previousWarmRows[t];
      const warm =
        hard && current && previous
          ? (extrapolateRows(current, previous, current.length / block.dim, block.dim) ?? current)
          : current;
      return {
        dim: block.dim,
        j,
        // Guard rows (warm-started from the previous solve's next Ritz vectors) pay off only where the
        // top-j sit at a bulk edge: a cold solve, or one whose last solve needed more than 2 calls
        // (the hard G blocks); easy H blocks gain nothing from them.
        guard: hard ? Math.ceil(j / 2) : 0,
        // Cold solves: block Lanczos with 2 rows per call (1 or 3 rows take as long, and 1 row would
        // miss a double eigenvalue's second copy), then, after a thick restart, at most 3 residual rows
        // per call (fewer mat-vecs than an uncapped residual expansion from a random block). Warm solves
        // send one row per unconverged pair (a cap saved few mat-vecs and cost time).
        // Measurements: docs/PERFORMANCE.md.
        maxExpansion: warm ? undefined : COLD_EXPANSION,
        lanczosBlock: warm ? undefined : COLD_LANCZOS_BLOCK,
        warm,
        warmCount: warm ? warm.length / block.dim : 0,
        lower: matrix === 'G' ? 0 : block.hPsd ? beta : undefined,
      };
    });
  }

  /** Sends the share its part of a checkpoint; the answer (or why it failed) comes back as a value. */
  private sendShare(
    share: SolveShare,
    problems: EigenProblem[],
    costs: readonly number[] | undefined,
    at: { step: number; params: Float32Array; seed: number },
    lookaheadAfter: boolean,
  ): PendingShare {
    const { step, params, seed } = at;
    const fraction =
      share.ready?.() === false
        ? STARTING_SHARE_FRACTION
        : lookaheadAfter
          ? this.shareFraction
          : this.fractionWithoutLookahead();
    const { local, shared } = sharedIndices(problems.length, costs, fraction);
    const request = shared.length > 0 ? shareRequest(shared, problems, params, seed) : undefined;
    const answer: Promise<ShareAnswer> = request
      ? share.solve(request).then(
          (results) => ({ results }),
          (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }),
        )
      : Promise.resolve({ results: [] });
    return {
      share,
      step,
      params: Float32Array.from(params),
      seed,
      problems,
      local,
      shared,
      request,
      answer,
      sentAt: performance.now(),
    };
  }

  /**
   * The share's part for a checkpoint after which no SGD is left (the last one): the balance of the last
   * solve without its lookahead time, so this thread does not wait for the share there. Applied as a shift of the smoothed fraction.
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
   * thread would otherwise wait through them at every checkpoint. Same request as the next solve would send, so the same numbers; used only if that solve is
   * for the same step, parameters and seed (else dropped).
   */
  private prefetch(results: EigenResult[], at: SolvePoint, ahead: Ahead): void {
    const share = this.share;
    if (!share || ahead.nonFinite || ahead.step <= at.step || this.tracked.length < 2) return;
    if (!(ahead.step % this.config.every === 0 || ahead.step === this.steps) || !allFinite(ahead.params)) return;
    const problems = this.problemsFrom(
      results.map((r) => r.warmRows ?? r.vectors),
      this.warmRows,
      results.map((r) => r.iterations),
    );
    const last = ahead.step >= this.steps;
    // the next checkpoint's solve seed: one more checkpoint recorded by then
    this.pendingShare = this.sendShare(
      share,
      problems,
      results.map((r) => r.applications),
      { step: ahead.step, params: ahead.params, seed: at.seed + 1 },
      !last,
    );
  }
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

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

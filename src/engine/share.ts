// A solve share: part of a checkpoint's eigensolves, computed elsewhere (another thread) from the config
// and the parameters alone. The run splits the problems by their last cost (sharedIndices) and both
// halves run at once on two cores.
//
// Numbers do not depend on the split: every problem carries its index in the whole set (which seeds
// its random start), the share rebuilds the same test set from the seed (runInputs.ts) and the same
// operator from the parameters, and a matmul's columns do not depend on which other columns ride along
// (share.test.ts checks a shared run against an unshared one, number for number).
import { solve } from '../math/eigen';
import type { EigenProblem, EigenResult } from '../math/eigen/types';
import type { Curvature, Model } from '../math/models/model';
import type { Mixture } from '../math/mixture';
import { disposeTestSet, type TestSet } from '../math/testSet';
import { resolve, type Config } from '../state/schema';
import { MAX_TEST_FLOATS } from '../state/validate';
import {
  buildCurvature,
  buildMixture,
  buildModel,
  buildTestSet,
  trackedSpectra,
  type TrackedSpectrum,
} from './runInputs';

export interface ShareRequest {
  /** tracked indices of the problems (the run file's spectra order) */
  tracked: number[];
  /** the problems, each with `index` = its tracked index */
  problems: EigenProblem[];
  /** the parameters at the checkpoint */
  params: Float32Array;
  /** the solve's seed (the run's seed + checkpoint count) */
  seed: number;
}

/** where a run's share of the solves goes; one per run */
export interface SolveShare {
  solve(request: ShareRequest): Promise<EigenResult[]>;
  /** false while its thread is still starting (it then gets a smaller part); absent = ready */
  ready?(): boolean;
  /** how long the thread spent on the last solve, ms (balances the next split); absent = unknown */
  lastSolveMs?(): number | undefined;
  dispose(): void;
}

/** makes a run's share (a thread that rebuilds the run's inputs, or the same thread in tests) */
export interface ShareHost {
  open(config: Config): SolveShare;
  close(): void;
}

/**
 * d·M from which a second thread pays for its start (Node: ~0.3 s from the CLI bundle, ~0.9 s under
 * tsx — tfjs and the test set again). The default preset (d 300, M 600) stays on one thread; the bench's
 * reference run (d 1000, M 2000) shares.
 */
export const SHARE_MIN_WORK = 250_000;

/**
 * Share or not: H and G on the fixed test set (the share rebuilds it from the seed), 2+ cores, a CPU backend (webgl/webgpu already run on the one GPU), checkpoints big
 * enough, and the test set small enough that its second copy (the share rebuilds it) keeps both within
 * the memory budget of one (validate.ts: MAX_TEST_FLOATS; d 4000 · M 8000 still shares).
 */
export function shareWorthwhile(config: Config, M: number, backend: string, cores: number): boolean {
  const work = config.d * M;
  return (
    // the recent window changes at every checkpoint and lives on this thread only
    config.measureOn === 'test' &&
    cores >= 2 &&
    (backend === 'wasm' || backend === 'cpu') &&
    work >= SHARE_MIN_WORK &&
    work <= MAX_TEST_FLOATS / 2
  );
}

/**
 * Which problems the share solves, `fraction` of the work (½ once it runs; less while it is still
 * starting). Before any measure (costs unknown): evenly spread indices (for ½ the odd ones: H and G
 * blocks alternate within each part). After: the last checkpoint's mat-vecs per problem as its cost,
 * split greedily (largest first, to the side further below its target; ties to this thread), so both
 * threads finish together — G blocks at a bulk edge cost ~3× an H block. Numbers never depend on it.
 */
export function sharedIndices(
  count: number,
  costs?: readonly number[],
  fraction = 0.5,
): { local: number[]; shared: number[] } {
  const local: number[] = [];
  const shared: number[] = [];
  const f = Math.min(1, Math.max(0, fraction));
  if (!costs || costs.length !== count || !costs.every((c) => Number.isFinite(c) && c >= 0)) {
    for (let t = 0; t < count; t++) (Math.floor((t + 1) * f) > Math.floor(t * f) ? shared : local).push(t);
    return { local, shared };
  }
  const order = costs.map((_, t) => t).sort((a, b) => costs[b] - costs[a] || a - b);
  let localLoad = 0;
  let sharedLoad = 0;
  for (const t of order) {
    // cross-multiplied load/target comparison (no division by a zero target)
    if (f < 1 && localLoad * f <= sharedLoad * (1 - f)) {
      local.push(t);
      localLoad += costs[t];
    } else {
      shared.push(t);
      sharedLoad += costs[t];
    }
  }
  return { local: local.sort((a, b) => a - b), shared: shared.sort((a, b) => a - b) };
}

/** The share's part while its thread is still starting (~0.3 s from the CLI bundle, ~0.9 s under tsx). */
export const STARTING_SHARE_FRACTION = 0.45;

/**
 * The share's fraction of the next checkpoint's work that makes both threads finish together, from
 * this one's timings: this thread spends `overheadMs` (its lookahead SGD) plus its part at its rate;
 * the share thread its part at its rate (rates in mat-vecs per ms). Solves
 *   overhead + (C − S)/localRate = S/sharedRate  for S, and returns S/C (clamped to [0.2, 0.8]);
 * undefined when a rate is unknown.
 */
export function balancedFraction(
  local: { cost: number; ms: number },
  shared: { cost: number; ms: number },
  overheadMs: number,
): number | undefined {
  if (!(local.cost > 0 && local.ms > 0 && shared.cost > 0 && shared.ms > 0)) return undefined;
  const localRate = local.cost / local.ms;
  const sharedRate = shared.cost / shared.ms;
  const total = local.cost + shared.cost;
  const S = (Math.max(0, overheadMs) + total / localRate) / (1 / localRate + 1 / sharedRate);
  return Math.min(0.8, Math.max(0.2, S / total));
}

export function shareRequest(
  tracked: number[],
  problems: EigenProblem[],
  params: Float32Array,
  seed: number,
): ShareRequest {
  return {
    tracked,
    problems: tracked.map((t) => ({ ...problems[t], index: t })),
    params: Float32Array.from(params),
    seed,
  };
}

/** The operator's apply restricted to some tracked indices (what one half of a split solve calls). */
export function applyOf(curvature: Curvature, tracked: TrackedSpectrum[], indices: number[]) {
  return (inputs: Float64Array[], counts: number[]) =>
    curvature.apply(
      indices.map((t, i) => ({
        matrix: tracked[t].matrix,
        block: tracked[t].block.id,
        vectors: inputs[i],
        count: counts[i],
      })),
    );
}

/** Computes shares on the active tfjs backend: the body of a share thread, and the in-process share. */
export class ShareSolver {
  private readonly config: Config;
  private readonly model: Model;
  private readonly mixture: Mixture;
  private readonly test: TestSet;
  private readonly tracked: TrackedSpectrum[];

  constructor(config: Config) {
    this.config = config;
    this.mixture = buildMixture(config);
    this.model = buildModel(config);
    this.test = buildTestSet(config, this.mixture, resolve(config).M);
    this.tracked = trackedSpectra(this.model, config);
  }

  async solve(request: ShareRequest): Promise<EigenResult[]> {
    const { tracked, problems, params, seed } = request;
    if (tracked.some((t) => !(t >= 0 && t < this.tracked.length)))
      throw new Error(`share: tracked index out of range (${this.tracked.length} spectra)`);
    const curvature = await buildCurvature(this.model, this.test, params, this.config, this.mixture);
    try {
      return await solve(this.config.solver, problems, applyOf(curvature, this.tracked, tracked), {
        tol: this.config.tol,
        seed,
      });
    } finally {
      curvature.dispose();
    }
  }

  dispose(): void {
    disposeTestSet(this.test);
  }
}

/** Shares on the calling thread (same numbers as a thread's; for tests and as a reference). */
export class InProcessShareHost implements ShareHost {
  opened = 0;
  open(config: Config): SolveShare {
    this.opened++;
    const solver = new ShareSolver(config);
    return { solve: (request) => solver.solve(request), dispose: () => solver.dispose() };
  }
  close(): void {}
}

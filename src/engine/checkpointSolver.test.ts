// The checkpoint solver gives the same numbers with or without a share, with or without the
// lookahead's prefetch, and after its warm starts were carried into another solver (a resume).
import { describe, expect, it } from 'vitest';
import type { EigenResult } from '../math/eigen/types';
import { clusterLabel, sampleInto } from '../math/mixture';
import { makeStream } from '../math/rng';
import { disposeTestSet } from '../math/testSet';
import { defaultConfig, resolve, type Config } from '../state/schema';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { CheckpointSolver, type Ahead } from './checkpointSolver';
import { buildMixture, buildModel, buildTestSet, trackedSpectra } from './runInputs';
import { InProcessShareHost, type ShareRequest, type SolveShare } from './share';

const small: Config = { ...defaultConfig(), d: 60, k: 3, M: 180, T: 3, every: 60, lambda: 30, topj: 3 };

/** The run's inputs and the parameters at each checkpoint of a short SGD run (step 0, every, …). */
function trajectory(config: Config) {
  const resolved = resolve(config);
  const mixture = buildMixture(config);
  const model = buildModel(config);
  const test = buildTestSet(config, mixture, resolved.M);
  const tracked = trackedSpectra(model, config);
  const params = model.init(makeStream(config.seed, 'init'));
  const rng = makeStream(config.seed, 'train');
  const inputs = new Float32Array(config.batch * config.d);
  const labels = new Int32Array(config.batch);
  const points: { step: number; params: Float32Array }[] = [{ step: 0, params: Float32Array.from(params) }];
  for (let step = 1; step <= resolved.steps; step++) {
    for (let b = 0; b < config.batch; b++)
      labels[b] = clusterLabel(mixture, sampleInto(mixture, rng, inputs, b * config.d));
    model.sgdStep(params, inputs, labels, config.batch, resolved.delta, config.beta);
    if (step % config.every === 0 || step === resolved.steps) points.push({ step, params: Float32Array.from(params) });
  }
  return { resolved, mixture, model, test, tracked, points };
}

type Trajectory = ReturnType<typeof trajectory>;

/** What a record keeps of a solve (and what the next warm start depends on). */
function numbers(results: EigenResult[]) {
  return results.map((r) => ({
    values: r.values,
    residuals: r.residuals,
    converged: r.converged,
    vectors: Array.from(r.vectors),
    applications: r.applications,
  }));
}

/**
 * Solves every checkpoint of the trajectory in order (seed = run seed + checkpoint index, costs = the
 * last mat-vecs, as a Run does) and returns each checkpoint's numbers. `lookahead` hands the solver the
 * next checkpoint's parameters (what a Run's SGD lookahead would reach).
 */
async function solveAll(
  config: Config,
  tr: Trajectory,
  solver: CheckpointSolver,
  options: { lookahead?: boolean; from?: number } = {},
) {
  const out: ReturnType<typeof numbers>[] = [];
  let costs: number[] | undefined;
  for (let c = options.from ?? 0; c < tr.points.length; c++) {
    const point = tr.points[c];
    const curvature = await tr.model.curvature(tr.test, point.params, config.beta, tr.mixture);
    const next = tr.points[c + 1];
    let lookedAhead = 0;
    const lookahead =
      options.lookahead && next
        ? (): Ahead => (lookedAhead++, { step: next.step, params: next.params, nonFinite: false })
        : undefined;
    const results = await solver.solve(
      curvature,
      { step: point.step, params: point.params, seed: config.seed + c, costs },
      lookahead,
    );
    curvature.dispose();
    expect(lookedAhead).toBeLessThanOrEqual(1);
    solver.accept(results);
    costs = results.map((r) => r.applications);
    out.push(numbers(results));
  }
  return out;
}

/** A share that records the requests it gets (and when), solving them in this thread. */
function recordingShare(config: Config) {
  const inner = new InProcessShareHost().open(config);
  const requests: ShareRequest[] = [];
  const share: SolveShare = {
    solve: (request) => (requests.push(request), inner.solve(request)),
    dispose: () => inner.dispose(),
  };
  return { share, requests };
}

describe.each(NODE_BACKENDS)('CheckpointSolver on %s', (backend) => {
  it('a share gives the numbers of no share, checkpoint for checkpoint', async () => {
    await useBackend(backend);
    const tr = trajectory(small);
    const plain = await solveAll(small, tr, new CheckpointSolver(small, tr.resolved.steps, tr.tracked));
    const shared = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    const { share, requests } = recordingShare(small);
    const failures: string[] = [];
    shared.useShare(share, (m) => failures.push(m));
    expect(await solveAll(small, tr, shared)).toEqual(plain);
    expect(failures).toEqual([]);
    // one request per checkpoint, each with part of the problems and that checkpoint's seed
    expect(requests.map((r) => r.seed)).toEqual(tr.points.map((_, c) => small.seed + c));
    for (const r of requests) expect(r.tracked.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.tracked.length < tr.tracked.length)).toBe(true);
    shared.dispose();
    disposeTestSet(tr.test);
  });

  it('with lookahead, the next request goes out before the next solve (prefetch), same numbers', async () => {
    await useBackend(backend);
    const tr = trajectory(small);
    const plain = await solveAll(small, tr, new CheckpointSolver(small, tr.resolved.steps, tr.tracked));
    const solver = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    const { share, requests } = recordingShare(small);
    solver.useShare(share);
    const sentBefore: number[] = [];
    const out: ReturnType<typeof numbers>[] = [];
    let costs: number[] | undefined;
    for (let c = 0; c < tr.points.length; c++) {
      const point = tr.points[c];
      const next = tr.points[c + 1];
      const curvature = await tr.model.curvature(tr.test, point.params, small.beta, tr.mixture);
      const results = await solver.solve(
        curvature,
        { step: point.step, params: point.params, seed: small.seed + c, costs },
        next ? () => ({ step: next.step, params: next.params, nonFinite: false }) : undefined,
      );
      curvature.dispose();
      sentBefore.push(requests.length);
      solver.accept(results);
      costs = results.map((r) => r.applications);
      out.push(numbers(results));
    }
    expect(out).toEqual(plain);
    // when checkpoint c is solved, the share already has the request of c + 1 (all but the last)
    const n = tr.points.length;
    expect(sentBefore).toEqual(Array.from({ length: n }, (_, c) => Math.min(n, c + 2)));
    expect(requests.map((r) => r.seed)).toEqual(tr.points.map((_, c) => small.seed + c));
    solver.dispose();
    disposeTestSet(tr.test);
  });

  it('a prefetch for other parameters than the next solve’s is dropped (the numbers stay)', async () => {
    await useBackend(backend);
    const tr = trajectory(small);
    const plain = await solveAll(small, tr, new CheckpointSolver(small, tr.resolved.steps, tr.tracked));
    const solver = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    const { share, requests } = recordingShare(small);
    solver.useShare(share);
    const out: ReturnType<typeof numbers>[] = [];
    let costs: number[] | undefined;
    for (let c = 0; c < tr.points.length; c++) {
      const point = tr.points[c];
      const next = tr.points[c + 1];
      const curvature = await tr.model.curvature(tr.test, point.params, small.beta, tr.mixture);
      // a lookahead that claims other parameters than the next checkpoint's
      const wrong = next ? Float32Array.from(next.params, (v) => v * 1.5) : undefined;
      const results = await solver.solve(
        curvature,
        { step: point.step, params: point.params, seed: small.seed + c, costs },
        next ? () => ({ step: next.step, params: wrong!, nonFinite: false }) : undefined,
      );
      curvature.dispose();
      solver.accept(results);
      costs = results.map((r) => r.applications);
      out.push(numbers(results));
    }
    expect(out).toEqual(plain);
    // every prefetch went out and was dropped: two requests per checkpoint but the last
    expect(requests).toHaveLength(2 * tr.points.length - 1);
    solver.dispose();
    disposeTestSet(tr.test);
  });

  it('a lookahead that stopped at non-finite parameters sends no prefetch', async () => {
    await useBackend(backend);
    const tr = trajectory(small);
    const solver = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    const { share, requests } = recordingShare(small);
    solver.useShare(share);
    const point = tr.points[0];
    const curvature = await tr.model.curvature(tr.test, point.params, small.beta, tr.mixture);
    await solver.solve(curvature, { step: 0, params: point.params, seed: small.seed }, () => ({
      step: small.every,
      params: tr.points[1].params,
      nonFinite: true,
    }));
    curvature.dispose();
    expect(requests).toHaveLength(1);
    solver.dispose();
    disposeTestSet(tr.test);
  });

  it('warm starts carried into a new solver continue exactly (a resume)', async () => {
    await useBackend(backend);
    const tr = trajectory(small);
    const whole = await solveAll(small, tr, new CheckpointSolver(small, tr.resolved.steps, tr.tracked));
    const first = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    const head = await solveAll(small, { ...tr, points: tr.points.slice(0, 2) }, first);
    const second = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    second.restore(first.warmStarts());
    // costs of checkpoint 1 (the split's weights) as the resumed run reads them from its records
    const tail: ReturnType<typeof numbers>[] = [];
    let costs: number[] | undefined = head[1].map((r) => r.applications);
    for (let c = 2; c < tr.points.length; c++) {
      const curvature = await tr.model.curvature(tr.test, tr.points[c].params, small.beta, tr.mixture);
      const results = await second.solve(curvature, {
        step: tr.points[c].step,
        params: tr.points[c].params,
        seed: small.seed + c,
        costs,
      });
      curvature.dispose();
      second.accept(results);
      costs = results.map((r) => r.applications);
      tail.push(numbers(results));
    }
    expect([...head, ...tail]).toEqual(whole);
    expect(Array.from(second.eigenvectorsOf(0)!)).toEqual(whole[whole.length - 1][0].vectors);
    disposeTestSet(tr.test);
  });
});

describe('CheckpointSolver with a failing share', () => {
  it('takes the share’s part back, says why once, and gives the same numbers', async () => {
    await useBackend('wasm');
    const tr = trajectory(small);
    const plain = await solveAll(small, tr, new CheckpointSolver(small, tr.resolved.steps, tr.tracked));
    const solver = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    let calls = 0;
    let disposed = 0;
    const failures: string[] = [];
    solver.useShare(
      { solve: async () => (calls++, Promise.reject(new Error('thread exited'))), dispose: () => disposed++ },
      (m) => failures.push(m),
    );
    expect(await solveAll(small, tr, solver)).toEqual(plain);
    expect(calls).toBe(1);
    expect(disposed).toBe(1);
    expect(failures).toEqual([
      'the solve share failed (thread exited); solving every block on this thread from now on',
    ]);
    disposeTestSet(tr.test);
  });

  it('without a share the lookahead is never called', async () => {
    await useBackend('wasm');
    const tr = trajectory(small);
    const solver = new CheckpointSolver(small, tr.resolved.steps, tr.tracked);
    let called = 0;
    const curvature = await tr.model.curvature(tr.test, tr.points[0].params, small.beta, tr.mixture);
    await solver.solve(
      curvature,
      { step: 0, params: tr.points[0].params, seed: small.seed },
      () => (called++, undefined),
    );
    curvature.dispose();
    expect(called).toBe(0);
    disposeTestSet(tr.test);
  });
});

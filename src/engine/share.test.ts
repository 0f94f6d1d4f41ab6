// A run that hands half of its solves to a share computes exactly the numbers of one that does not,
// on every Node backend and every solver; a share that fails is replaced by the run itself.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import { driveRun } from './execute';
import { Run } from './run';
import { balancedFraction, InProcessShareHost, sharedIndices, shareWorthwhile, type SolveShare } from './share';

const small: Config = { ...defaultConfig(), d: 80, k: 4, M: 240, T: 3, every: 80, lambda: 30, topj: 4 };

async function record(config: Config, share?: (config: Config) => SolveShare) {
  const run = await Run.create(config);
  const failures: string[] = [];
  if (share) run.useShare(share(config), (m) => failures.push(m));
  await driveRun(run);
  const file = run.toRunFile({ backend: tf.getBackend() });
  run.dispose();
  return { checkpoints: JSON.parse(JSON.stringify(file.checkpoints)), failures };
}

describe('the split', () => {
  it('alternates, so H and G blocks split evenly', () => {
    expect(sharedIndices(8)).toEqual({ local: [0, 2, 4, 6], shared: [1, 3, 5, 7] });
    expect(sharedIndices(1)).toEqual({ local: [0], shared: [] });
    // a third while the share's thread starts: spread over the list
    expect(sharedIndices(9, undefined, 1 / 3)).toEqual({ local: [0, 1, 3, 4, 6, 7], shared: [2, 5, 8] });
    expect(sharedIndices(3, [4, 2, 2], 1 / 3)).toEqual({ local: [0, 2], shared: [1] }); // 6 : 2, nearest to 2 : 1
    expect(sharedIndices(3, [4, 2, 2], 0)).toEqual({ local: [0, 1, 2], shared: [] });
    expect(sharedIndices(3, [4, 2, 2], 1)).toEqual({ local: [], shared: [0, 1, 2] });
  });
  it('with the last costs: largest first to the lighter side, so the loads match', () => {
    // 2 costly G-like blocks and 4 cheap H-like ones: 62+20+20 here vs 60+20+20 there
    expect(sharedIndices(6, [62, 60, 20, 20, 20, 20])).toEqual({ local: [0, 3, 5], shared: [1, 2, 4] });
    expect(sharedIndices(4, [5, 5, 5, 5])).toEqual({ local: [0, 2], shared: [1, 3] });
    // unusable costs (missing, wrong length, NaN) fall back to the alternating split
    expect(sharedIndices(4, [1, Number.NaN, 1, 1])).toEqual({ local: [0, 2], shared: [1, 3] });
    expect(sharedIndices(4, [1, 1])).toEqual({ local: [0, 2], shared: [1, 3] });
  });
});

// every solver on wasm; the default and the reference on cpu (cpu Chebyshev alone takes ~30 s here)
const CASES = NODE_BACKENDS.flatMap((backend) =>
  (backend === 'cpu' ? (['krylov', 'power'] as const) : (['krylov', 'chebyshev', 'subspace', 'power'] as const)).map(
    (solver) => [backend, solver] as const,
  ),
);

describe('balancedFraction', () => {
  it('splits so that both threads finish together', () => {
    // equal rates, no overhead: half; this thread has 30 ms of SGD to do first: the share takes more
    expect(balancedFraction({ cost: 100, ms: 100 }, { cost: 100, ms: 100 }, 0)).toBeCloseTo(0.5, 12);
    const f = balancedFraction({ cost: 100, ms: 100 }, { cost: 100, ms: 100 }, 30)!;
    expect(f).toBeCloseTo(0.575, 12); // 30 + (200 − S) = S → S = 115
    // a share thread twice as fast gets two thirds
    expect(balancedFraction({ cost: 100, ms: 100 }, { cost: 100, ms: 50 }, 0)).toBeCloseTo(2 / 3, 12);
    // clamped, and unknown rates give nothing
    expect(balancedFraction({ cost: 100, ms: 100 }, { cost: 100, ms: 1 }, 0)).toBe(0.8);
    expect(balancedFraction({ cost: 100, ms: 100 }, { cost: 100, ms: 0 }, 0)).toBeUndefined();
    expect(balancedFraction({ cost: 0, ms: 100 }, { cost: 100, ms: 10 }, 0)).toBeUndefined();
  });
});

describe('when to share', () => {
  it('2+ cores, wasm or cpu, d·M from 250 000 up to half the test-set budget', () => {
    const at = (d: number, M: number, backend = 'wasm', cores = 2) =>
      shareWorthwhile({ ...defaultConfig(), d }, M, backend, cores);
    expect(at(1000, 2000)).toBe(true);
    expect(at(4000, 8000)).toBe(true);
    expect(at(300, 600)).toBe(false); // the default preset: a thread start would cost more than it saves
    expect(at(1000, 2000, 'webgl')).toBe(false);
    expect(at(1000, 2000, 'wasm', 1)).toBe(false);
    expect(at(8000, 8000)).toBe(false); // a second copy would exceed the memory budget
  });
});

describe('a shared run', () => {
  it.each(CASES)('equals the unshared run number for number (%s, %s)', async (backend, solver) => {
    await useBackend(backend);
    const config = { ...small, solver, full: solver === 'krylov' };
    const plain = await record(config);
    const host = new InProcessShareHost();
    const shared = await record(config, (c) => host.open(c));
    expect(host.opened).toBe(1);
    expect(shared.failures).toEqual([]);
    expect(shared.checkpoints).toEqual(plain.checkpoints);
  });
});

describe('lookahead (SGD to the next checkpoint while the share solves)', () => {
  it('a run that diverges between checkpoints: same step, message and last checkpoint as without a share', async () => {
    await useBackend('wasm');
    // diverges at step ~120, between the checkpoints at 0 and 200 (divergence.test.ts)
    const diverging: Config = { ...defaultConfig(), d: 40, k: 3, cdelta: 100, beta: 10, T: 2000, every: 200, seed: 5 };
    const outcome = async (share: boolean) => {
      const run = await Run.create(diverging);
      if (share) run.useShare(new InProcessShareHost().open(diverging));
      await driveRun(run);
      const out = {
        status: run.status,
        message: run.message,
        at: run.divergedAtStep,
        step: run.step,
        params: Array.from(run.params),
        checkpoints: JSON.parse(JSON.stringify(run.checkpoints)),
      };
      run.dispose();
      return out;
    };
    const plain = await outcome(false);
    expect(plain.status).toBe('diverged');
    expect(plain.checkpoints).toHaveLength(1);
    expect(await outcome(true)).toEqual(plain);
  });

  it('pipelined: the share gets the next checkpoint’s part before this record is built, same numbers', async () => {
    await useBackend('wasm');
    const plain = await record(small);
    const host = new InProcessShareHost();
    const seeds: number[] = [];
    const atRecord: number[] = [];
    const run = await Run.create(small);
    const inner = host.open(small);
    run.useShare({
      solve: (request) => (seeds.push(request.seed), inner.solve(request)),
      dispose: () => inner.dispose(),
    });
    await driveRun(run, () => atRecord.push(seeds.length));
    const file = run.toRunFile({ backend: tf.getBackend() });
    run.dispose();
    expect(JSON.parse(JSON.stringify(file.checkpoints))).toEqual(plain.checkpoints);
    const n = plain.checkpoints.length;
    // one request per checkpoint, seeds in order; when checkpoint c is recorded the share already has
    // the request of c + 1 (all but the last)
    expect(seeds).toEqual(Array.from({ length: n }, (_, c) => small.seed + c));
    expect(atRecord).toEqual(Array.from({ length: n }, (_, c) => Math.min(n, c + 2)));
  });

  it('measure() with lookahead returns at the next checkpoint; resume points stay at the recorded one', async () => {
    await useBackend('wasm');
    const run = await Run.create(small);
    run.useShare(new InProcessShareHost().open(small));
    const first = await run.measure({ lookahead: true });
    expect(first.step).toBe(0);
    expect(run.step).toBe(small.every);
    expect(run.resumePoint()?.step).toBe(0);
    // the resume point continues exactly as the run itself does
    const resumed = await Run.create(small);
    await resumed.resume(run.resumePoint()!);
    resumed.advance(small.every);
    expect(Array.from(resumed.params)).toEqual(Array.from(run.params));
    run.dispose();
    resumed.dispose();
  });
});

describe('a failing share', () => {
  it('is dropped with a message and the run goes on with the same numbers', async () => {
    await useBackend('wasm');
    const plain = await record(small);
    let calls = 0;
    let disposed = 0;
    const broken = (): SolveShare => ({
      solve: async () => {
        calls++;
        throw new Error('thread exited');
      },
      dispose: () => disposed++,
    });
    const shared = await record(small, broken);
    expect(calls).toBe(1);
    expect(disposed).toBe(1);
    expect(shared.failures).toEqual([
      'the solve share failed (thread exited); solving every block on this thread from now on',
    ]);
    expect(shared.checkpoints).toEqual(plain.checkpoints);
  });
});

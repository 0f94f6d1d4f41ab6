// The measurements of `npm run bench`, shared by Node (bench.ts) and the browser page
// (browser/benchPage.ts): no Node or DOM imports, only the engine and the active tfjs backend.
import * as tf from '@tensorflow/tfjs-core';
import { driveRun } from '../engine/execute';
import { Run } from '../engine/run';
import type { ShareHost } from '../engine/share';
import { defaultConfig, type Config } from '../state/schema';
import { summarize, type Summary } from './stats';

/** The reference bench run: d 1000, k 10, M 2000, ten class blocks of top-10 (the NumPy + ARPACK peer runs the same). */
export const BENCH_D1000_K10: Config = {
  ...defaultConfig(),
  d: 1000,
  k: 10,
  M: 2000,
  T: 10,
  every: 1000,
  topj: 10,
  full: false,
  lambda: 50,
  beta: 0.1,
  cdelta: 1,
  seed: 1,
};

export interface Row {
  what: string;
  value: Summary;
  unit: string;
  note?: string;
}

const now = () => performance.now();

/**
 * SGD steps/s at d 1000, k 10, batch 1. T is raised far beyond the steps timed: Run.advance never runs
 * past the run's last step (T·d/c_δ), which made the old row time nothing.
 */
export async function benchSgd(repeats: number, steps = 20000): Promise<Row> {
  const run = await Run.create({ ...BENCH_D1000_K10, T: 10_000 });
  run.advance(2000); // JIT warm-up
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    const ran = run.advance(steps);
    if (ran !== steps) throw new Error(`bench: advance ran ${ran} of ${steps} steps`);
    rates.push(steps / ((now() - t0) / 1000));
  }
  run.dispose();
  return { what: 'SGD (d 1000, k 10, batch 1)', value: summarize(rates), unit: 'steps/s' };
}

/** One H·V and one G·V apply over all 10 class blocks, 10 vectors each (M 2000). */
export async function benchApply(repeats: number): Promise<Row[]> {
  const run = await Run.create(BENCH_D1000_K10);
  run.advance(3000);
  await run.measure();
  const curvature = run.lastCurvature!;
  const { d, k } = BENCH_D1000_K10;
  const rows: Row[] = [];
  for (const matrix of ['H', 'G'] as const) {
    const requests = Array.from({ length: k }, (_, c) => ({
      matrix,
      block: `class:${c}`,
      count: 10,
      vectors: Float64Array.from({ length: 10 * d }, (_, i) => Math.sin(i + c)),
    }));
    await curvature.apply(requests);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = now();
      await curvature.apply(requests);
      times.push(now() - t0);
    }
    rows.push({
      what: `one ${matrix}·V apply: 10 class blocks × 10 vectors (d 1000, M 2000)`,
      value: summarize(times),
      unit: 'ms',
      note: `${((4 * BENCH_D1000_K10.M! * d * 100) / (summarize(times).median / 1000) / 1e9).toFixed(1)} GFLOP/s`,
    });
  }
  run.dispose();
  return rows;
}

export interface CheckpointBench {
  rows: Row[];
  /** mean mat-vecs per block solve of the warm checkpoint, H and G blocks separately */
  warmPerBlock: { H: number; G: number; all: number };
}

/** Cold (step 3000, no warm start) and warm (1000 steps later) checkpoints: ms and mat-vecs per block. */
export async function benchCheckpoint(
  solver: Config['solver'],
  repeats: number,
  base: Config = BENCH_D1000_K10,
  label = 'top-10 of 20 class blocks, d 1000, M 2000',
  shares?: ShareHost,
): Promise<CheckpointBench> {
  const cold: number[] = [];
  const warm: number[] = [];
  let coldApps = { H: 0, G: 0, all: 0 };
  let warmApps = { H: 0, G: 0, all: 0 };
  let unconverged = 0;
  const perBlock = (spectra: { matrix: string; applications?: number }[]) => {
    const mean = (m?: string) => {
      const s = spectra.filter((sp) => !m || sp.matrix === m);
      return s.reduce((acc, sp) => acc + (sp.applications ?? 0), 0) / Math.max(1, s.length);
    };
    return { H: mean('H'), G: mean('G'), all: mean() };
  };
  for (let r = 0; r < repeats; r++) {
    const config = { ...base, solver, theory: false };
    const run = await Run.create(config);
    if (shares) run.useShare(shares.open(config), (m) => console.warn(m));
    run.advance(3 * base.every);
    let t0 = now();
    const c1 = await run.measure();
    cold.push(now() - t0);
    run.advance(base.every);
    t0 = now();
    const c2 = await run.measure();
    warm.push(now() - t0);
    coldApps = perBlock(c1.spectra);
    warmApps = perBlock(c2.spectra);
    unconverged += [...c1.spectra, ...c2.spectra].reduce((s, sp) => s + sp.converged.filter((c) => !c).length, 0);
    run.dispose();
  }
  const note = (a: { H: number; G: number; all: number }) =>
    `${a.all.toFixed(1)} mat-vecs/block (H ${a.H.toFixed(1)}, G ${a.G.toFixed(1)})`;
  return {
    rows: [
      {
        what: `checkpoint cold, ${solver}${shares ? ', 2 threads' : ''} (${label})`,
        value: summarize(cold),
        unit: 'ms',
        note: note(coldApps) + (unconverged ? `; ${unconverged} pairs unconverged` : ''),
      },
      {
        what: `checkpoint warm, ${solver}${shares ? ', 2 threads' : ''}`,
        value: summarize(warm),
        unit: 'ms',
        note: note(warmApps),
      },
    ],
    warmPerBlock: warmApps,
  };
}

/** A whole run in this process (no process start): the reference settings, theory off unless asked. */
export async function benchRunInProcess(config: Config, repeats: number, what: string): Promise<Row> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    const run = await Run.create(config);
    await driveRun(run);
    run.dispose();
    times.push((now() - t0) / 1000);
  }
  return { what, value: summarize(times), unit: 's' };
}

/** tf.memory() after building a d = 4000, k = 10, M = 8000 run and measuring one checkpoint. */
export function tensorBytes(): number {
  return tf.memory().numBytes;
}

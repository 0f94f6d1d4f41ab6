// `npm run bench`: medians (min–max) of the costs that matter, in Node on wasm (or --backend cpu).
//  1. SGD steps/s, d = 1000, k = 10, batch 1
//  2. one H·V and one G·V apply over all 10 class blocks (10 vectors each), M = 2000
//  3. a checkpoint: top-10 of all 10 class blocks of H and G, cold and warm, ms and mat-vec products
//  4. the issue-7 end-to-end run (d 1000, k 10, M 2000, T 10, every 1000, top-10), in process
// Writes bench-results/bench.json beside the printed markdown table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startNodeBackend } from '../engine/backend';
import { driveRun } from '../engine/execute';
import { Run } from '../engine/run';
import { defaultConfig, SOLVERS, type Config } from '../state/schema';
import { fmt, summarize, type Summary } from './stats';

const args = process.argv.slice(2);
const backendArg = args.includes('--backend') ? args[args.indexOf('--backend') + 1] : 'auto';
const repeats = args.includes('--repeats') ? Number(args[args.indexOf('--repeats') + 1]) : 5;

const base: Config = { ...defaultConfig(), d: 1000, k: 10, M: 2000, T: 10, every: 1000, topj: 10, full: false, lambda: 50, beta: 0.1, cdelta: 1, seed: 1 };

interface Row {
  what: string;
  value: Summary;
  unit: string;
  extra?: string;
}
const rows: Row[] = [];

async function benchSgd(): Promise<void> {
  const run = await Run.create(base);
  const steps = 20000;
  run.advance(2000); // warm up the JIT
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    run.advance(steps);
    rates.push(steps / ((performance.now() - t0) / 1000));
  }
  run.dispose();
  rows.push({ what: 'SGD steps/s (d 1000, k 10, batch 1)', value: summarize(rates), unit: 'steps/s' });
}

async function benchApply(): Promise<void> {
  const run = await Run.create(base);
  run.advance(3000);
  await run.measure();
  const curvature = run.lastCurvature!;
  const d = base.d;
  for (const matrix of ['H', 'G'] as const) {
    const requests = Array.from({ length: base.k }, (_, c) => ({ matrix, block: `class:${c}`, count: 10, vectors: Float64Array.from({ length: 10 * d }, (_, i) => Math.sin(i + c)) }));
    await curvature.apply(requests);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await curvature.apply(requests);
      times.push(performance.now() - t0);
    }
    rows.push({ what: `one ${matrix}·V apply, all 10 class blocks × 10 vectors (M 2000)`, value: summarize(times), unit: 'ms' });
  }
  run.dispose();
}

async function benchCheckpoint(solver: Config['solver']): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  let coldApps = 0;
  let warmApps = 0;
  let unconverged = 0;
  for (let r = 0; r < repeats; r++) {
    const run = await Run.create({ ...base, solver });
    run.advance(3000);
    let t0 = performance.now();
    const c1 = await run.measure();
    cold.push(performance.now() - t0);
    run.advance(1000);
    t0 = performance.now();
    const c2 = await run.measure();
    warm.push(performance.now() - t0);
    coldApps = c1.spectra.reduce((s, sp) => s + (sp.applications ?? 0), 0) / c1.spectra.length;
    warmApps = c2.spectra.reduce((s, sp) => s + (sp.applications ?? 0), 0) / c2.spectra.length;
    unconverged += c2.spectra.reduce((s, sp) => s + sp.converged.filter((c) => !c).length, 0);
    run.dispose();
  }
  rows.push({ what: `checkpoint cold, ${solver} (top-10 of 20 class blocks)`, value: summarize(cold), unit: 'ms', extra: `${coldApps.toFixed(1)} mat-vecs/block` });
  rows.push({ what: `checkpoint warm, ${solver}`, value: summarize(warm), unit: 'ms', extra: `${warmApps.toFixed(1)} mat-vecs/block${unconverged ? `, ${unconverged} pairs unconverged` : ''}` });
}

async function benchEndToEnd(): Promise<void> {
  const times: number[] = [];
  for (let r = 0; r < Math.min(repeats, 3); r++) {
    const t0 = performance.now();
    const run = await Run.create(base);
    await driveRun(run);
    run.dispose();
    times.push((performance.now() - t0) / 1000);
  }
  rows.push({ what: 'end-to-end in process: d 1000, k 10, M 2000, T 10, every 1000, top-10 (11 checkpoints)', value: summarize(times), unit: 's' });
}

async function main() {
  const backend = await startNodeBackend(backendArg);
  console.log(`backend: ${backend.reason}; ${repeats} repeats; medians (min–max)\n`);
  await benchSgd();
  await benchApply();
  const solvers = args.includes('--solver') ? [args[args.indexOf('--solver') + 1] as Config['solver']] : [...SOLVERS];
  for (const solver of solvers) await benchCheckpoint(solver);
  await benchEndToEnd();
  console.log('| measurement | median (min–max) | unit | note |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.what} | ${fmt(row.value, row.unit === 'steps/s' ? 0 : 2)} | ${row.unit} | ${row.extra ?? ''} |`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', JSON.stringify({ backend: backend.name, repeats, rows }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

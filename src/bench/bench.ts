// `npm run bench`: medians (min–max) of the costs that matter, in Node on wasm (or --backend cpu).
//  1. SGD steps/s, d = 1000, k = 10, batch 1
//  2. one H·V and one G·V apply over all 10 class blocks (10 vectors each), M = 2000
//  3. a checkpoint per solver: top-10 of all 10 class blocks of H and G, cold and warm, ms and mat-vecs
//  4. the reference run (BENCH_D1000_K10) end to end: `npm run experiment` as a fresh process (process start included), and
//     in process; with --peer also the NumPy + ARPACK peer (src/bench/peer.py) on this machine
//  5. --memory: peak memory of a d = 4000, k = 10, M = 8000 run (cold + warm checkpoint)
// `--browser`: the same measurements in headless Chromium per backend (browser/runBrowser.ts).
// Writes bench-results/bench.json (or browser.json) beside the printed markdown table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { startNodeBackend } from '../engine/backend';
import { threadShareHost } from '../cli/threadShare';
import { Run } from '../engine/run';
import { SOLVERS, type Config } from '../state/schema';
import { benchApply, benchCheckpoint, benchRunInProcess, benchSgd, BENCH_D1000_K10, type Row } from './measure';
import { fmt, summarize } from './stats';

const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const backendArg = valueOf('--backend') ?? 'auto';
const repeats = Number(valueOf('--repeats') ?? 3);

function table(rows: Row[]): string {
  const lines = ['| measurement | median (min–max) | unit | note |', '|---|---|---|---|'];
  for (const row of rows)
    lines.push(
      `| ${row.what} | ${fmt(row.value, row.unit === 'steps/s' ? 0 : row.unit === 's' ? 2 : 1)} | ${row.unit} | ${row.note ?? ''} |`,
    );
  return lines.join('\n');
}

/** The reference settings as CLI flags. */
function referenceFlags(extra: string[] = []): string[] {
  const c = BENCH_D1000_K10;
  return [
    '--d',
    `${c.d}`,
    '--k',
    `${c.k}`,
    '--M',
    `${c.M}`,
    '--T',
    `${c.T}`,
    '--every',
    `${c.every}`,
    '--topj',
    `${c.topj}`,
    '--full',
    'false',
    '--lambda',
    `${c.lambda}`,
    '--beta',
    `${c.beta}`,
    '--cdelta',
    `${c.cdelta}`,
    '--seed',
    `${c.seed}`,
    '--quiet',
    '--out',
    '/tmp/eigenalign-bench-run.json',
    ...extra,
  ];
}

/** `npm run experiment` as the user runs it: a fresh process, tsx + tfjs + wasm start included. */
function benchCli(extra: string[], what: string): Row {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const res = spawnSync('npm', ['run', '-s', 'experiment', '--', ...referenceFlags(extra)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (res.status !== 0) throw new Error(`experiment failed: ${res.stderr.toString()}`);
    times.push((performance.now() - t0) / 1000);
  }
  return { what, value: summarize(times), unit: 's' };
}

interface PeerResult {
  total_s: number;
  eigsh_s: number;
  sgd_steps_per_s: number;
  matvecs_per_block: number;
  matvecs_H: number;
  matvecs_G: number;
}

/**
 * The NumPy + SciPy eigsh peer, wall time of the whole python3 process. Debian's /usr/bin/python3
 * (python3-numpy, python3-scipy: the reference peer of ARCHITECTURE.md) when present: a pyenv python3
 * earlier on PATH may carry a different BLAS build and measured ~1.8× slower here.
 */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
function benchPeer(): { rows: Row[]; detail: PeerResult[] } | undefined {
  try {
    execFileSync(PYTHON, ['-c', 'import numpy, scipy'], { stdio: 'ignore' });
  } catch {
    console.error('peer: python3 with numpy and scipy not found; skipped');
    return undefined;
  }
  // OpenBLAS with its default threads (2 here) and with one: on this shared VM either can be the faster
  // (measured 8.7 vs 16 s one day, 16 vs 8.5 s another), so both are reported and compared with
  const variants: { what: string; env: NodeJS.ProcessEnv }[] = [
    {
      what: 'peer: NumPy SGD + SciPy eigsh (ARPACK, tol 1e-4), same settings, process start included, OpenBLAS default threads',
      env: process.env,
    },
    { what: 'peer, OPENBLAS_NUM_THREADS=1', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } },
  ];
  const rows: Row[] = [];
  const detail: PeerResult[] = [];
  for (const variant of variants) {
    const times: number[] = [];
    const own: PeerResult[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const out = execFileSync(PYTHON, ['src/bench/peer.py'], { env: variant.env }).toString();
      times.push((performance.now() - t0) / 1000);
      own.push(JSON.parse(out.trim().split('\n').pop()!) as PeerResult);
    }
    const mv = own[0];
    rows.push({
      what: variant.what,
      value: summarize(times),
      unit: 's',
      note: `eigsh ${summarize(own.map((d) => d.eigsh_s)).median.toFixed(2)} s; ${mv.matvecs_per_block.toFixed(1)} mat-vecs/block (H ${mv.matvecs_H.toFixed(1)}, G ${mv.matvecs_G.toFixed(1)}); SGD ${summarize(own.map((d) => d.sgd_steps_per_s)).median.toFixed(0)} steps/s`,
    });
    detail.push(...own);
  }
  return { rows, detail };
}

/** Peak RSS and tensor memory of a d = 4000, k = 10, M = 8000 run (top-10 of 20 class blocks). */
async function benchMemory(): Promise<Row[]> {
  const config: Config = { ...BENCH_D1000_K10, d: 4000, M: 8000, every: 4000, T: 10, theory: false };
  let peakRss = process.memoryUsage().rss;
  let peakTensor = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakTensor = Math.max(peakTensor, tf.memory().numBytes);
  };
  const timer = setInterval(sample, 20);
  const run = await Run.create(config);
  sample();
  run.advance(config.every);
  let t0 = performance.now();
  const cold = await run.measure();
  const coldMs = performance.now() - t0;
  run.advance(config.every);
  t0 = performance.now();
  const warm = await run.measure();
  const warmMs = performance.now() - t0;
  sample();
  clearInterval(timer);
  run.dispose();
  const per = (spectra: { applications?: number }[]) =>
    (spectra.reduce((s, sp) => s + (sp.applications ?? 0), 0) / spectra.length).toFixed(1);
  const one = (v: number) => summarize([v]);
  return [
    {
      what: 'd 4000, k 10, M 8000: checkpoint cold (top-10 of 20 class blocks)',
      value: one(coldMs),
      unit: 'ms',
      note: `${per(cold.spectra)} mat-vecs/block`,
    },
    {
      what: 'd 4000, k 10, M 8000: checkpoint warm',
      value: one(warmMs),
      unit: 'ms',
      note: `${per(warm.spectra)} mat-vecs/block`,
    },
    {
      what: 'd 4000, k 10, M 8000: peak resident memory (Node process)',
      value: one(peakRss / 2 ** 20),
      unit: 'MiB',
      note: 'process.memoryUsage().rss sampled every 20 ms',
    },
    {
      what: 'd 4000, k 10, M 8000: peak tensor memory (float32 Ŷ, Ŷᵀ, operator temporaries)',
      value: one(peakTensor / 2 ** 20),
      unit: 'MiB',
      note: 'tf.memory().numBytes',
    },
  ];
}

async function main() {
  if (args.includes('--browser')) {
    const { runBrowserBench } = await import('./browser/runBrowser');
    await runBrowserBench(args);
    return;
  }
  const backend = await startNodeBackend(backendArg);
  console.log(`backend: ${backend.reason}; ${repeats} repeats; medians (min–max)\n`);
  const rows: Row[] = [];
  const only = valueOf('--only');
  const want = (part: string) => !only || only.split(',').includes(part);
  if (want('sgd')) rows.push(await benchSgd(repeats));
  if (want('apply')) rows.push(...(await benchApply(repeats)));
  if (want('checkpoint')) {
    const solvers = valueOf('--solver') ? [valueOf('--solver') as Config['solver']] : [...SOLVERS];
    // power takes ~10 s per checkpoint: one repeat is enough to show it is the slow reference
    for (const solver of solvers) rows.push(...(await benchCheckpoint(solver, solver === 'power' ? 1 : repeats)).rows);
    // the default solver with its solve share on a second thread, as the CLI runs it on 2+ cores
    const shares = threadShareHost(backend.name);
    try {
      rows.push(...(await benchCheckpoint('krylov', repeats, BENCH_D1000_K10, undefined, shares)).rows);
    } finally {
      shares.close();
    }
  }
  if (want('e2e')) {
    rows.push(
      benchCli(
        [],
        '`npm run experiment` reference settings (d 1000, k 10, M 2000, T 10, every 1000, top-10), fresh process (threads auto: 2 here)',
      ),
    );
    rows.push(benchCli(['--threads', '1'], 'same, --threads 1 (no solve share)'));
    rows.push(benchCli(['--theory', 'false'], 'same, --theory false (no theory layer, like the peer)'));
    rows.push(
      await benchRunInProcess(
        { ...BENCH_D1000_K10, theory: false },
        repeats,
        'same run in process (no process start), theory off',
      ),
    );
  }
  let peer: ReturnType<typeof benchPeer>;
  if (args.includes('--peer')) {
    peer = benchPeer();
    if (peer) rows.push(...peer.rows);
  }
  if (args.includes('--memory')) rows.push(...(await benchMemory()));
  console.log(table(rows));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/bench.json',
    JSON.stringify({ backend: backend.name, repeats, rows, peer: peer?.detail }, null, 2),
  );
  console.log('\nwrote bench-results/bench.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

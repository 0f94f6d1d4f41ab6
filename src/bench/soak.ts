// `npm run soak [-- --steps 1000000 --every 10000 --d 300 --backend wasm]`: a long headless run that
// reports its memory at intervals — Node rss / heapUsed / external / arrayBuffers and tfjs
// numTensors / numBytes — so a leak shows as a trend. Writes bench-results/soak.json.
// Checkpoint records are kept by the run (a few kB each), so heapUsed may grow by that much; tensors
// and tensor bytes must not grow at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { startNodeBackend } from '../engine/backend';
import { Run } from '../engine/run';
import { defaultConfig, type Config } from '../state/schema';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number | string) =>
  args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : String(fallback);
const steps = Number(arg('steps', 1_000_000));
const every = Number(arg('every', 10_000));
const d = Number(arg('d', 300));
const backendArg = arg('backend', 'wasm');
const reports = Number(arg('reports', 20));

interface Sample {
  step: number;
  checkpoints: number;
  seconds: number;
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  arrayBuffersMB: number;
  numTensors: number;
  numBytes: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  const backend = await startNodeBackend(backendArg);
  // δ = c_δ/d = 1/d: T = steps/d runs exactly `steps` SGD steps.
  const config: Config = { ...defaultConfig(), d, T: steps / d, every, backend: backend.name as Config['backend'] };
  const run = await Run.create(config);
  if (run.resolved.steps !== steps) throw new Error(`config resolves to ${run.resolved.steps} steps, not ${steps}`);
  const samples: Sample[] = [];
  const started = performance.now();
  const sample = () => {
    global.gc?.();
    const m = process.memoryUsage();
    const t = tf.memory();
    const s: Sample = {
      step: run.step,
      checkpoints: run.checkpoints.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      rssMB: mb(m.rss),
      heapUsedMB: mb(m.heapUsed),
      externalMB: mb(m.external),
      arrayBuffersMB: mb(m.arrayBuffers),
      numTensors: t.numTensors,
      numBytes: t.numBytes,
    };
    samples.push(s);
    console.log(
      Object.entries(s)
        .map(([k, v]) => `${k} ${v}`)
        .join('  '),
    );
  };
  const reportEvery = Math.max(1, Math.round(steps / every / reports));
  console.log(
    `soak: ${steps} steps, a checkpoint every ${every} (d ${d}, k ${config.k}, M ${run.resolved.M}) on ${backend.name}${global.gc ? '' : ' (run node with --expose-gc for steadier heap numbers)'}`,
  );
  while (!run.done) {
    const due = run.stepsToNextCheckpoint();
    if (due === 0) {
      await run.measure();
      if (run.checkpoints.length % reportEvery === 1 || run.done) sample();
    } else run.advance(due);
  }
  const warm = samples[Math.min(1, samples.length - 1)];
  const last = samples[samples.length - 1];
  const summary = {
    status: run.status,
    steps: run.step,
    checkpoints: run.checkpoints.length,
    seconds: last.seconds,
    tensorsFlat: samples.slice(1).every((s) => s.numTensors === warm.numTensors && s.numBytes === warm.numBytes),
    growthAfterWarmup: {
      rssMB: Math.round((last.rssMB - warm.rssMB) * 10) / 10,
      heapUsedMB: Math.round((last.heapUsedMB - warm.heapUsedMB) * 10) / 10,
      arrayBuffersMB: Math.round((last.arrayBuffersMB - warm.arrayBuffersMB) * 10) / 10,
      numTensors: last.numTensors - warm.numTensors,
      numBytes: last.numBytes - warm.numBytes,
    },
    checkpointRecordsKB: Math.round(JSON.stringify(run.checkpoints).length / 1024),
  };
  run.dispose();
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/soak.json',
    JSON.stringify({ config, backend: backend.name, samples, summary }, null, 2) + '\n',
  );
  if (!summary.tensorsFlat) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

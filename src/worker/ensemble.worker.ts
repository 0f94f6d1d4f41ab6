// The ensemble Worker: runs N seeds of one config one after the other, each straight to its last
// step with one final checkpoint (engine/ensemble.ts), or with every checkpoint when the batch keeps
// per-seed trajectories, posting progress and every seed's result.
// SGD runs in chunks with a yield between them, so a cancel is answered within one chunk.
import {
  driveAllCheckpoints,
  driveFinalOnly,
  ensembleEntry,
  summarizeEnsemble,
  type EnsembleEntry,
} from '../engine/ensemble';
import { modelInfo } from '../models/registry';
import { Run } from '../engine/run';
import { resolve } from '../state/schema';
import { chooseBackend } from './backends';
import { ENSEMBLE_PROTOCOL_VERSION, type EnsembleCommand, type EnsembleFrame } from './ensembleProtocol';

declare const self: DedicatedWorkerGlobalScope;

type Body = EnsembleFrame extends infer F ? (F extends EnsembleFrame ? Omit<F, 'v'> : never) : never;
const post = (frame: Body) => self.postMessage({ v: ENSEMBLE_PROTOCOL_VERSION, ...frame } as EnsembleFrame);

/** the batch allowed to go on; a new run or a cancel bumps it */
let current = 0;
let running: Promise<void> = Promise.resolve();
const PROGRESS_MS = 100;

const channel = new MessageChannel();
const waiters: (() => void)[] = [];
channel.port1.onmessage = () => waiters.shift()?.();
const yieldNow = () => new Promise<void>((r) => (waiters.push(r), channel.port2.postMessage(0)));

async function runBatch(cmd: Extract<EnsembleCommand, { type: 'run' }>): Promise<void> {
  const { batchId, config, seeds } = cmd;
  const t0 = performance.now();
  const resolved = resolve(config);
  const report = await chooseBackend(cmd.backend, { M: resolved.M, d: config.d, n: 16 }, () => undefined);
  const entries: EnsembleEntry[] = [];
  let lastPost = 0;
  for (let s = 0; s < seeds; s++) {
    if (current !== batchId) return post({ type: 'cancelled', batchId });
    const run = await Run.create({ ...config, seed: config.seed + s });
    try {
      // ~4 ms of SGD per chunk at K = 4, d = 100
      const chunk = Math.max(64, Math.round(4e5 / modelInfo(config.model).stepWork(config)));
      const drive = cmd.trajectories ? driveAllCheckpoints : driveFinalOnly;
      const finished = await drive(run, {
        chunk,
        onChunk: async () => {
          const now = performance.now();
          if (now - lastPost > PROGRESS_MS) {
            lastPost = now;
            post({ type: 'progress', batchId, seedsDone: s, seeds, fraction: (s + run.step / resolved.steps) / seeds });
          }
          await yieldNow();
          return current === batchId;
        },
      });
      if (!finished) return post({ type: 'cancelled', batchId });
      const entry = ensembleEntry(run, { trajectory: cmd.trajectories });
      entries.push(entry);
      post({ type: 'seed', batchId, entry });
      post({ type: 'progress', batchId, seedsDone: s + 1, seeds, fraction: (s + 1) / seeds });
    } finally {
      run.dispose();
    }
  }
  post({
    type: 'done',
    batchId,
    summary: summarizeEnsemble(entries),
    backend: report.name,
    ms: performance.now() - t0,
  });
}

self.onmessage = (event: MessageEvent) => {
  const cmd = event.data as EnsembleCommand;
  if (!cmd || cmd.v !== ENSEMBLE_PROTOCOL_VERSION) return;
  if (cmd.type === 'cancel') {
    if (current === cmd.batchId) current = 0;
    return;
  }
  current = cmd.batchId;
  // one batch at a time: the previous one stops at its next chunk, then this one starts
  running = running.then(() =>
    runBatch(cmd).catch((err) =>
      post({ type: 'error', batchId: cmd.batchId, message: err instanceof Error ? err.message : String(err) }),
    ),
  );
};

// The body of a solve-share thread: starts the same tfjs backend as the main thread, rebuilds the
// run's inputs from its config (ShareSolver) and answers solve requests. Thin on purpose: all the
// numerics live in src/engine/share.ts, shared with the in-process share the tests use.
import { parentPort, workerData } from 'node:worker_threads';
import { startNodeBackend } from '../engine/backend';
import { ShareSolver } from '../engine/share';
import type { ShareToThread, ShareFromThread } from './threadShare';

const port = parentPort!;
const send = (message: ShareFromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function main(): Promise<void> {
  const backend = await startNodeBackend(String(workerData.backend));
  if (backend.name !== workerData.backend) throw new Error(`the thread started ${backend.name}, not ${workerData.backend}`);
  let solver: ShareSolver | undefined;
  port.on('message', (message: ShareToThread) => {
    if (message.type === 'open') {
      solver?.dispose();
      solver = new ShareSolver(message.config);
      return;
    }
    const current = solver;
    if (!current) {
      send({ type: 'error', id: message.id, error: 'no run opened' });
      return;
    }
    current.solve(message.request).then(
      (results) => {
        const buffers = results.flatMap((r) => [r.vectors.buffer, ...(r.warmRows ? [r.warmRows.buffer] : [])]) as ArrayBuffer[];
        send({ type: 'results', id: message.id, results }, [...new Set(buffers)]);
      },
      (err: unknown) => send({ type: 'error', id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  send({ type: 'ready' });
}

main().catch((err: unknown) => send({ type: 'failed', error: err instanceof Error ? err.message : String(err) }));

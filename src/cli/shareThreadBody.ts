// The body of a solve-share thread in Node: the generic share server (engine/shareHost.ts) on the
// worker_threads port, on the same tfjs backend as the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { startNodeBackend } from '../engine/backend';
import { serveShares, type ShareToThread } from '../engine/shareHost';

const port = parentPort!;
serveShares(
  {
    post: (message, transfer) => port.postMessage(message, transfer),
    listen: (onMessage) => port.on('message', (m: ShareToThread) => onMessage(m)),
  },
  async () => {
    const backend = await startNodeBackend(String(workerData.backend));
    if (backend.name !== workerData.backend)
      throw new Error(`the thread started ${backend.name}, not ${workerData.backend}`);
  },
);

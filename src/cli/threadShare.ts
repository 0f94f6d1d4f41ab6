// Solve shares on a Node worker thread: the CLI's second core. One thread serves the runs of a
// process in turn (an ensemble opens one run after the other); it starts once, in parallel with the
// main thread's own start, and a request made before it is ready waits for it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { shareWorthwhile } from '../engine/share';
import { PortShareHost, type ShareFromThread } from '../engine/shareHost';
import type { Config } from '../state/schema';

/** Threads for `--threads auto`: 2 where sharing pays (engine/share.ts: shareWorthwhile). */
export function autoThreads(config: Config, M: number, backend: string): number {
  return shareWorthwhile(config, M, backend, availableParallelism()) ? 2 : 1;
}

/**
 * The thread's entry: run from the CLI bundle (launch.mjs), the bundled body beside it; run through
 * tsx (tests, `npx tsx src/cli/experiment.ts`), the bootstrap that registers tsx in the thread.
 */
function threadEntry(): URL {
  const bundled = new URL('./shareThreadBody.cjs', import.meta.url);
  return import.meta.url.endsWith('.cjs') && existsSync(bundled)
    ? bundled
    : new URL('./shareThread.mjs', import.meta.url);
}

export function threadShareHost(backend: string): PortShareHost {
  const worker = new Worker(threadEntry(), { workerData: { backend } });
  return new PortShareHost({
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.on('message', (message: ShareFromThread) => onMessage(message));
      worker.on('error', (err) => onFailure(err.message));
      worker.on('exit', (code) => onFailure(`the thread exited (code ${code})`));
    },
    terminate: () => void worker.terminate(),
  });
}

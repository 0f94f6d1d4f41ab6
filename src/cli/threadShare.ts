// Solve shares on a Node worker thread: the CLI's second core. One thread serves the runs of a
// process in turn (an ensemble opens one run after the other); it starts once, in parallel with the
// main thread's own start, and a request made before it is ready waits for it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EigenResult } from '../math/eigen/types';
import type { ShareHost, ShareRequest, SolveShare } from '../engine/share';
import type { Config } from '../state/schema';

export type ShareToThread = { type: 'open'; config: Config } | { type: 'solve'; id: number; request: ShareRequest };
export type ShareFromThread =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'results'; id: number; results: EigenResult[] }
  | { type: 'error'; id: number; error: string };

/**
 * Threads for `--threads auto`: 2 where the machine has 2 cores or more and a checkpoint is big enough
 * to pay for starting one (~0.5 s: tsx, tfjs and the test set again), else 1 (no share).
 */
export function autoThreads(config: Config, M: number): number {
  return availableParallelism() >= 2 && config.d * M >= 250_000 ? 2 : 1;
}

export class ThreadShareHost implements ShareHost {
  private readonly worker: Worker;
  private broken: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: EigenResult[]) => void; reject: (e: Error) => void }>();

  constructor(backend: string) {
    this.worker = new Worker(new URL('./shareThread.mjs', import.meta.url), { workerData: { backend } });
    this.worker.on('message', (message: ShareFromThread) => {
      if (message.type === 'ready') return;
      if (message.type === 'failed') return this.fail(`the thread did not start: ${message.error}`);
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === 'results') waiting.resolve(message.results);
      else waiting.reject(new Error(message.error));
    });
    this.worker.on('error', (err) => this.fail(err.message));
    this.worker.on('exit', (code) => this.fail(`the thread exited (code ${code})`));
  }

  private fail(why: string): void {
    this.broken ??= why;
    for (const waiting of this.pending.values()) waiting.reject(new Error(this.broken));
    this.pending.clear();
  }

  open(config: Config): SolveShare {
    if (!this.broken) this.worker.postMessage({ type: 'open', config } satisfies ShareToThread);
    return {
      solve: (request) =>
        new Promise<EigenResult[]>((resolve, reject) => {
          if (this.broken) return reject(new Error(this.broken));
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.worker.postMessage({ type: 'solve', id, request } satisfies ShareToThread);
        }),
      // the thread keeps its last run's inputs until the next open (or close): nothing to send
      dispose: () => {},
    };
  }

  close(): void {
    this.broken ??= 'closed';
    void this.worker.terminate();
  }
}

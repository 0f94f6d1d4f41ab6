// The share protocol over any message port (a Node worker thread, a browser Worker): the host side
// (PortShareHost: requests with ids, failures reject everything pending and every later request, so the
// run takes its half back) and the thread side (serveShares). Transport-agnostic and DOM-free.
import type { EigenResult } from '../math/eigen/types';
import type { Config } from '../state/schema';
import { ShareSolver, type ShareHost, type ShareRequest, type SolveShare } from './share';

export type ShareToThread = { type: 'open'; config: Config } | { type: 'solve'; id: number; request: ShareRequest };
export type ShareFromThread =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'results'; id: number; results: EigenResult[]; /** the thread's solve time */ ms: number }
  | { type: 'error'; id: number; error: string };

/** the host's view of a thread */
export interface ShareThread {
  post(message: ShareToThread): void;
  /** messages, and the thread dying (error or exit) */
  listen(onMessage: (message: ShareFromThread) => void, onFailure: (why: string) => void): void;
  terminate(): void;
}

export class PortShareHost implements ShareHost {
  private broken: string | undefined;
  private started = false;
  private lastMs: number | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: EigenResult[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly thread: ShareThread) {
    thread.listen(
      (message) => {
        if (message.type === 'ready') {
          this.started = true;
          return;
        }
        if (message.type === 'failed') return this.fail(`the thread did not start: ${message.error}`);
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.type === 'results') {
          this.lastMs = message.ms;
          waiting.resolve(message.results);
        } else waiting.reject(new Error(message.error));
      },
      (why) => this.fail(why),
    );
  }

  /** why the thread stopped serving (undefined while it works) */
  get failed(): string | undefined {
    return this.broken;
  }

  private fail(why: string): void {
    this.broken ??= why;
    for (const waiting of this.pending.values()) waiting.reject(new Error(this.broken));
    this.pending.clear();
  }

  open(config: Config): SolveShare {
    if (!this.broken) this.thread.post({ type: 'open', config });
    return {
      solve: (request) =>
        new Promise<EigenResult[]>((resolve, reject) => {
          if (this.broken) return reject(new Error(this.broken));
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.thread.post({ type: 'solve', id, request });
        }),
      ready: () => this.started,
      lastSolveMs: () => this.lastMs,
      // the thread keeps its last run's inputs until the next open (or close): nothing to send
      dispose: () => {},
    };
  }

  close(): void {
    this.fail('closed');
    this.thread.terminate();
  }
}

/**
 * The thread side: starts the backend (the same as the host's: `start` throws otherwise), then builds
 * each opened run's inputs (ShareSolver) and answers solve requests in order.
 */
export function serveShares(
  port: {
    post(message: ShareFromThread, transfer: ArrayBuffer[]): void;
    listen(onMessage: (message: ShareToThread) => void): void;
  },
  start: () => Promise<void>,
): void {
  let solver: ShareSolver | undefined;
  let queue: Promise<void> = Promise.resolve();
  const error = (err: unknown) => (err instanceof Error ? err.message : String(err));
  const started = start();
  port.listen((message) => {
    // one message at a time, after the backend started: an open never races a solve
    queue = queue.then(() => handle(message));
  });
  async function handle(message: ShareToThread): Promise<void> {
    try {
      await started;
      if (message.type === 'open') {
        solver?.dispose();
        solver = undefined;
        solver = new ShareSolver(message.config);
        return;
      }
      if (!solver) throw new Error('no run opened');
      const t0 = performance.now();
      const results = await solver.solve(message.request);
      const ms = performance.now() - t0;
      const buffers = results.flatMap((r) => [
        r.vectors.buffer,
        ...(r.warmRows ? [r.warmRows.buffer] : []),
      ]) as ArrayBuffer[];
      port.post({ type: 'results', id: message.id, results, ms }, [...new Set(buffers)]);
    } catch (err) {
      // never throws: a failed open leaves no solver (its solves answer "no run opened")
      if (message.type === 'solve') port.post({ type: 'error', id: message.id, error: error(err) }, []);
    }
  }
  started.then(
    () => port.post({ type: 'ready' }, []),
    (err: unknown) => port.post({ type: 'failed', error: error(err) }, []),
  );
}

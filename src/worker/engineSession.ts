// The engine's session: receives commands, drives a Run, posts frames. DOM-free: the Worker entry
// (engine.worker.ts) wires it to postMessage, the browser's backends and a share Worker; the tests wire
// it to Node's backends. SGD between checkpoints runs in slices of at most SLICE_MS, then yields, so
// pause/step/view commands are answered promptly.
import type { OperatorSize } from './probe';
import { Run } from '../engine/run';
import { modelInfo } from '../models/registry';
import type { CheckpointRecord } from '../engine/runFile';
import { shareWorthwhile, type ShareHost } from '../engine/share';
import { resolve } from '../state/schema';
import { BackendLostError, lossGuard } from './backendLoss';
import {
  commandProblem,
  PROTOCOL_VERSION,
  type BackendReport,
  type Command,
  type Frame,
  type RunState,
  type ViewRequest,
} from './protocol';
import { computeDensity, computeProjection } from './views';

const SLICE_MS = 8;
/** frames (progress, batched checkpoints) at most every this many ms (~30/s) */
const FRAME_MS = 33;
/** the density/projection of a playing run is refreshed at most this often */
export const VIEW_MS = 400;
/**
 * …and at most once per this many times the last refresh's own cost: the density's stochastic Lanczos
 * (48 operator calls) costs ≈ 150 ms at d 1000, M 2000, and refreshing it after every checkpoint took a
 * quarter of a playing run's time there; small runs (views of a few ms) keep VIEW_MS.
 */
const VIEW_COST_FACTOR = 5;

/** a frame as the session posts it (the version is added on the way out) */
export type FrameBody = Frame extends infer F ? (F extends Frame ? Omit<F, 'v'> : never) : never;

export interface SessionClock {
  /** ms, monotonic */
  now(): number;
  /** waits `ms`; 0 yields to the event loop once */
  sleep(ms: number): Promise<void>;
}

/** Starting, timing, watching and losing tfjs backends (the browser's in the Worker, Node's in tests). */
export interface SessionBackends {
  /** starts the requested backend (or the fastest, for auto), never one in `lost`; makes it active */
  choose(
    requested: string,
    size: OperatorSize,
    log: (message: string) => void,
    lost: ReadonlySet<string>,
  ): Promise<BackendReport>;
  /** after a loss: the next backend that starts and is not in `lost`; makes it active */
  next(lost: ReadonlySet<string>, why: string, log: (message: string) => void): Promise<BackendReport>;
  /** does the backend still compute? (tells a dead backend from a bug) */
  probe(name: string): Promise<{ ok: true } | { ok: false; error: string }>;
  /** calls `onLost(reason)` once if the active backend `name` is lost; returns the unwatch */
  watch(name: string, onLost: (reason: string) => void): () => void;
  /** really loses the backend where it can be lost (GPU); false where the loss must be simulated */
  forceLoss(name: string): boolean;
}

/** A share host that can say it failed (then the session stays on one thread). */
export type SessionShareHost = ShareHost & { readonly failed: string | undefined };

export interface SessionOptions {
  post(frame: FrameBody, transfer?: Transferable[]): void;
  clock: SessionClock;
  backends: SessionBackends;
  /** cores of this machine (a share thread pays only with 2+) */
  cores: number;
  /** a share thread on `backend`; absent: every solve on this thread */
  shareHost?(backend: string): SessionShareHost;
  /** the debug 'crash' fault: make the thread fail as an uncaught error would */
  crash(): void;
}

export class EngineSession {
  private readonly post: (frame: FrameBody, transfer?: Transferable[]) => void;
  private readonly clock: SessionClock;
  private readonly backends: SessionBackends;
  private run: Run | undefined;
  /** the share thread (half of every checkpoint's solves on a second core) and the backend it runs */
  private shares: { host: SessionShareHost; backend: string } | undefined;
  private runId = 0;
  private backendName = '';
  private state: RunState = 'paused';
  private speed = 1;
  private view: ViewRequest = { matrix: 'H', block: 'class:0', plane: 'means', pa: 0, pb: 1 };
  /** pause after the next checkpoint (the "step" button) */
  private stopAtCheckpoint = false;
  private loopToken = 0;
  private loop: Promise<void> = Promise.resolve();
  private pendingRecords: CheckpointRecord[] = [];
  private lastFrame = 0;
  private lastView = -Infinity;
  /** how long the last sendViews took (ms) */
  private lastViewCost = 0;
  private viewDirty = true;
  private stepsPerChunk = 16;
  /** backends lost since this EngineSession began (never chosen again), the loss of the active one, its watcher */
  private readonly lostBackends = new Set<string>();
  private readonly loss = lossGuard();
  private unwatch: () => void = () => undefined;
  private recovering: Promise<void> | undefined;
  /** commands are handled one at a time, in order; the SGD loop runs beside them and checks `state` */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionOptions) {
    this.post = options.post;
    this.clock = options.clock;
    this.backends = options.backends;
  }

  /** One message from the page: a command is queued; ping and debug are answered at once; anything else gets an error frame. */
  receive(data: unknown): void {
    const problem = commandProblem(data);
    if (problem !== undefined) {
      this.post({ type: 'error', message: `the engine rejected a message: ${problem}` });
      return;
    }
    const command = data as Command;
    // Liveness and fault injection bypass the queue: they must work while a command is in progress.
    if (command.type === 'ping') {
      this.post({ type: 'pong', id: command.id });
      return;
    }
    if (command.type === 'debug') {
      this.debugFault(command.fault);
      return;
    }
    this.enqueue(() => this.handle(command));
  }

  /** Resolves once every command received so far is handled and the SGD loop has stopped (tests). */
  async settled(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      const loop = this.loop;
      await queue;
      await loop;
      await this.recovering;
      if (queue === this.queue && loop === this.loop && this.recovering === undefined) return;
    }
  }

  /** Stops the loop and lets go of the run, its share thread and the backend watch. */
  async dispose(): Promise<void> {
    await this.stopLoop();
    await this.queue;
    this.run?.dispose();
    this.run = undefined;
    this.shares?.host.close();
    this.shares = undefined;
    this.unwatch();
  }

  private enqueue(work: () => Promise<void> | void): void {
    this.queue = this.queue
      .then(work)
      .catch((err) => this.post({ type: 'error', runId: this.runId, message: message(err) }));
  }

  private debugFault(fault: 'lose-backend' | 'crash'): void {
    const name = this.backendName;
    if (fault === 'crash') this.options.crash();
    else if (!this.backends.forceLoss(name)) this.loss.signal(`the ${name} backend was lost (simulated: debug)`);
    else this.post({ type: 'log', level: 'warn', message: `debug: ${name} backend lost on purpose` });
    // wasm/cpu: nothing to destroy, so the signal is sent by hand; GPU: their own loss event fires it.
    if (this.loss.reason !== undefined && this.state !== 'playing') this.enqueue(() => this.recoverOnce());
  }

  private async handle(cmd: Command): Promise<void> {
    switch (cmd.type) {
      case 'start':
        return this.start(cmd);
      case 'play':
        if (this.run && this.state === 'paused' && !this.run.done) {
          this.state = 'playing';
          this.stopAtCheckpoint = false;
          this.startLoop();
        }
        return;
      case 'step':
        if (this.run && (this.state === 'paused' || this.state === 'playing') && !this.run.done) {
          this.stopAtCheckpoint = true;
          if (this.state === 'paused') {
            this.state = 'playing';
            this.startLoop();
          }
        }
        return;
      case 'pause':
        if (this.state === 'playing') {
          this.state = 'paused';
          this.stopAtCheckpoint = false;
        }
        this.progress(true);
        return;
      case 'reset':
        return; // the main thread answers reset with a fresh `start` (same config, new runId)
      case 'speed':
        this.speed = Math.min(1, Math.max(0.01, cmd.speed));
        return;
      case 'view':
        this.view = cmd.view;
        this.viewDirty = true;
        if (this.state !== 'playing') {
          await this.loop; // let a finishing loop release the operator first
          await this.sendViews();
        }
        return;
      case 'export':
        if (this.run)
          this.post({
            type: 'export',
            json: JSON.stringify(this.run.toRunFile({ backend: this.backendName, includeData: cmd.includeData })),
          });
        return;
      case 'ping':
      case 'debug':
        return; // answered on arrival (receive)
    }
  }

  private async start(cmd: Extract<Command, { type: 'start' }>): Promise<void> {
    await this.stopLoop();
    this.run?.dispose();
    this.run = undefined;
    this.runId = cmd.runId;
    this.speed = cmd.speed;
    this.view = cmd.view;
    this.stopAtCheckpoint = false;
    this.pendingRecords = [];
    this.state = 'starting';
    const resolved = resolve(cmd.config);
    try {
      const blockVectors = modelInfo(cmd.config.model).probeVectors(cmd.config);
      const report = await this.backends.choose(
        cmd.config.backend,
        { M: resolved.M, d: cmd.config.d, n: blockVectors },
        (m) => this.post({ type: 'log', level: 'warn', message: m }),
        this.lostBackends,
      );
      this.backendName = report.name;
      this.armWatch(report.name);
      this.post({ type: 'backend', report });
      if (cmd.runId !== this.runId) return;
      const run = await Run.create(cmd.config);
      this.run = run;
      this.attachShare(run, report);
      const blocks = [...new Map(run.tracked.map((t) => [t.block.id, { id: t.block.id, dim: t.block.dim }])).values()];
      this.post({
        type: 'started',
        runId: this.runId,
        config: cmd.config,
        resolved,
        blocks,
        backend: this.backendName,
      });
      this.state = 'paused';
      await this.measure(); // the checkpoint at step 0
      this.progress(true);
      await this.sendViews();
      if (cmd.autoplay && this.state === 'paused') {
        this.state = 'playing';
        this.startLoop();
      }
    } catch (err) {
      this.state = 'failed';
      this.post({ type: 'error', runId: this.runId, message: message(err) });
      this.post({ type: 'progress', runId: this.runId, step: 0, steps: resolved.steps, time: 0, state: this.state });
    }
  }

  /**
   * Hands half of the run's solves to a share thread where that pays (shareWorthwhile: 2+ cores, wasm
   * or cpu, big checkpoints). Same numbers either way; a share that fails is dropped with a log line.
   */
  private attachShare(run: Run, report: BackendReport): void {
    const { shareHost } = this.options;
    const backend = this.backendName;
    if (!shareHost || !shareWorthwhile(run.config, run.resolved.M, backend, this.options.cores)) return;
    if (this.shares && this.shares.backend !== backend) {
      this.shares.host.close();
      this.shares = undefined;
    }
    if (this.shares?.host.failed) return; // the share failed once in this Worker: stay on one thread
    this.shares ??= { host: shareHost(backend), backend };
    run.useShare(this.shares.host.open(run.config), (m) => {
      this.post({ type: 'log', level: 'warn', message: m });
      this.post({ type: 'backend', report });
    });
    // say so beside the backend: both cores are busy on purpose
    this.post({ type: 'backend', report: { ...report, reason: `${report.reason} · eigensolves on 2 threads` } });
  }

  /** a playing run's views are due: VIEW_MS since the last, and views at most ~1/6 of the time */
  private viewDue(): boolean {
    return this.clock.now() - this.lastView > Math.max(VIEW_MS, VIEW_COST_FACTOR * this.lastViewCost);
  }

  private progress(force = false): void {
    const run = this.run;
    if (!run) return;
    const now = this.clock.now();
    if (!force && now - this.lastFrame < FRAME_MS) return;
    this.lastFrame = now;
    if (this.pendingRecords.length > 0) {
      this.post({ type: 'checkpoints', runId: this.runId, records: this.pendingRecords });
      this.pendingRecords = [];
    }
    this.post({
      type: 'progress',
      runId: this.runId,
      step: run.step,
      steps: run.resolved.steps,
      time: run.step * run.resolved.delta,
      state: this.state,
      message: run.message || undefined,
    });
  }

  /** Posts the projection and density of the current view (callers throttle while playing). */
  private async sendViews(): Promise<void> {
    const target = this.run;
    if (!target || target.checkpoints.length === 0) return;
    const started = this.clock.now();
    this.lastView = started;
    this.viewDirty = false;
    const id = this.runId;
    try {
      const projection = computeProjection(target, id, this.view);
      this.post({ type: 'projection', ...projection }, [
        projection.points.buffer,
        projection.clusters.buffer,
        projection.weights.buffer,
        projection.means.buffer,
      ]);
      const density = await this.loss.guard(computeDensity(target, id, this.view));
      if (density && id === this.runId)
        this.post({ type: 'density', ...density }, [density.nodes.buffer, density.weights.buffer]);
    } catch (err) {
      if (err instanceof BackendLostError) return; // the drive loop (or the loss handler) recovers
      this.post({ type: 'log', level: 'warn', message: `view computation failed: ${message(err)}` });
    } finally {
      this.lastViewCost = this.clock.now() - started;
    }
  }

  private async measure(): Promise<void> {
    const run = this.run;
    if (!run) return;
    const before = run.checkpoints.length;
    await this.loss.guard(run.measure());
    // A diverged measure returns the last checkpoint again without recording one: send only new ones.
    if (run.checkpoints.length > before) this.pendingRecords.push(run.checkpoints[run.checkpoints.length - 1]);
    this.viewDirty = true;
    if (run.status === 'diverged') this.state = 'diverged';
    else if (run.done) this.state = 'done';
  }

  private async drive(token: number): Promise<void> {
    try {
      await this.driveLoop(token);
    } catch (err) {
      if (token !== this.loopToken) return;
      this.state = 'failed';
      this.post({ type: 'error', runId: this.runId, message: message(err) });
      this.progress(true);
    }
  }

  /** Is this error the backend dying (lost, or no longer computing) rather than a bug or bad input? */
  private async backendFailed(err: unknown): Promise<boolean> {
    if (err instanceof BackendLostError || this.loss.reason !== undefined) return true;
    const probe = await this.backends.probe(this.backendName);
    if (!probe.ok)
      this.loss.signal(`the ${this.backendName} backend stopped working (${message(err)}; probe: ${probe.error})`);
    return !probe.ok;
  }

  private async driveLoop(token: number): Promise<void> {
    while (token === this.loopToken && this.run && this.state === 'playing') {
      const run = this.run;
      if (this.loss.reason !== undefined) {
        await this.recoverOnce();
        continue;
      }
      if (run.status === 'diverged' || (run.done && run.stepsToNextCheckpoint() !== 0)) {
        this.state = run.status === 'diverged' ? 'diverged' : 'done';
        break;
      }
      if (run.stepsToNextCheckpoint() === 0) {
        try {
          await this.measure();
        } catch (err) {
          if (token === this.loopToken && (await this.backendFailed(err))) continue; // recovered at the top
          throw err;
        }
        if (token !== this.loopToken) return;
        if (this.stopAtCheckpoint && this.state === 'playing') this.state = 'paused';
        this.progress(this.state !== 'playing');
        if (this.state !== 'playing' || this.viewDue()) await this.sendViews();
        continue;
      }
      const t0 = this.clock.now();
      let ran = 0;
      while (this.clock.now() - t0 < SLICE_MS) {
        const due = run.stepsToNextCheckpoint();
        if (due === 0 || run.done) break;
        ran += run.advance(Math.min(this.stepsPerChunk, due));
      }
      const elapsed = this.clock.now() - t0;
      // Aim for ~1 ms chunks so a slice never overshoots by much.
      if (ran > 0) this.stepsPerChunk = Math.max(1, Math.min(100_000, Math.round((ran / Math.max(elapsed, 0.05)) * 1)));
      this.progress();
      if (this.viewDirty && this.viewDue()) await this.sendViews();
      await this.clock.sleep(this.speed >= 1 ? 0 : (SLICE_MS * (1 - this.speed)) / this.speed);
    }
    if (token === this.loopToken) {
      this.progress(true);
      if (this.viewDirty) await this.sendViews();
    }
  }

  /** Watches the active backend; a loss is signalled to every guarded await and recovered from. */
  private armWatch(name: string): void {
    this.unwatch();
    this.loss.reset();
    this.unwatch = this.backends.watch(name, (reason) => {
      this.loss.signal(reason);
      // A playing run recovers in its loop; a paused or finished one is recovered now, in command order.
      this.enqueue(() => (this.state !== 'playing' && this.loss.reason !== undefined ? this.recoverOnce() : undefined));
    });
  }

  private recoverOnce(): Promise<void> {
    this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  /**
   * The active backend was lost: switch to the next backend that starts, rebuild the run from the same
   * config on it, resume from the last checkpoint (same parameters and training-stream position: the
   * numbers go on as if nothing happened, up to float differences between backends) and tell the user.
   */
  private async recover(): Promise<void> {
    const reason = this.loss.reason ?? `the ${this.backendName} backend stopped working`;
    const lostName = this.backendName;
    const old = this.run;
    this.progress(true); // checkpoints measured before the loss reach the page first
    this.lostBackends.add(lostName);
    this.unwatch();
    this.loss.reset();
    if (!old) return;
    const point = old.resumePoint();
    try {
      old.dispose();
    } catch {
      /* its tensors died with the backend */
    }
    this.run = undefined;
    const report = await this.backends.next(this.lostBackends, `${lostName} was lost; switched`, (m) =>
      this.post({ type: 'log', level: 'warn', message: m }),
    );
    this.backendName = report.name;
    this.post({ type: 'backend', report });
    this.armWatch(report.name);
    const fresh = await Run.create(old.config);
    this.attachShare(fresh, report);
    if (point) await fresh.resume(point);
    this.run = fresh;
    if (!point) await this.measure(); // lost before the first checkpoint: start over on the new backend
    this.viewDirty = true;
    const where = point
      ? `resumed from the checkpoint at step ${point.step.toLocaleString('en-US')}`
      : 'restarted the run';
    this.post({
      type: 'notice',
      runId: this.runId,
      key: 'backend',
      message: `${reason}; switched to ${report.name} and ${where} (same parameters and samples)`,
    });
    this.post({
      type: 'log',
      level: 'warn',
      message: `backend ${lostName} lost (${reason}); now on ${report.name}, ${where}`,
    });
    this.progress(true);
  }

  private startLoop(): void {
    const token = ++this.loopToken;
    this.loop = this.loop.then(() => this.drive(token));
  }

  /** Stops the loop and waits until it has let go of the run. */
  private async stopLoop(): Promise<void> {
    this.loopToken++;
    await this.loop;
  }
}

/** Adds the protocol version to a frame body (what the Worker posts). */
export function versioned(frame: FrameBody): Frame {
  return { v: PROTOCOL_VERSION, ...frame } as Frame;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

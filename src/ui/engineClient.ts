// The main thread's side of the Worker protocol: a tiny external store fed by frames. Frames of a
// stale run (older runId) are dropped. Subscribers are notified at most once per animation frame.
import type { CheckpointRecord } from '../engine/runFile';
import type { Config, Resolved } from '../state/schema';
import { ENGINE_WORKER_NAME } from '../worker/workerRoles';
import {
  PROTOCOL_VERSION,
  isFrame,
  type BackendReport,
  type BlockInfo,
  type Command,
  type DensityFrame,
  type Frame,
  type ProjectionFrame,
  type RunState,
  type ViewRequest,
} from '../worker/protocol';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** Something the engine tells the user (backend lost and replaced, worker restarted): shown as text. */
export interface EngineNotice {
  id: number;
  key: string;
  message: string;
}

export interface EngineSnapshot {
  runId: number;
  state: RunState | 'idle';
  step: number;
  steps: number;
  time: number;
  message?: string;
  config?: Config;
  resolved?: Resolved;
  blocks: BlockInfo[];
  checkpoints: CheckpointRecord[];
  density?: DensityFrame;
  projection?: ProjectionFrame;
  backend?: BackendReport;
  logs: LogLine[];
  error?: string;
  /** engine notices so far (optional: snapshots built elsewhere, e.g. a loaded run file, have none) */
  notices?: EngineNotice[];
}

type Body = Command extends infer C ? (C extends Command ? Omit<C, 'v'> : never) : never;

const MAX_LOGS = 200;
/** A worker that has not answered a ping for this long is replaced (generous: big runs block for seconds). */
const UNRESPONSIVE_MS = 60_000;
const PING_MS = 5_000;
/** More crashes than this within CRASH_WINDOW_MS: the config itself kills the worker; stop restarting. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;

type StartCommand = Extract<Body, { type: 'start' }>;

export class EngineClient {
  private snapshot: EngineSnapshot = {
    runId: 0,
    state: 'idle',
    step: 0,
    steps: 0,
    time: 0,
    blocks: [],
    checkpoints: [],
    logs: [],
    notices: [],
  };
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private worker: Worker | undefined;
  /** commands sent before the Worker exists (a figure not yet seen boots lazily) */
  private pending: Body[] = [];
  private nextRunId = 1;
  private exportWaiter: ((json: string) => void) | undefined;
  /** the last start, kept up to date with view and speed: what a restarted worker is sent */
  private lastStart: StartCommand | undefined;
  private restarts: number[] = [];
  private nextNoticeId = 1;
  private pingId = 0;
  /** when the unanswered ping was sent (undefined: none outstanding) */
  private pingSentAt: number | undefined;

  /** deferBoot: no Worker until boot() (an embed not yet on screen costs nothing) */
  constructor(options: { deferBoot?: boolean } = {}) {
    if (!options.deferBoot) this.boot();
  }

  /** Has the engine Worker been created? */
  get booted(): boolean {
    return this.worker !== undefined;
  }

  /** Creates the Worker (once) and sends it what was asked for meanwhile. */
  boot(): void {
    if (this.worker) return;
    this.spawn();
    setInterval(() => this.heartbeat(), PING_MS);
    const pending = this.pending;
    this.pending = [];
    if (pending.some((c) => c.type === 'start')) this.update({ state: 'starting' });
    for (const command of pending) this.send(command);
  }

  private spawn(): void {
    const worker = new Worker(new URL('../worker/app.worker.ts', import.meta.url), {
      type: 'module',
      name: ENGINE_WORKER_NAME,
    });
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      // Handled here: the page does not get an uncaught error, the user gets a notice and a new worker.
      event.preventDefault();
      if (worker === this.worker) this.restartWorker(`the engine worker crashed (${event.message || 'unknown error'})`);
    };
    this.worker = worker;
    this.pingSentAt = undefined;
  }

  private heartbeat(): void {
    if (this.snapshot.state === 'failed' && !this.lastStart) return;
    if (this.pingSentAt !== undefined && performance.now() - this.pingSentAt > UNRESPONSIVE_MS) {
      this.restartWorker(`the engine worker stopped answering for ${UNRESPONSIVE_MS / 1000} s`);
      return;
    }
    if (this.pingSentAt === undefined) {
      this.pingSentAt = performance.now();
      this.send({ type: 'ping', id: ++this.pingId });
    }
  }

  /** A crashed or hung worker: a new one runs the same config from step 0, and the user is told. */
  private restartWorker(why: string): void {
    const now = performance.now();
    this.restarts = [...this.restarts.filter((t) => now - t < CRASH_WINDOW_MS), now];
    this.worker?.terminate();
    this.exportWaiter = undefined;
    if (this.restarts.length > MAX_RESTARTS) {
      this.notice(
        'worker',
        `${why}; it failed ${this.restarts.length} times within a minute with this config, so it was not restarted again — change the config or reload`,
      );
      this.update({ state: 'failed', error: why });
      this.spawn(); // idle and ready for the next start (a changed config)
      return;
    }
    this.spawn();
    const last = this.lastStart;
    if (!last) {
      this.notice('worker', `${why}; restarted it`);
      return;
    }
    const wasPlaying = this.snapshot.state === 'playing' || this.snapshot.state === 'starting' || last.autoplay;
    this.notice('worker', `${why}; restarted it with the same config (the run starts again from step 0)`);
    this.start(last.config, last.view, last.speed, wasPlaying);
  }

  /** Test/debug hook (console: __eigenalign.debugFault('lose-backend' | 'crash')). */
  debugFault(fault: 'lose-backend' | 'crash'): void {
    this.send({ type: 'debug', fault });
  }

  private notice(key: string, message: string): void {
    this.update({ notices: [...(this.snapshot.notices ?? []).slice(-19), { id: this.nextNoticeId++, key, message }] });
  }

  get = (): EngineSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private send(command: Body): void {
    if (!this.worker) {
      // a new start supersedes what was asked of the previous run
      if (command.type === 'start') this.pending = this.pending.filter((c) => c.type === 'debug');
      this.pending.push(command);
      return;
    }
    this.worker.postMessage({ v: PROTOCOL_VERSION, ...command } as Command);
  }

  start(config: Config, view: ViewRequest, speed: number, autoplay: boolean): void {
    const runId = this.nextRunId++;
    this.lastStart = { type: 'start', runId, config, view, speed, autoplay };
    // Before the Worker exists the run waits at step 0, as a paused one does.
    this.update({
      runId,
      state: this.worker ? 'starting' : 'paused',
      step: 0,
      time: 0,
      steps: 0,
      checkpoints: [],
      blocks: [],
      density: undefined,
      projection: undefined,
      error: undefined,
      message: undefined,
      config,
    });
    this.send({ type: 'start', runId, config, view, speed, autoplay });
  }

  play(): void {
    this.send({ type: 'play' });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  step(): void {
    this.send({ type: 'step' });
  }
  setSpeed(speed: number): void {
    if (this.lastStart) this.lastStart = { ...this.lastStart, speed };
    this.send({ type: 'speed', speed });
  }
  setView(view: ViewRequest): void {
    if (this.lastStart) this.lastStart = { ...this.lastStart, view };
    this.send({ type: 'view', view });
  }

  exportRun(includeData: boolean): Promise<string> {
    return new Promise((resolve) => {
      this.exportWaiter = resolve;
      this.send({ type: 'export', includeData });
    });
  }

  private receive(data: unknown): void {
    if (!isFrame(data)) {
      this.log('error', 'the engine sent a message of an unknown protocol version');
      return;
    }
    const frame = data as Frame;
    const current = this.snapshot.runId;
    switch (frame.type) {
      case 'log':
        return this.log(frame.level, frame.message);
      case 'backend':
        this.log(
          'info',
          `backend: ${frame.report.reason}${frame.report.timings.length ? ` (${frame.report.timings.map((t) => `${t.name} ${t.ms.toFixed(1)} ms`).join(', ')})` : ''}`,
        );
        return this.update({ backend: frame.report });
      case 'export':
        this.exportWaiter?.(frame.json);
        this.exportWaiter = undefined;
        return;
      case 'error':
        if (frame.runId !== undefined && frame.runId !== current) return;
        this.log('error', frame.message);
        return this.update({ error: frame.message });
      case 'pong':
        this.pingSentAt = undefined;
        return;
      case 'notice':
        if (frame.runId !== undefined && frame.runId !== current) return;
        return this.notice(frame.key, frame.message);
    }
    if (frame.runId !== current) return;
    switch (frame.type) {
      case 'started':
        return this.update({
          config: frame.config,
          resolved: frame.resolved,
          blocks: frame.blocks,
          steps: frame.resolved.steps,
        });
      case 'progress':
        return this.update({
          step: frame.step,
          steps: frame.steps,
          time: frame.time,
          state: frame.state,
          message: frame.message,
        });
      case 'checkpoints':
        return this.update({ checkpoints: [...this.snapshot.checkpoints, ...frame.records] });
      case 'density':
        return this.update({ density: frame });
      case 'projection':
        return this.update({ projection: frame });
    }
  }

  private log(level: LogLine['level'], message: string): void {
    this.update({ logs: [...this.snapshot.logs.slice(-MAX_LOGS + 1), { level, message }] });
  }

  private update(patch: Partial<EngineSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}

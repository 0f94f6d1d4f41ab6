// The main thread's side of the Worker protocol: a tiny external store fed by frames. Frames of a
// stale run (older runId) are dropped. Subscribers are notified at most once per animation frame.
import type { CheckpointRecord } from '../engine/runFile';
import type { Config, Resolved } from '../state/schema';
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
}

type Body = Command extends infer C ? (C extends Command ? Omit<C, 'v'> : never) : never;

const MAX_LOGS = 200;

export class EngineClient {
  private snapshot: EngineSnapshot = { runId: 0, state: 'idle', step: 0, steps: 0, time: 0, blocks: [], checkpoints: [], logs: [] };
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private readonly worker: Worker;
  private nextRunId = 1;
  private exportWaiter: ((json: string) => void) | undefined;

  constructor() {
    this.worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'eigenalign-engine' });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.update({ error: `the engine worker failed: ${event.message || 'unknown error'}`, state: 'failed' });
  }

  get = (): EngineSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private send(command: Body): void {
    this.worker.postMessage({ v: PROTOCOL_VERSION, ...command } as Command);
  }

  start(config: Config, view: ViewRequest, speed: number, autoplay: boolean): void {
    const runId = this.nextRunId++;
    this.update({ runId, state: 'starting', step: 0, time: 0, steps: 0, checkpoints: [], blocks: [], density: undefined, projection: undefined, error: undefined, message: undefined, config });
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
    this.send({ type: 'speed', speed });
  }
  setView(view: ViewRequest): void {
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
        this.log('info', `backend: ${frame.report.reason}${frame.report.timings.length ? ` (${frame.report.timings.map((t) => `${t.name} ${t.ms.toFixed(1)} ms`).join(', ')})` : ''}`);
        return this.update({ backend: frame.report });
      case 'export':
        this.exportWaiter?.(frame.json);
        this.exportWaiter = undefined;
        return;
      case 'error':
        if (frame.runId !== undefined && frame.runId !== current) return;
        this.log('error', frame.message);
        return this.update({ error: frame.message });
    }
    if (frame.runId !== current) return;
    switch (frame.type) {
      case 'started':
        return this.update({ config: frame.config, resolved: frame.resolved, blocks: frame.blocks, steps: frame.resolved.steps });
      case 'progress':
        return this.update({ step: frame.step, steps: frame.steps, time: frame.time, state: frame.state, message: frame.message });
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

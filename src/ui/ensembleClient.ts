// The main thread's side of the ensemble Worker: a small external store (useSyncExternalStore). The
// Worker is created on the first batch, so a page that never runs one never starts a second tfjs.
import type { EnsembleEntry, EnsembleSummary } from '../engine/ensemble';
import type { RunFile } from '../engine/runFile';
import type { Config } from '../state/schema';
import { ENSEMBLE_PROTOCOL_VERSION, isEnsembleFrame, type EnsembleCommand } from '../worker/ensembleProtocol';
import { ENSEMBLE_WORKER_NAME } from '../worker/workerRoles';

export interface EnsembleState {
  batchId: number;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  seeds: number;
  seedsDone: number;
  /** 0..1 over every SGD step of the batch */
  fraction: number;
  config?: Config;
  entries: EnsembleEntry[];
  summary?: EnsembleSummary;
  backend?: string;
  ms?: number;
  error?: string;
  /** where the entries came from: a batch run here, or a run file opened (its name) */
  file?: string;
}

type Body = EnsembleCommand extends infer C ? (C extends EnsembleCommand ? Omit<C, 'v'> : never) : never;

export class EnsembleClient {
  private state: EnsembleState = { batchId: 0, status: 'idle', seeds: 0, seedsDone: 0, fraction: 0, entries: [] };
  private worker: Worker | undefined;
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  get = (): EnsembleState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  run(config: Config, seeds: number, backend: string, trajectories = false): void {
    const batchId = this.nextId++;
    this.update({
      batchId,
      status: 'running',
      seeds,
      seedsDone: 0,
      fraction: 0,
      config,
      entries: [],
      summary: undefined,
      backend: undefined,
      ms: undefined,
      error: undefined,
      file: undefined,
    });
    this.send({ type: 'run', batchId, config, seeds, backend, trajectories });
  }

  /**
   * Shows the ensemble of an opened run file (its `ensemble` and `ensembleSummary`), as a finished batch;
   * a batch still running is cancelled first.
   */
  load(name: string, file: RunFile, config: Config): void {
    if (!file.ensemble) return;
    this.cancel();
    this.update({
      batchId: this.nextId++,
      status: 'done',
      seeds: file.ensemble.length,
      seedsDone: file.ensemble.length,
      fraction: 1,
      config,
      entries: file.ensemble,
      summary: file.ensembleSummary,
      backend: file.backend,
      ms: undefined,
      error: undefined,
      file: name,
    });
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.send({ type: 'cancel', batchId: this.state.batchId });
    this.update({ status: 'cancelled' });
  }

  private send(command: Body): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../worker/app.worker.ts', import.meta.url), {
        type: 'module',
        name: ENSEMBLE_WORKER_NAME,
      });
      this.worker.onmessage = (event) => this.receive(event.data);
      this.worker.onerror = (event) =>
        this.update({ status: 'error', error: `the ensemble worker failed: ${event.message || 'unknown error'}` });
    }
    this.worker.postMessage({ v: ENSEMBLE_PROTOCOL_VERSION, ...command } as EnsembleCommand);
  }

  private receive(data: unknown): void {
    if (!isEnsembleFrame(data) || data.batchId !== this.state.batchId) return;
    switch (data.type) {
      case 'progress':
        if (this.state.status === 'running') this.update({ seedsDone: data.seedsDone, fraction: data.fraction });
        return;
      case 'seed':
        return this.update({ entries: [...this.state.entries, data.entry] });
      case 'done':
        return this.update({
          status: 'done',
          summary: data.summary,
          backend: data.backend,
          ms: data.ms,
          fraction: 1,
          seedsDone: this.state.seeds,
        });
      case 'cancelled':
        return this.update({ status: 'cancelled' });
      case 'error':
        return this.update({ status: 'error', error: data.message });
    }
  }

  private update(patch: Partial<EnsembleState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

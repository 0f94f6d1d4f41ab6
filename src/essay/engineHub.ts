// One engine Worker for the whole essay. Sections ask for a run by name; the hub starts it when a
// section that needs it is on screen, pauses the worker when none is, and keeps the checkpoints of
// finished runs so a reader scrolling back sees them at once without recomputing.
import { EngineClient, type EngineSnapshot } from '../ui/engineClient';
import type { CheckpointRecord } from '../engine/runFile';
import type { Config } from '../state/schema';
import { presetConfig, presetView, type PresetName } from '../state/presets';
import type { ViewRequest } from '../worker/protocol';

/** The runs the essay reads: the default softmax run, and the failing and succeeding XOR seeds. */
export const ESSAY_RUNS = {
  softmax: 'alignment',
  'xor-fail': 'xor-k4',
  'xor-ok': 'xor-k4-success',
} as const satisfies Record<string, PresetName>;
export type EssayRun = keyof typeof ESSAY_RUNS;

export interface RunView {
  checkpoints: CheckpointRecord[];
  /** 'done' once the run finished; else the engine's state or 'waiting' (another run holds the worker) */
  state: string;
  step: number;
  steps: number;
  error?: string;
}

export function runConfig(run: EssayRun): Config {
  return presetConfig(ESSAY_RUNS[run]);
}

function viewRequest(run: EssayRun): ViewRequest {
  const view = presetView(ESSAY_RUNS[run]);
  return { matrix: view.matrix, block: view.block, plane: view.plane, pa: view.pa, pb: view.pb };
}

class EngineHub {
  private client: EngineClient | undefined;
  private current: EssayRun | undefined;
  private readonly done = new Map<EssayRun, CheckpointRecord[]>();
  /** how many mounted figures on screen want each run */
  private readonly wanted = new Map<EssayRun, number>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** the engine's own snapshot (for tests and the e2e hook) */
  snapshot(): EngineSnapshot | undefined {
    return this.client?.get();
  }

  view(run: EssayRun): RunView {
    const finished = this.done.get(run);
    if (finished) return { checkpoints: finished, state: 'done', step: finished.at(-1)?.step ?? 0, steps: finished.at(-1)?.step ?? 0 };
    const snap = this.client?.get();
    if (!snap || this.current !== run) return { checkpoints: [], state: 'waiting', step: 0, steps: 0 };
    return { checkpoints: snap.checkpoints, state: snap.state, step: snap.step, steps: snap.steps, error: snap.error };
  }

  /** A figure on screen wants `run` (visible = true) or left the screen (false). */
  want(run: EssayRun, visible: boolean): void {
    this.wanted.set(run, Math.max(0, (this.wanted.get(run) ?? 0) + (visible ? 1 : -1)));
    this.schedule();
  }

  /**
   * Starts the engine Worker and, unless a figure already holds it, `run` paused at its t = 0
   * checkpoint: the worker's start, the backend choice and the first checkpoint are then done before
   * the run's figure is on screen, which resumes the same run (schedule).
   */
  warm(run: EssayRun): void {
    const client = this.ensureClient();
    if (this.current) return;
    this.current = run;
    client.start(runConfig(run), viewRequest(run), 1, false);
    this.bump();
  }

  private schedule(): void {
    const onScreen = [...this.wanted].filter(([, n]) => n > 0).map(([run]) => run);
    const needed = onScreen.filter((run) => !this.done.has(run));
    if (needed.length === 0) {
      if (this.client && this.current && !this.done.has(this.current)) this.client.pause();
      return;
    }
    const client = this.ensureClient();
    if (this.current && needed.includes(this.current)) {
      client.play();
      return;
    }
    this.current = needed[0];
    client.start(runConfig(this.current), viewRequest(this.current), 1, true);
    this.bump();
  }

  private ensureClient(): EngineClient {
    if (this.client) return this.client;
    const client = new EngineClient();
    client.subscribe(() => {
      const snap = client.get();
      if (snap.state === 'done' && this.current && !this.done.has(this.current)) {
        this.done.set(this.current, snap.checkpoints);
        this.schedule(); // the next run a visible figure waits for, if any
      }
      this.bump();
    });
    this.client = client;
    return client;
  }

  private bump(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

export const engineHub = new EngineHub();

// One engine Worker for the whole essay. Sections ask for a run by name; the hub starts it when a
// section that needs it is on screen, pauses the worker when none is, and keeps the checkpoints of
// finished runs so a reader scrolling back sees them at once without recomputing. The XOR ensemble's
// seeds run on the same worker, one after the other, whenever no figure's run needs it.
import { EngineClient, type EngineSnapshot } from '../ui/engineClient';
import type { CheckpointRecord } from '../engine/runFile';
import type { Config } from '../state/schema';
import { presetConfig, presetView, type PresetName } from '../state/presets';
import type { ViewRequest } from '../worker/protocol';
import { ENSEMBLE_FIRST_SEED, ENSEMBLE_SEEDS, ensembleConfig, seedOutcome, type SeedOutcome } from './xorEnsemble';

/** The runs the essay reads: the default softmax run, and the failing and succeeding XOR seeds. */
export const ESSAY_RUNS = {
  softmax: 'alignment',
  'xor-fail': 'xor-k4',
  'xor-ok': 'xor-k4-success',
} as const satisfies Record<string, PresetName>;
export type EssayRun = keyof typeof ESSAY_RUNS;
/** what the worker can be asked for: a figure's run, or the next seed of the XOR ensemble */
type Job = EssayRun | 'ensemble';

export interface RunView {
  checkpoints: CheckpointRecord[];
  /** 'done' once the run finished; else the engine's state or 'waiting' (another run holds the worker) */
  state: string;
  step: number;
  steps: number;
  error?: string;
}

export interface EnsembleView {
  /** per seed (ENSEMBLE_FIRST_SEED + index): its outcome once finished */
  outcomes: readonly (SeedOutcome | undefined)[];
  /** the seed on the worker now, if any */
  running: number | undefined;
}

export function runConfig(run: EssayRun): Config {
  return presetConfig(ESSAY_RUNS[run]);
}

function viewRequest(preset: PresetName): ViewRequest {
  const view = presetView(preset);
  return { matrix: view.matrix, block: view.block, plane: view.plane, pa: view.pa, pb: view.pb };
}

class EngineHub {
  private client: EngineClient | undefined;
  private current: Job | undefined;
  /** the ensemble seed the worker runs while current is 'ensemble' */
  private currentSeed: number | undefined;
  private readonly done = new Map<EssayRun, CheckpointRecord[]>();
  private outcomes: (SeedOutcome | undefined)[] = new Array<SeedOutcome | undefined>(ENSEMBLE_SEEDS).fill(undefined);
  /** how many mounted figures on screen want each job */
  private readonly wanted = new Map<Job, number>();
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
    if (finished)
      return {
        checkpoints: finished,
        state: 'done',
        step: finished.at(-1)?.step ?? 0,
        steps: finished.at(-1)?.step ?? 0,
      };
    const snap = this.client?.get();
    if (!snap || this.current !== run) return { checkpoints: [], state: 'waiting', step: 0, steps: 0 };
    return { checkpoints: snap.checkpoints, state: snap.state, step: snap.step, steps: snap.steps, error: snap.error };
  }

  ensembleView(): EnsembleView {
    return { outcomes: this.outcomes, running: this.current === 'ensemble' ? this.currentSeed : undefined };
  }

  /** A figure on screen wants `job` (visible = true) or left the screen (false). */
  want(job: Job, visible: boolean): void {
    this.wanted.set(job, Math.max(0, (this.wanted.get(job) ?? 0) + (visible ? 1 : -1)));
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
    client.start(runConfig(run), viewRequest(ESSAY_RUNS[run]), 1, false);
    this.bump();
  }

  private nextSeedIndex(): number {
    return this.outcomes.findIndex((o) => o === undefined);
  }

  /** Figure runs first (a reader is looking at them), then the ensemble's seeds. */
  private schedule(): void {
    const onScreen = [...this.wanted].filter(([, n]) => n > 0).map(([job]) => job);
    const runs = onScreen.filter((job): job is EssayRun => job !== 'ensemble' && !this.done.has(job));
    const seedIndex = onScreen.includes('ensemble') ? this.nextSeedIndex() : -1;
    if (runs.length === 0 && seedIndex < 0) {
      if (this.client && this.current && this.current !== 'ensemble' && !this.done.has(this.current))
        this.client.pause();
      else if (this.client && this.current === 'ensemble') this.client.pause();
      return;
    }
    const client = this.ensureClient();
    if (runs.length > 0) {
      if (this.current !== 'ensemble' && this.current && runs.includes(this.current)) {
        client.play();
        return;
      }
      this.current = runs[0];
      this.currentSeed = undefined;
      client.start(runConfig(this.current), viewRequest(ESSAY_RUNS[this.current]), 1, true);
      this.bump();
      return;
    }
    if (
      this.current === 'ensemble' &&
      this.currentSeed !== undefined &&
      this.outcomes[this.currentSeed - ENSEMBLE_FIRST_SEED] === undefined
    ) {
      client.play();
      return;
    }
    this.current = 'ensemble';
    this.currentSeed = ENSEMBLE_FIRST_SEED + seedIndex;
    client.start(ensembleConfig(this.currentSeed), viewRequest('xor-k4'), 1, true);
    this.bump();
  }

  private finished(snap: EngineSnapshot): void {
    if (this.current === 'ensemble' && this.currentSeed !== undefined) {
      const seed = this.currentSeed;
      const index = seed - ENSEMBLE_FIRST_SEED;
      if (this.outcomes[index] !== undefined) return;
      // a seed that failed or left no diagnosis counts as not optimal, with nothing served
      const outcome = seedOutcome(seed, snap.checkpoints, snap.state) ?? {
        seed,
        optimal: false,
        served: 0,
        unserved: [],
        layer2Outliers: undefined,
      };
      this.outcomes = this.outcomes.map((o, i) => (i === index ? outcome : o));
    } else if (this.current && this.current !== 'ensemble') {
      if (snap.state !== 'done' || this.done.has(this.current)) return;
      this.done.set(this.current, snap.checkpoints);
    } else return;
    this.schedule(); // the next run a visible figure waits for, if any
  }

  private ensureClient(): EngineClient {
    if (this.client) return this.client;
    const client = new EngineClient();
    client.subscribe(() => {
      const snap = client.get();
      const over =
        snap.state === 'done' ||
        (this.current === 'ensemble' && (snap.state === 'diverged' || snap.state === 'failed'));
      if (over) this.finished(snap);
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

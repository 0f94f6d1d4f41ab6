// Runs a config to the end (or N seeds of it) and returns the run file. Used by the CLI and tests;
// the Worker drives Run step by step instead, to stay interactive.
import type { Config } from '../state/schema';
import { Run } from './run';
import type { CheckpointRecord, RunFile } from './runFile';
import { driveFinalOnly, ensembleEntry, summarizeEnsemble, type EnsembleEntry } from './ensemble';
import type { ShareHost } from './share';

export type { EnsembleEntry } from './ensemble';

export interface Progress {
  label: string;
  /** work units done / total (SGD steps over all seeds) */
  done: number;
  total: number;
  step: number;
  time: number;
}

export interface ExecuteOptions {
  backend: string;
  includeData?: boolean;
  /** ensemble size: seeds config.seed … config.seed + seeds − 1 */
  seeds?: number;
  /**
   * ensemble: measure every checkpoint of seeds after the first too (default false: they are driven
   * straight to the end and measured once; the first seed's run file keeps all its checkpoints)
   */
  allCheckpoints?: boolean;
  /**
   * ensemble: measure every checkpoint of every seed and keep each seed's trajectory in its entry
   * (`ensemble[i].trajectory`); implies allCheckpoints
   */
  trajectories?: boolean;
  onProgress?: (p: Progress) => void;
  onCheckpoint?: (c: CheckpointRecord, run: Run) => void;
  /** hands half of every checkpoint's solves to a share (another thread); same numbers without it */
  shares?: ShareHost;
  /** the share failed and the run took its half back (the message says why) */
  onShareFailure?: (message: string) => void;
}

/** Drives one run to its end; the caller disposes it. */
export async function driveRun(
  run: Run,
  onCheckpoint?: (c: CheckpointRecord) => void,
  onStep?: () => void,
): Promise<void> {
  while (!run.done) {
    const due = run.stepsToNextCheckpoint();
    if (due === 0) {
      // lookahead: with a share thread, the next SGD steps run while it solves (same numbers)
      const checkpoint = await run.measure({ lookahead: true });
      onCheckpoint?.(checkpoint);
      onStep?.();
      if (run.done) break;
      continue;
    }
    run.advance(due);
    onStep?.();
  }
}

export async function executeRun(config: Config, options: ExecuteOptions): Promise<RunFile> {
  const seeds = options.seeds ?? 1;
  let first: RunFile | undefined;
  const ensemble: EnsembleEntry[] = [];
  for (let s = 0; s < seeds; s++) {
    const seedConfig = { ...config, seed: config.seed + s };
    // only the first seed's checkpoints are written out
    const run = await Run.create(seedConfig, { checkpointParams: options.includeData && s === 0 });
    if (options.shares) run.useShare(options.shares.open(seedConfig), options.onShareFailure);
    const total = run.resolved.steps * seeds;
    const base = run.resolved.steps * s;
    const label = seeds > 1 ? `seed ${seedConfig.seed} (${s + 1}/${seeds})` : 'run';
    try {
      const onStep = () =>
        options.onProgress?.({
          label,
          done: base + run.step,
          total,
          step: run.step,
          time: run.step * run.resolved.delta,
        });
      if (s === 0 || options.allCheckpoints || options.trajectories)
        await driveRun(run, (c) => options.onCheckpoint?.(c, run), onStep);
      else {
        await driveFinalOnly(run, { onChunk: onStep });
        const last = run.checkpoints[run.checkpoints.length - 1];
        if (last) options.onCheckpoint?.(last, run);
      }
      options.onProgress?.({
        label,
        done: base + run.resolved.steps,
        total,
        step: run.step,
        time: run.step * run.resolved.delta,
      });
      if (s === 0) first = run.toRunFile({ backend: options.backend, includeData: options.includeData });
      if (seeds > 1) ensemble.push(ensembleEntry(run, { trajectory: options.trajectories }));
    } finally {
      run.dispose();
    }
  }
  const file = first!;
  if (seeds > 1) {
    file.ensemble = ensemble;
    file.ensembleSummary = summarizeEnsemble(ensemble);
  }
  return file;
}

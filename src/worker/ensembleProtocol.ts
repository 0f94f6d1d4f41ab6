// Messages between the main thread and the ensemble Worker (ensemble.worker.ts): a batch of N seeds
// of one config, each driven to its end and measured once, reported seed by seed. A separate Worker
// from the engine's, so the live run stays interactive while a batch computes.
import type { EnsembleEntry, EnsembleSummary } from '../engine/ensemble';
import type { Config } from '../state/schema';

export const ENSEMBLE_PROTOCOL_VERSION = 1 as const;
type V = { v: typeof ENSEMBLE_PROTOCOL_VERSION };

export type EnsembleCommand = V &
  /** backend: the name the live run uses (same numbers as the CLI on that backend), or 'auto' */
  (
    | {
        type: 'run';
        batchId: number;
        config: Config;
        seeds: number;
        backend: string;
        /** measure every checkpoint of every seed and send each seed's trajectory (slower) */
        trajectories?: boolean;
      }
    | { type: 'cancel'; batchId: number }
  );

export type EnsembleFrame = V &
  (
    | {
        type: 'progress';
        batchId: number;
        seedsDone: number;
        seeds: number;
        /** 0..1 over all SGD steps */ fraction: number;
      }
    | { type: 'seed'; batchId: number; entry: EnsembleEntry }
    | { type: 'done'; batchId: number; summary: EnsembleSummary; backend: string; ms: number }
    | { type: 'cancelled'; batchId: number }
    | { type: 'error'; batchId: number; message: string }
  );

export function isEnsembleFrame(data: unknown): data is EnsembleFrame {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { v?: unknown }).v === ENSEMBLE_PROTOCOL_VERSION &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

/** Largest batch the app runs (the CLI's --seeds goes further). */
export const MAX_APP_SEEDS = 512;

// The essay's measured XOR ensemble: seeds 1…SEEDS of the failing preset's settings (K = 4, d = 100,
// λ = 1000) trained for a shorter time T, one after the other on the page's one engine Worker, each
// read at its last checkpoint by the engine's own diagnosis. Pure: the hub runs the seeds.
import type { CheckpointRecord } from '../engine/runFile';
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { resolve, type Config } from '../state/schema';
import { presetConfig } from '../state/presets';

export const ENSEMBLE_SEEDS = 32;
export const ENSEMBLE_FIRST_SEED = 1;
/** long enough for every seed's recruitment to settle (which clusters get a neuron is decided early) */
export const ENSEMBLE_T = 50;

/** Seed `seed` at the preset's settings, with T = ENSEMBLE_T and checkpoints at t = 0 and the end only. */
export function ensembleConfig(seed: number): Config {
  const config = { ...presetConfig('xor-k4'), seed, T: ENSEMBLE_T };
  return { ...config, every: resolve(config).steps };
}

export interface SeedOutcome {
  seed: number;
  /** the engine's verdict: every cluster served and classified, and the run did not diverge */
  optimal: boolean;
  /** clusters some neuron serves (0–4) */
  served: number;
  unserved: string[];
  /** outliers of the layer-2 block of H at the end */
  layer2Outliers: number | undefined;
}

/** A finished seed's outcome from its last checkpoint; undefined when the run left none with a diagnosis. */
export function seedOutcome(
  seed: number,
  checkpoints: readonly CheckpointRecord[],
  state: string,
): SeedOutcome | undefined {
  const last = checkpoints[checkpoints.length - 1];
  const diagnosis = last?.diagnosis as XorDiagnosis | undefined;
  if (!last || !diagnosis) return undefined;
  const layer2 = last.spectra.find((s) => s.matrix === 'H' && s.block === 'layer2');
  return {
    seed,
    optimal: diagnosis.optimal && state === 'done',
    served: diagnosis.served.length,
    unserved: [...diagnosis.unserved],
    layer2Outliers: layer2?.outliers,
  };
}

export interface EnsembleTally {
  /** seeds finished so far */
  seeds: number;
  optimal: number;
  optimalSeeds: number[];
  /** seeds by the number of clusters served, index 0…4 */
  servedHistogram: number[];
}

export function tallyOutcomes(outcomes: readonly (SeedOutcome | undefined)[]): EnsembleTally {
  const done = outcomes.filter((o): o is SeedOutcome => o !== undefined);
  const servedHistogram = [0, 0, 0, 0, 0];
  for (const o of done) servedHistogram[Math.min(4, Math.max(0, o.served))]++;
  const optimalSeeds = done.filter((o) => o.optimal).map((o) => o.seed);
  return { seeds: done.length, optimal: optimalSeeds.length, optimalSeeds, servedHistogram };
}

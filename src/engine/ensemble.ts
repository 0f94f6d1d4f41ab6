// Ensembles: N seeds of one config, each reduced to its final checkpoint (per-seed result), and the
// ensemble summary: the fraction that reaches the optimal classifier (xor, xorDiagnosis.ts) with a
// binomial 95 % interval, and the histogram of layer-2 outlier counts. Shared by the CLI (`--seeds N`,
// execute.ts) and the Worker's batch run; DOM-free.
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import type { Run } from './run';
import type { CheckpointRecord, EnsembleEntry, EnsembleSummary } from './runFile';
import { seedTrajectory } from './seedTrajectory';

/** One seed's final state (a row of the run file's top-level `ensemble` array) and the ensemble in numbers: runFile.ts. */
export type { EnsembleEntry, EnsembleSummary } from './runFile';

/**
 * The per-seed result of a finished run (its last checkpoint); with `trajectory`, also every checkpoint
 * in columns (seedTrajectory.ts; the run must have measured them all).
 */
export function ensembleEntry(run: Run, options: { trajectory?: boolean } = {}): EnsembleEntry {
  const last: CheckpointRecord | undefined = run.checkpoints[run.checkpoints.length - 1];
  const spectra = (last?.spectra ?? []).map((s) => ({
    matrix: s.matrix,
    block: s.block,
    eigenvalues: s.eigenvalues,
    outliers: s.outliers,
    ...(s.outliersAtLeast ? { outliersAtLeast: true } : {}),
    alignment: s.alignment,
    ...(s.alignmentDim !== undefined ? { alignmentDim: s.alignmentDim } : {}),
    ...(s.alignmentNote ? { alignmentNote: s.alignmentNote } : {}),
  }));
  const entry: EnsembleEntry = {
    seed: run.config.seed,
    status: run.status,
    step: last?.step ?? 0,
    loss: last?.loss ?? null,
    accuracy: last?.accuracy ?? null,
    clusterAccuracy: (last?.clusterAccuracy as number[] | undefined) ?? [],
    spectra,
  };
  const H = spectra.find((s) => s.matrix === 'H' && s.block === 'layer2');
  const G = spectra.find((s) => s.matrix === 'G' && s.block === 'layer2');
  if (H && G)
    entry.layer2 = {
      H: { eigenvalues: H.eigenvalues, outliers: H.outliers },
      G: { eigenvalues: G.eigenvalues, outliers: G.outliers },
    };
  const diagnosis = last?.diagnosis as XorDiagnosis | undefined;
  if (diagnosis) {
    // a diverged run is never optimal, whatever its last finite checkpoint looked like
    entry.optimal = diagnosis.optimal && run.status !== 'diverged';
    entry.unserved = diagnosis.unserved;
    entry.dead = diagnosis.dead;
    entry.deadNeurons = diagnosis.deadNeurons;
  }
  if (options.trajectory) entry.trajectory = seedTrajectory(run.checkpoints);
  return entry;
}

/** Wilson score interval for k successes in n trials (z = 1.96: 95 %); [0, 1] when n = 0. */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function summarizeEnsemble(entries: EnsembleEntry[]): EnsembleSummary {
  const n = entries.length;
  const diagnosed = entries.length > 0 && entries.every((e) => e.optimal !== undefined);
  const withLayer2 = entries.filter((e) => e.layer2);
  let outlierHistogram: EnsembleSummary['outlierHistogram'] = null;
  if (withLayer2.length) {
    const histogram = (m: 'H' | 'G') => {
      const counts = withLayer2.map((e) => e.layer2![m].outliers);
      const out = new Array<number>(Math.max(0, ...counts) + 1).fill(0);
      for (const c of counts) out[c]++;
      return out;
    };
    outlierHistogram = { H: histogram('H'), G: histogram('G') };
  }
  const optimal = diagnosed ? entries.filter((e) => e.optimal).length : null;
  let unserved: Record<string, number> | null = null;
  if (diagnosed) {
    unserved = {};
    for (const e of entries) for (const c of e.unserved ?? []) unserved[c] = (unserved[c] ?? 0) + 1;
  }
  return {
    seeds: n,
    diverged: entries.filter((e) => e.status === 'diverged').length,
    optimal,
    fractionOptimal: optimal === null || n === 0 ? null : optimal / n,
    interval95: optimal === null ? null : wilsonInterval(optimal, n),
    dead: diagnosed ? entries.filter((e) => e.dead).length : null,
    unserved,
    outlierHistogram,
  };
}

export interface FinalOnlyOptions {
  /** SGD steps between calls of onChunk */
  chunk?: number;
  /** after every chunk (progress, yielding to an event loop); return false to stop the run early */
  onChunk?: () => boolean | void | Promise<boolean | void>;
}

/**
 * Drives a fresh run straight to its last step and measures only there (one checkpoint): an ensemble
 * needs only the final spectra, and the checkpoints are most of a short run's cost. Measuring does not
 * touch the parameters or the training stream, so the final state is that of a fully checkpointed run.
 * Returns false when onChunk stopped it.
 */
export async function driveFinalOnly(run: Run, options: FinalOnlyOptions = {}): Promise<boolean> {
  const chunk = Math.max(1, options.chunk ?? 2000);
  const { steps } = run.resolved;
  while (run.step < steps && run.status !== 'diverged') {
    const ran = run.advance(Math.min(chunk, steps - run.step));
    if ((await options.onChunk?.()) === false) return false;
    if (ran === 0) break; // SGD stopped early (non-finite parameters): measure() reports the divergence
  }
  try {
    await run.measure();
  } catch (err) {
    // a run that diverges before its first checkpoint has nothing to show: its entry says "diverged"
    if (run.status !== 'diverged') throw err;
  }
  return true;
}

/**
 * Drives a fresh run to its end measuring every checkpoint (an ensemble that keeps per-seed
 * trajectories), SGD in chunks with onChunk between them as in driveFinalOnly. Returns false when
 * onChunk stopped it.
 */
export async function driveAllCheckpoints(run: Run, options: FinalOnlyOptions = {}): Promise<boolean> {
  const chunk = Math.max(1, options.chunk ?? 2000);
  while (!run.done) {
    const due = run.stepsToNextCheckpoint();
    if (due === 0) {
      try {
        await run.measure();
      } catch (err) {
        if (run.status !== 'diverged') throw err;
      }
      continue;
    }
    const ran = run.advance(Math.min(chunk, due));
    if ((await options.onChunk?.()) === false) return false;
    if (ran === 0 && run.status !== 'diverged') break;
  }
  return true;
}

// the xor λ → ∞ law lives with the model; the ensemble tests and tables read it from here too
export { xorTheoryOptimalFraction, xorTheoryServedLaw } from '../models/xor/ensembleLaw';

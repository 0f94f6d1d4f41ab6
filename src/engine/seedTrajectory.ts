// One seed's trajectory in an ensemble: what the multi-seed figure needs, column by column (one entry
// per checkpoint), and nothing else. Per checkpoint: time, test loss and accuracy, the diagnosis in two
// numbers (xor: optimal yes/no and the number of served clusters) and, per tracked (matrix, block),
// alignment, outlier count and the angle to span{μ}. The eigenvalues are left out: they are most of a
// checkpoint's size, and a seed of an ensemble reruns exactly from its seed (`--seed s`) when needed.
import type { CheckpointRecord, SeedTrajectory } from './runFile';

export type { SeedTrajectory } from './runFile';

export function seedTrajectory(checkpoints: readonly CheckpointRecord[]): SeedTrajectory {
  const first = checkpoints[0];
  const blocks = (first?.spectra ?? []).map((s) => ({
    matrix: s.matrix,
    block: s.block,
    alignment: [] as (number | null)[],
    outliers: [] as number[],
    ...(s.meanSpanAngles !== undefined ? { meanSpanAngle: [] as (number | null)[] } : {}),
  }));
  const trajectory: SeedTrajectory = { step: [], time: [], loss: [], accuracy: [], blocks };
  const diagnosed = checkpoints.length > 0 && checkpoints.every((c) => c.diagnosis);
  if (diagnosed) {
    trajectory.optimal = [];
    trajectory.served = [];
  }
  for (const c of checkpoints) {
    trajectory.step.push(c.step);
    trajectory.time.push(c.time);
    trajectory.loss.push(c.loss);
    trajectory.accuracy.push(c.accuracy);
    if (diagnosed) {
      trajectory.optimal!.push(c.diagnosis!.optimal);
      trajectory.served!.push(c.diagnosis!.served.length);
    }
    blocks.forEach((b) => {
      const s = c.spectra.find((x) => x.matrix === b.matrix && x.block === b.block);
      // a checkpoint always tracks the first one's blocks; a missing value is a gap, not a zero
      b.alignment.push(s ? (s.alignment ?? null) : null);
      b.outliers.push(s ? s.outliers : 0);
      b.meanSpanAngle?.push(s?.meanSpanAngle ?? null);
    });
  }
  return trajectory;
}

// The ensemble panel's multi-seed figure from the entries' trajectories: which blocks can be shown
// ("H layer2", in the order of a checkpoint's spectra, the layer-2 block of H first where there is one)
// and the chart's lines for one of them.
import type { EnsembleEntry } from '../engine/ensemble';
import type { EnsembleTrajectoryData, SeedOutcome } from '../charts/ensembleTrajectoryChart';

const key = (b: { matrix: string; block: string }) => `${b.matrix} ${b.block}`;

/** the blocks every seed with a trajectory tracks */
export function trajectoryBlocks(entries: readonly EnsembleEntry[]): string[] {
  const withTrajectory = entries.filter((e) => e.trajectory);
  if (withTrajectory.length === 0) return [];
  const [first, ...rest] = withTrajectory;
  const blocks = first
    .trajectory!.blocks.map(key)
    .filter((k) => rest.every((e) => e.trajectory!.blocks.some((b) => key(b) === k)));
  const preferred = blocks.indexOf('H layer2');
  return preferred > 0 ? [blocks[preferred], ...blocks.filter((_, i) => i !== preferred)] : blocks;
}

export function outcomeOf(entry: EnsembleEntry): SeedOutcome {
  return entry.optimal === undefined ? 'unknown' : entry.optimal ? 'optimal' : 'suboptimal';
}

/** one line per seed with a trajectory of that block ("H layer2") */
export function trajectoryChartData(entries: readonly EnsembleEntry[], block: string): EnsembleTrajectoryData {
  const seeds = entries.flatMap((e) => {
    const t = e.trajectory;
    const b = t?.blocks.find((x) => key(x) === block);
    if (!t || !b) return [];
    return [{ seed: e.seed, outcome: outcomeOf(e), time: t.time, alignment: b.alignment, outliers: b.outliers }];
  });
  const [matrix, ...name] = block.split(' ');
  return { seeds, block: `${matrix}, ${name.join(' ')}`, empty: 'no seed has a trajectory' };
}

// The multi-seed figure's data: the blocks offered (H layer2 first) and one line per seed, coloured by
// the seed's outcome.
import { describe, expect, it } from 'vitest';
import type { EnsembleEntry } from '../engine/ensemble';
import { outcomeOf, trajectoryBlocks, trajectoryChartData } from './ensembleTrajectories';

function entry(seed: number, optimal: boolean | undefined, trajectory = true): EnsembleEntry {
  const block = (matrix: 'H' | 'G', name: string, a: number) => ({
    matrix,
    block: name,
    alignment: [a, null],
    outliers: [4, 3],
  });
  return {
    seed,
    status: 'ok',
    step: 10,
    loss: 0.3,
    accuracy: 0.9,
    clusterAccuracy: [],
    spectra: [],
    ...(optimal === undefined ? {} : { optimal }),
    ...(trajectory
      ? {
          trajectory: {
            step: [0, 10],
            time: [0, 1],
            loss: [0.7, 0.3],
            accuracy: [0.5, 0.9],
            blocks: [block('H', 'layer1:0', 0.1), block('H', 'layer2', 0.2), block('G', 'layer2', 0.3)],
          },
        }
      : {}),
  };
}

describe('ensemble trajectories', () => {
  it('offers the blocks of the trajectories, the layer-2 block of H first; none without trajectories', () => {
    expect(trajectoryBlocks([entry(1, true), entry(2, false)])).toEqual(['H layer2', 'H layer1:0', 'G layer2']);
    expect(trajectoryBlocks([entry(1, true, false)])).toEqual([]);
  });

  it('one line per seed with a trajectory: its outcome, times, alignment (gaps kept) and outlier counts', () => {
    const data = trajectoryChartData(
      [entry(1, true), entry(2, false), entry(3, undefined), entry(4, true, false)],
      'G layer2',
    );
    expect(data.block).toBe('G, layer2');
    expect(data.seeds).toEqual([
      { seed: 1, outcome: 'optimal', time: [0, 1], alignment: [0.3, null], outliers: [4, 3] },
      { seed: 2, outcome: 'suboptimal', time: [0, 1], alignment: [0.3, null], outliers: [4, 3] },
      { seed: 3, outcome: 'unknown', time: [0, 1], alignment: [0.3, null], outliers: [4, 3] },
    ]);
    expect(outcomeOf(entry(5, false))).toBe('suboptimal');
  });
});

// The neuron view's data and the grouped alignment legend of wide 2-layer nets.
import { describe, expect, it } from 'vitest';
import type { CheckpointRecord } from '../engine/runFile';
import { neuronData } from './neuronData';
import { alignmentSeries, NEURON_LEGEND_LIMIT } from './series';
import { THEMES } from './theme';

const theme = THEMES.light;

const xorCp = (
  time: number,
  mmu: number[],
  mnu: number[],
  v: number[],
  serves?: (string | null)[],
): CheckpointRecord => ({
  step: time * 10,
  time,
  loss: 0.5,
  accuracy: 0.8,
  spectra: [],
  summary: { mmu, mnu, v, Rperp: [] },
  ...(serves ? { diagnosis: { neuronServes: serves } as unknown as CheckpointRecord['diagnosis'] } : {}),
});

describe('neuronData', () => {
  it('xor: one trajectory per neuron on (m^μ, m^ν), the last v and the served cluster', () => {
    const cps = [
      xorCp(0, [0.1, -0.05], [0.02, 0.1], [1, -0.5]),
      xorCp(1, [0.5, 0], [0, -0.4], [0.6, -0.4], ['+μ', '−ν']),
    ];
    const data = neuronData(cps, 'xor')!;
    expect(data.neurons).toHaveLength(2);
    expect(data.neurons[0].points).toEqual([
      [0.1, 0.02],
      [0.5, 0],
    ]);
    expect(data.neurons[1].points).toEqual([
      [-0.05, 0.1],
      [0, -0.4],
    ]);
    expect(data.neurons.map((n) => n.weight)).toEqual([0.6, -0.4]);
    expect(data.neurons.map((n) => n.serves)).toEqual(['+μ', '−ν']);
    expect(data.clusters.map((c) => [c.label, c.x, c.y, c.sign])).toEqual([
      ['+μ (y=1)', 1, 0, 1],
      ['−μ (y=1)', -1, 0, 1],
      ['+ν (y=0)', 0, 1, -1],
      ['−ν (y=0)', 0, -1, -1],
    ]);
    expect(data.time).toBe(1);
  });

  it('mlp: the chosen pair of means, and V_ai − V_bi as the weight', () => {
    const cp: CheckpointRecord = {
      step: 0,
      time: 0,
      loss: 1,
      accuracy: 0.3,
      spectra: [],
      summary: {
        m: [
          [0.1, 0.2, 0.3],
          [0.4, 0.5, 0.6],
        ],
        R: [],
        V: [
          [1, 2],
          [3, 5],
          [0, 0],
        ],
      },
    };
    const data = neuronData([cp], 'mlp', 1, 2)!;
    expect(data.neurons[0].points).toEqual([[0.2, 0.3]]);
    expect(data.neurons[1].points).toEqual([[0.5, 0.6]]);
    expect(data.neurons.map((n) => n.weight)).toEqual([3, 5]);
    expect(neuronData([cp], 'mlp', 0, 3)).toBeUndefined(); // no such mean
    expect(neuronData([cp], 'softmax')).toBeUndefined();
    expect(neuronData([], 'xor')).toBeUndefined();
  });
});

describe('alignmentSeries of a 2-layer net', () => {
  const cp = (K: number): CheckpointRecord => ({
    step: 0,
    time: 0,
    loss: 1,
    accuracy: 0.5,
    summary: {},
    spectra: ['H', 'G'].flatMap((matrix) =>
      ['layer1', ...Array.from({ length: K }, (_, i) => `layer1:${i}`), 'layer2'].map((block) => ({
        matrix: matrix as 'H' | 'G',
        block,
        eigenvalues: [1],
        residuals: [0],
        converged: [true],
        alignment: 0.5,
        outliers: 1,
        bulkEdge: 0.1,
      })),
    ),
  });
  it('a few neurons: one legend entry each', () => {
    const { legend, series } = alignmentSeries([cp(4)], theme);
    expect(series).toHaveLength(2 * 6);
    expect(legend.map((l) => l.label).filter((l) => l.startsWith('layer1:'))).toEqual([
      'layer1:0',
      'layer1:1',
      'layer1:2',
      'layer1:3',
    ]);
  });
  it(`more than ${NEURON_LEGEND_LIMIT} neurons: every line drawn, one legend entry for them, out of the tooltip`, () => {
    const { legend, series } = alignmentSeries([cp(20)], theme);
    expect(series).toHaveLength(2 * 22);
    expect(legend.map((l) => l.label)).toEqual([
      'layer1:0…19 (one colour per neuron)',
      'layer1',
      'layer2',
      'H (solid)',
      'G (dashed)',
    ]);
    expect(series.filter((s) => s.quiet).length).toBe(40);
    expect(series.find((s) => s.key === 'H:layer2')!.quiet).toBeUndefined();
  });
});

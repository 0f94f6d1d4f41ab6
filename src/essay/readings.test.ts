// The sentences under the figures, from small checkpoint records (numbers of the default softmax and
// XOR runs): each sentence says what its record holds.
import { describe, expect, it } from 'vitest';
import type { CheckpointRecord } from '../engine/runFile';
import { THEMES } from '../charts/theme';
import { bbpData, bbpSpectrum } from './bbpSpectrum';
import { spectrumChartData, spectrumReading } from './sections/Spectrum';
import { matricesReading } from './sections/Matrices';
import { alignmentChartData, alignmentReading } from './sections/Alignment';
import { emergenceReading } from './sections/Emergence';
import { twoLayersReading } from './sections/TwoLayers';
import { dynamicsReading } from './sections/Dynamics';

const spec = (
  matrix: string,
  block: string,
  eigenvalues: number[],
  bulkEdge: number,
  outliers: number,
  alignment: number,
) => ({ matrix, block, eigenvalues, bulkEdge, outliers, alignment });
const record = (time: number, spectra: ReturnType<typeof spec>[], extra: Record<string, unknown> = {}) =>
  ({ step: time * 300, time, loss: 0, accuracy: 0.755, spectra, summary: {}, ...extra }) as unknown as CheckpointRecord;

const t0 = record(0, [
  spec('H', 'class:0', [0.162, 0.155, 0.154, 0.149], 0.111, 4, 0.143),
  spec('G', 'class:0', [0.144, 0.0266, 0.0237, 0.0213], 0.017, 4, 0.2),
]);
const t25 = record(
  25,
  [
    spec('H', 'class:0', [0.166, 0.139, 0.134, 0.132], 0.11, 4, 0.977),
    spec('G', 'class:0', [0.0467, 0.008, 0.0073, 0.00675], 0.00651, 3, 0.955),
  ],
  {
    summary: {
      m: [
        [1.045, -0.336],
        [-0.3, 1.0],
      ],
    },
    theory: {
      ode: {
        m: [
          [1.029, -0.34],
          [-0.3, 1.02],
        ],
      },
    },
  },
);

describe('figure readings', () => {
  it('section 2 counts the outliers it draws as filled markers and states the BBP side', () => {
    const data = bbpData(40, 2, 4, 3);
    for (const lambda of [1, 30]) {
      const s = bbpSpectrum(data, lambda);
      const text = spectrumReading(s, 4);
      expect(text).toContain(s.outliers === 0 ? 'now no outliers' : `now ${s.outliers} outlier`);
      expect(text).toContain(lambda < s.threshold ? 'theory predicts no outlier' : 'theory predicts 4 outliers');
      const markers = spectrumChartData(s, THEMES.light).series.find((x) => x.key === 'top')!.markers!;
      expect(markers.filter(Boolean).length).toBe(s.outliers);
    }
  });
  it('sections 3–6 read the records', () => {
    expect(matricesReading(t25)).toBe(
      'At t = 25: the class-0 block of H has 4 outliers (largest 0.166, bulk edge 0.11); the class-0 block of G has 3 outliers (largest 0.0467, 7.17 times its edge 0.00651).',
    );
    expect(alignmentReading(t25, t0)).toContain('At t = 25: alignment 0.977 of class 0’s weights');
    expect(alignmentReading(t25, t0)).toContain('at t = 0 it was 0.143');
    // the t = 0 checkpoint alone is drawn as dots (a line of one point is invisible); lines after
    expect(alignmentChartData([t0], THEMES.light).series.every((s) => s.markers?.length === 1)).toBe(true);
    expect(alignmentChartData([t0, t25], THEMES.light).series.every((s) => s.markers === undefined)).toBe(true);
    expect(emergenceReading(t25, t0)).toBe(
      'At t = 0 the class-0 block of H already has 4 outliers and that of G 4 outliers. At t = 25: H 4 outliers, G 3 outliers. G’s largest eigenvalue went from 0.144 to 0.0467; its next 3 stay within 1.23 times the edge.',
    );
    expect(dynamicsReading(t25, [t25])).toBe(
      'At t = 25: m₀₀ = 1.04 in SGD and 1.03 in the ODE; m₀₁ = −0.336 and −0.34. Up to this time the diagonal overlaps of SGD and ODE differ by at most 0.02.',
    );
    expect(matricesReading(undefined)).toContain('Waiting');
  });
  it('section 7 calls fewer than 4 layer-2 outliers rank deficient and names the unserved cluster', () => {
    const fail = record(100, [spec('H', 'layer2', [0.123, 0.122, 0.121, 0.1], 0.102, 3, 1)], {
      diagnosis: { unserved: ['−μ'] },
    });
    expect(twoLayersReading(fail, 2)).toBe(
      'Seed 2 at t = 100: the layer-2 block of H has 3 outliers, fewer than the 4 an optimal classifier needs: the layer-2 outlier space is rank deficient, and cluster −μ is misclassified (no neuron serves it); test accuracy 0.755.',
    );
    const ok = record(100, [spec('H', 'layer2', [0.126, 0.122, 0.118, 0.114], 0.103, 4, 1)], {
      clusterAccuracy: [1, 1, 1, 1],
    });
    expect(twoLayersReading(ok, 21)).toContain('has 4 outliers, the full 4: every cluster is served');
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckpointRecord } from '../engine/runFile';
import { logTickValues } from './lineChart';
import { alignmentSeries, spectrumSeries, summarySeries, summarySymbol } from './series';
import { xorSummaryNames } from '../models/xor/summary';
import { mlpSummaryNames } from '../models/mlp/summary';
import { THEMES } from './theme';

const theme = THEMES.light;
import { smoothOnAxis } from './densityChart';
import { fromSlider, sliderRange, toSlider } from '../ui/sliderRanges';

function cp(step: number, time: number, top: number): CheckpointRecord {
  const spectrum = (matrix: 'H' | 'G', block: string) => ({
    matrix,
    block,
    eigenvalues: [top, top / 2, 0.01],
    residuals: [0, 0, 0],
    converged: [true, true, true],
    alignment: time / 10,
    outliers: 2,
    bulkEdge: 0.02,
  });
  return {
    step,
    time,
    loss: 1,
    accuracy: 0.5,
    spectra: [spectrum('H', 'class:0'), spectrum('H', 'full'), spectrum('G', 'class:0'), spectrum('G', 'full')],
    summary: {
      m: [
        [time, 0.1],
        [0.2, time],
      ],
      R: [
        [1, 0],
        [0, 1],
      ],
    },
  };
}

describe('chart series', () => {
  const cps = [cp(0, 0, 0.1), cp(10, 1, 0.2), cp(20, 2, 0.3)];
  it('spectrum: one line per eigenvalue plus the bulk edge; outliers filled', () => {
    const { series } = spectrumSeries(cps, 'G', 'class:0', theme);
    expect(series.map((s) => s.key)).toEqual(['ev0', 'ev1', 'ev2', 'edge']);
    expect(series[0].points).toEqual([
      [0, 0.1],
      [1, 0.2],
      [2, 0.3],
    ]);
    expect(series[1].markers).toEqual([true, true, true]);
    expect(series[2].markers).toEqual([false, false, false]);
    expect(spectrumSeries(cps, 'G', 'class:9', theme).series).toEqual([]);
  });
  it('alignment: every (matrix, block), G dashed', () => {
    const { series } = alignmentSeries(cps, theme);
    expect(series.map((s) => s.key)).toEqual(['H:class:0', 'H:full', 'G:class:0', 'G:full']);
    expect(series[2].dash).toBeDefined();
    expect(series[0].dash).toBeUndefined();
    expect(series[1].points[2]).toEqual([2, 0.2]);
  });
  it('alignment: null is a gap (NaN), the tooltip says why; defined values name their space', () => {
    const withNotes = cps.map((c, i) => ({
      ...c,
      spectra: c.spectra.map((s) =>
        s.matrix === 'G' && s.block === 'class:0'
          ? i === 1
            ? { ...s, alignment: null, alignmentDim: 2, alignmentNote: 'gap' as const }
            : { ...s, alignmentDim: 3, outliers: 3 }
          : s,
      ),
    }));
    const g = alignmentSeries(withNotes, theme).series[2];
    expect(Number.isNaN(g.points[1][1])).toBe(true);
    expect(g.notes![1]).toBe('undefined: the outlier space is not separated from the next eigenvalue');
    expect(g.notes![0]).toBe('with its 3-dim outlier space');
    // an old file (no alignmentDim): measured against all j tracked eigenvectors
    expect(alignmentSeries(cps, theme).series[2].notes![0]).toMatch(/^with the top-\d+ space$/);
  });
  it('summary: m_aa coloured and drawn last, m_ab grey', () => {
    const { series } = summarySeries(cps, theme);
    expect(series.map((s) => s.key)).toEqual(['m01', 'm10', 'm00', 'm11']);
    expect(series[2].points.map((p) => p[1])).toEqual([0, 1, 2]);
  });
  it('summary of other models: every entry of every statistic', () => {
    const x = { ...cps[0], summary: { mmu: [1, 2], v: [3, 4] } };
    expect(summarySeries([x], theme).series.map((s) => s.key)).toEqual(['mmu0', 'mmu1', 'v0', 'v1']);
  });
  it('summary of other models: labelled with the model’s names, keys unchanged', () => {
    const x = { ...cps[0], summary: { mmu: [1, 2], v: [3, 4], Rperp: [[1]] } };
    const { series, legend } = summarySeries([x], theme, xorSummaryNames);
    expect(series.map((s) => s.key)).toEqual(['mmu0', 'mmu1', 'v0', 'v1', 'Rperp0']);
    expect(series.map((s) => s.label)).toEqual(['m^μ₀', 'm^μ₁', 'v₀', 'v₁', 'R⊥₀']);
    expect(legend.map((l) => l.label)).toEqual([xorSummaryNames.mmu, xorSummaryNames.v, xorSummaryNames.Rperp]);
    for (const l of [...series.map((s) => s.label), ...legend.map((e) => e.label)])
      expect(l).not.toMatch(/mmu|mnu|Rperp/);
  });
  it('summarySymbol: the name up to " = " or " (", less its index; the key where unnamed', () => {
    expect(summarySymbol('mnu', xorSummaryNames)).toBe('m^ν');
    expect(summarySymbol('v', xorSummaryNames)).toBe('v');
    expect(summarySymbol('V', mlpSummaryNames)).toBe('V');
    expect(summarySymbol('q', {})).toBe('q');
  });
});

describe('axes and density', () => {
  it('log ticks: 1-2-5 over a few decades, powers of ten over many, d3 default over one', () => {
    expect(logTickValues([0.001, 0.1])).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
    expect(logTickValues([1e-6, 1])).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect(logTickValues([0.1, 0.2])).toBeUndefined();
  });
  it('smoothed density integrates to the total weight', () => {
    const { at, density } = smoothOnAxis([0.3, 0.5], [0.25, 0.75], [0, 1], 'linear', 400);
    let mass = 0;
    for (let i = 1; i < at.length; i++) mass += ((density[i] + density[i - 1]) / 2) * (at[i] - at[i - 1]);
    expect(mass).toBeCloseTo(1, 2);
    const peak = at[density.indexOf(Math.max(...density))];
    expect(peak).toBeCloseTo(0.5, 1);
  });
  it('log sliders round-trip to 3 significant digits', () => {
    const range = sliderRange('lambda')!;
    expect(fromSlider(range, toSlider(range, 50), false)).toBeCloseTo(50, 0);
    expect(fromSlider(range, 0, false)).toBe(0.1);
    expect(fromSlider(range, 1000, false)).toBe(10000);
    expect(fromSlider(sliderRange('d')!, toSlider(sliderRange('d')!, 300), true)).toBeGreaterThan(295);
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckpointRecord } from '../engine/runFile';
import { bulkCurve } from '../engine/theory';
import { smoothOnAxis, smoothTheoryOnAxis } from './densityChart';
import { THEORY_LAYER, odeSummarySeries, theorySpectrumSeries } from './theorySeries';
import { THEMES } from './theme';

const theme = THEMES.light;
import { neuronData } from './neuronData';

function cp(time: number, withTheory = true): CheckpointRecord {
  const spectrum = (matrix: 'H' | 'G', block: string) => ({
    matrix,
    block,
    eigenvalues: [0.3, 0.2],
    residuals: [0, 0],
    converged: [true, true],
    alignment: 0.5,
    outliers: 2,
    bulkEdge: 0.02,
  });
  return {
    step: time * 10,
    time,
    loss: 1,
    accuracy: 0.5,
    spectra: [spectrum('H', 'class:0'), spectrum('H', 'full')],
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
    theory: withTheory
      ? {
          blocks: [
            { matrix: 'H', block: 'class:0', bulkEdge: 0.11 + time, limitOutliers: [0.31, 0.19] },
            { matrix: 'H', block: 'full', limitOutliers: [0.4] },
          ],
          ode: {
            m: [
              [2 * time, 0.1],
              [0.2, 2 * time],
            ],
            R: [
              [1, 0],
              [0, 1],
            ],
          },
        }
      : undefined,
  };
}

describe('theory chart series', () => {
  const cps = [cp(0), cp(1), cp(2)];
  it('spectrum: the predicted edge as a line and one diamond series per λ→∞ outlier, all on the theory layer and labelled theory', () => {
    const { series, legend } = theorySpectrumSeries(cps, 'H', 'class:0');
    expect(series.map((s) => s.key)).toEqual(['theory:edge', 'theory:limit0', 'theory:limit1']);
    expect(series[0].points).toEqual([
      [0, 0.11],
      [1, 1.11],
      [2, 2.11],
    ]);
    expect(series[1].style).toBe('diamonds');
    expect(series[2].points[1]).toEqual([1, 0.19]);
    for (const s of series) expect(s.layer).toBe(THEORY_LAYER);
    for (const s of [...series, ...legend]) expect(s.label).toMatch(/theory/);
    // a block without a bulk law: no edge series, only its outliers
    expect(theorySpectrumSeries(cps, 'H', 'full').series.map((s) => s.key)).toEqual(['theory:limit0']);
    // checkpoints without theory (a run file written with --theory 0): nothing
    expect(theorySpectrumSeries([cp(0, false)], 'H', 'class:0')).toEqual({ series: [], legend: [] });
  });

  it('ODE: the same statistics as the SGD curves, read from theory.ode, dotted, legend "ODE (d→∞)"', () => {
    const { series, legend } = odeSummarySeries(cps, theme);
    expect(series.map((s) => s.key)).toEqual(['ode:m01', 'ode:m10', 'ode:m00', 'ode:m11']);
    expect(series[2].points).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
    ]);
    for (const s of series) expect(s.layer).toBe(THEORY_LAYER);
    expect(legend.map((l) => l.label)).toEqual(['ODE (d→∞)']);
    expect(odeSummarySeries([cp(0, false)], theme).series).toEqual([]);
  });

  it('spectrum: finite-λ outliers as triangles named with λ; λ→∞ values inside the bulk as their own faint series; legend names only what is drawn', () => {
    const flagged = [0, 1, 2].map((time) => {
      const c = cp(time);
      c.theory!.blocks[0] = {
        matrix: 'H',
        block: 'class:0',
        bulkEdge: 0.2,
        limitOutliers: [0.31, 0.19],
        limitInsideBulk: [false, time > 0],
        finiteOutliers: [0.33, 0.24],
        finiteAbsorbed: 0,
      };
      return c;
    });
    const { series, legend } = theorySpectrumSeries(flagged, 'H', 'class:0', 50);
    expect(series.map((s) => s.key)).toEqual([
      'theory:edge',
      'theory:finite0',
      'theory:finite1',
      'theory:limit0',
      'theory:limit1',
      'theory:limitInside1',
    ]);
    const by = (key: string) => series.find((s) => s.key === key)!;
    expect(by('theory:finite1').style).toBe('triangles');
    expect(by('theory:finite1').label).toMatch(/predicted at λ = 50/);
    // the second λ→∞ value: above the edge at t = 0 only, inside it (faint) from t = 1 on
    expect(by('theory:limit1').points.map((p) => p[1])).toEqual([0.19, NaN, NaN]);
    expect(by('theory:limitInside1').points.map((p) => p[1])).toEqual([NaN, 0.19, 0.19]);
    expect(by('theory:limitInside1').opacity).toBeLessThan(1);
    expect(legend.map((l) => l.label)).toEqual([
      'bulk edge (theory: generalised MP)',
      'outlier predicted at λ = 50 (theory)',
      'outlier λ → ∞ limit (theory)',
      'λ → ∞ value inside the bulk: no outlier predicted (theory)',
    ]);
    for (const s of [...series, ...legend]) expect(s.label).toMatch(/theory/);
    // every λ→∞ value inside the bulk (λ ≤ 5): no "λ → ∞ limit" entry, no finite-λ one when none separates
    const low = flagged.map((c) => ({
      ...c,
      theory: {
        ...c.theory!,
        blocks: [{ ...c.theory!.blocks[0], limitInsideBulk: [true, true], finiteOutliers: [], finiteAbsorbed: 2 }],
      },
    }));
    expect(theorySpectrumSeries(low, 'H', 'class:0', 0.5).legend.map((l) => l.label)).toEqual([
      'bulk edge (theory: generalised MP)',
      'λ → ∞ value inside the bulk: no outlier predicted (theory)',
    ]);
  });

  it('ODE flags: a flag without a neuron fades the whole ODE from its checkpoint on; a neuron flag fades that neuron’s curves', () => {
    const flagged = cps.map((c, i) =>
      i < 2 ? c : { ...c, theory: { ...c.theory!, odeFlags: [{ statistic: 'R', class: 0, noise: 0.4, note: 'n' }] } },
    );
    const { series, legend } = odeSummarySeries(flagged, theme);
    const m00 = series.filter((s) => s.key.endsWith(':m00'));
    expect(m00.map((s) => s.key)).toEqual(['ode:m00', 'ode-faint:m00']);
    expect(m00[0].points.map((p) => p[1])).toEqual([0, 2, 4]); // up to the flagged checkpoint
    expect(m00[1].points.map((p) => p[1])).toEqual([NaN, NaN, 4]);
    expect(m00[1].opacity).toBeLessThan(0.5);
    expect(legend.map((l) => l.label)).toEqual([
      'ODE (d→∞)',
      'faint: ODE not predictive from t = 2.0 (SGD noise ≳ ¼ of ‖x‖²)',
    ]);

    const xorCp = (time: number): CheckpointRecord => {
      const stats = {
        mmu: [time, -time],
        mnu: [0, 0],
        v: [1, -1],
        Rperp: [
          [1, 0],
          [0, 1],
        ],
      };
      return {
        ...cp(time),
        summary: stats,
        theory: {
          blocks: [],
          ode: stats,
          odeFlags: [{ statistic: 'mmu', neuron: 1, noise: 0.01, flipProbability: 0.3, note: 'n' }],
        },
      };
    };
    const xor = odeSummarySeries([xorCp(0), xorCp(1)], theme);
    const faint = xor.series.filter((s) => s.key.startsWith('ode-faint:')).map((s) => s.key);
    // neuron 1: m^μ_1, m^ν_1, v_1 and the R⊥ entries of its row and column
    expect(faint).toEqual([
      'ode-faint:mmu1',
      'ode-faint:mnu1',
      'ode-faint:v1',
      'ode-faint:Rperp1',
      'ode-faint:Rperp2',
      'ode-faint:Rperp3',
    ]);
    expect(xor.legend[1].label).toMatch(/neuron 1 /);
  });

  it('xor neuron view: each neuron carries its ODE path (m^μ_i, m^ν_i) from theory.ode only when asked', () => {
    const xor = (time: number): CheckpointRecord => ({
      step: time,
      time,
      loss: 1,
      accuracy: 0.5,
      spectra: [],
      summary: {
        mmu: [time, -time],
        mnu: [0.1, 0.2],
        v: [1, -1],
        Rperp: [
          [1, 0],
          [0, 1],
        ],
      },
      theory: {
        blocks: [],
        ode: {
          mmu: [2 * time, -2 * time],
          mnu: [0.1, 0.3],
          v: [1, -1],
          Rperp: [
            [1, 0],
            [0, 1],
          ],
        },
      },
    });
    const cps = [xor(0), xor(1)];
    const on = neuronData(cps, 'xor', 0, 1, true)!;
    expect(on.neurons[1].ode).toEqual([
      [-0, 0.3],
      [-2, 0.3],
    ]);
    expect(on.neurons[0].points).toEqual([
      [0, 0.1],
      [1, 0.1],
    ]);
    expect(neuronData(cps, 'xor', 0, 1, false)!.neurons[0].ode).toBeUndefined();
  });

  it('the predicted density is smoothed exactly like the SLQ one: same total mass on the axis, peak of MP where MP peaks', () => {
    const gamma = 0.5;
    const curve = bulkCurve(new Array(500).fill(1), gamma, 10, 0);
    const domain: [number, number] = [0, 0.4];
    const smoothed = smoothTheoryOnAxis(curve, domain, 'linear', 400);
    const step = smoothed.at[1] - smoothed.at[0];
    const mass = smoothed.density.reduce((s, v) => s + v * step, 0);
    expect(Math.abs(mass - 1)).toBeLessThan(0.02); // the trapezoid grid plus the kernel's tails beyond the axis
    // the same curve as smoothing point masses at MP quantiles would give: compare to a dense MP sample
    const sample = Array.from({ length: 4000 }, (_, i) => (i + 0.5) / 4000);
    const xs = sample.map((u) => quantileMp(u, gamma) / 10);
    const reference = smoothOnAxis(xs, new Array(xs.length).fill(1 / xs.length), domain, 'linear', 400);
    const peak = (d: number[]) => d.indexOf(Math.max(...d));
    expect(Math.abs(peak(smoothed.density) - peak(reference.density))).toBeLessThanOrEqual(4); // 1% of the axis
  });
});

/** MP(γ, σ² = 1) quantile by bisection on the numerically integrated density. */
function quantileMp(u: number, gamma: number): number {
  const a = (1 - Math.sqrt(gamma)) ** 2;
  const b = (1 + Math.sqrt(gamma)) ** 2;
  const f = (x: number) => Math.sqrt(Math.max(0, (b - x) * (x - a))) / (2 * Math.PI * gamma * x);
  const n = 4000;
  const h = (b - a) / n;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const mid = a + (i + 0.5) * h;
    acc += f(mid) * h;
    if (acc >= u) return mid;
  }
  return b;
}

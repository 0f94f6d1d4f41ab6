// Chart data that stresses a layout: long legend labels, a log axis over a few decades with values
// near 0.09 and 0.1, twenty weight arrows near each other, neurons piled at the origin and under the
// cluster markers. Deterministic (a small LCG), for the layout and snapshot tests.
import type { EnsembleTrajectoryData } from '../ensembleTrajectoryChart';
import type { DensityChartData } from '../densityChart';
import type { HistogramChartData } from '../histogramChart';
import type { LineChartData } from '../lineChart';
import type { NeuronData } from '../neuronData';
import type { ProjectionChartData } from '../projectionChart';
import { OKABE_ITO, sub } from '../theme';
import { XOR_NEURON_CLUSTERS } from '../../models/xor/neurons';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

const times = Array.from({ length: 26 }, (_, i) => i);

export function spectrumFixture(): LineChartData {
  const series = [0, 1, 2, 3].map((i) => ({
    key: `theta${i}`,
    label: `θ${sub(i + 1)}`,
    color: OKABE_ITO[0],
    opacity: 1 - i * 0.2,
    points: times.map((t) => [t, 0.09 + (8 / (i + 1)) * (1 - Math.exp(-t / 3))] as [number, number]),
    markers: times.map((t) => t > 2),
  }));
  return {
    series: [
      ...series,
      {
        key: 'edge',
        label: 'edge (an outlier is over 5 % above it)',
        color: '#5f6b7a',
        dash: '5 3',
        width: 1.4,
        points: times.map((t) => [t, 0.1 + 0.002 * t] as [number, number]),
      },
    ],
    legend: [
      { label: 'θ₁ … θ₄ (top-4 of H, class:0)', color: OKABE_ITO[0] },
      { label: 'edge (an outlier is over 5 % above it)', color: '#5f6b7a', dash: '5 3' },
      { label: 'outlier', color: '#111', marker: 'filled' },
      { label: 'in bulk', color: '#111', marker: 'hollow' },
      { label: 'theory: λ→∞ outliers', color: '#7b3fa0', marker: 'diamond', layer: 'theory' },
    ],
    scale: 'log',
    xLabel: 'training time t = step × η',
    yLabel: 'eigenvalues θ of H (class:0)',
  };
}

export function alignmentFixture(): LineChartData {
  const blocks = ['full', 'class:0', 'class:1', 'class:2', 'class:3'];
  const series = blocks.flatMap((b, i) =>
    ['H', 'G'].map((m) => ({
      key: `${m}-${b}`,
      label: `${m} ${b}`,
      color: i === 0 ? '#111111' : OKABE_ITO[i - 1],
      dash: m === 'G' ? '5 3' : undefined,
      points: times.map((t) => [t, 1 - 0.9 * Math.exp(-t / (2 + i)) - (m === 'G' ? 0.01 : 0)] as [number, number]),
    })),
  );
  return {
    series,
    legend: [
      ...blocks.map((b, i) => ({ label: b, color: i === 0 ? '#111111' : OKABE_ITO[i - 1] })),
      { label: 'H (solid)', color: '#5f6b7a' },
      { label: 'G (dashed)', color: '#5f6b7a', dash: '5 3' },
    ],
    scale: 'linear',
    yDomain: [0, 1.08],
    references: [{ y: 1, label: 'A = 1: x_b inside the top-j eigenspace' }],
    xLabel: 'training time t = step × η',
    yLabel: 'alignment A = ‖P_top x_b‖ / ‖x_b‖',
  };
}

export function densityFixture(): DensityChartData {
  const rand = lcg(7);
  const nodes = Float64Array.from({ length: 40 }, () => 0.05 + 0.06 * rand());
  const weights = Float64Array.from({ length: 40 }, () => 1 / 40);
  return {
    nodes,
    weights,
    eigenvalues: [8, 4, 2.6, 2, 0.1],
    outliers: 4,
    bulkEdge: 0.11,
    scale: 'log',
    yDomain: [0.07, 10],
    label: 'density (SLQ), t = 25.00',
    theory: {
      x: [0.05, 0.07, 0.09, 0.11],
      density: [5, 9, 6, 1],
      atom: 0,
      shift: 0.05,
      edge: 0.112,
      limitOutliers: [7.5, 3.8, 2.5, 1.9],
    },
  };
}

export function projectionFixture(): ProjectionChartData {
  const rand = lcg(3);
  const means = [
    [2.4, 0],
    [-2.4, 0],
    [0, 1.1],
    [0, -1.1],
  ];
  const n = 800;
  const points = new Float32Array(2 * n);
  const clusters = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    clusters[i] = c;
    points[2 * i] = means[c][0] + 0.5 * gauss(rand);
    points[2 * i + 1] = means[c][1] + 0.25 * gauss(rand);
  }
  // twenty weight vectors bunched along the four directions, tips close together (labels pile up)
  const weights = new Float32Array(40);
  for (let i = 0; i < 20; i++) {
    const m = means[i % 4];
    const s = 0.9 + 0.01 * i;
    weights[2 * i] = m[0] * s + 0.05 * gauss(rand);
    weights[2 * i + 1] = m[1] * s + 0.05 * gauss(rand);
  }
  return {
    axes: ['μ', 'ν'],
    points,
    clusters,
    clusterCount: 4,
    weights,
    weightLabel: 'W',
    means: Float32Array.from(means.flat()),
    clusterNames: ['+μ (y=1)', '−μ (y=1)', '+ν (y=0)', '−ν (y=0)'],
  };
}

export function neuronFixture(): NeuronData {
  const rand = lcg(11);
  const dirs: [number, number][] = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ];
  const neurons = Array.from({ length: 20 }, (_, i) => {
    const target = dirs[i % 4];
    const recruited = i < 8;
    const start: [number, number] = [0.2 * gauss(rand), 0.2 * gauss(rand)];
    const points = times.slice(0, 12).map((t) => {
      const f = recruited ? 1 - Math.exp(-t / 3) : 0;
      const decay = recruited ? 1 : Math.exp(-t / 4);
      return [start[0] * decay + f * 3 * target[0], start[1] * decay + f * 3 * target[1]] as [number, number];
    });
    return {
      neuron: i,
      points,
      weight: (recruited ? 1 : 0.05) * (target[0] !== 0 ? 1 : -1),
      serves: recruited ? ['+μ', '−μ', '+ν', '−ν'][i % 4] : null,
    };
  });
  return {
    axes: ['m^μ = W_i·μ', 'm^ν = W_i·ν'],
    weightName: 'v_i',
    clusters: XOR_NEURON_CLUSTERS,
    neurons,
    time: 11,
  };
}

export function histogramFixture(): HistogramChartData {
  return {
    bars: [0, 1, 2, 3, 4].map((k) => ({ label: String(k), count: [0, 1, 3, 9, 19][k] })),
    expected: [0, 0.4, 2.5, 8.8, 20.3],
    expectedLabel: 'expected (λ → ∞ theory)',
    xLabel: 'layer-2 outliers at the end',
    yLabel: 'seeds',
  };
}

/** 12 xor seeds over 6 checkpoints: 3 reach 4 layer-2 outliers (optimal), the rest stay at 3; one with a gap */
export function ensembleTrajectoryFixture(): EnsembleTrajectoryData {
  const time = [0, 20, 40, 60, 80, 100];
  return {
    block: 'H, layer2',
    seeds: Array.from({ length: 12 }, (_, s) => {
      const optimal = s % 4 === 1;
      return {
        seed: s + 1,
        outcome: optimal ? ('optimal' as const) : ('suboptimal' as const),
        time,
        alignment: time.map((tt, i) => (s === 5 && i === 2 ? null : 1 - 0.8 * Math.exp(-tt / (15 + s)))),
        outliers: time.map((tt) => (tt < 30 + 4 * s ? 4 : optimal ? 4 : 3)),
      };
    }),
  };
}

// @vitest-environment happy-dom
// Every chart drawn into boxes from a phone-sized 320×200 to 1920×1080, in the light and slides
// themes, and its geometry checked from the SVG: texts inside the SVG, no two texts overlapping, the
// legend off the plotting area, no text over a data line, the slides type at least its minimum, equal
// units on the projection plane. A few SVGs are kept as file snapshots.
import { describe, expect, it } from 'vitest';
import { drawDensityChart } from './densityChart';
import { drawEnsembleTrajectoryChart } from './ensembleTrajectoryChart';
import { drawHistogramChart } from './histogramChart';
import { inside, intersects, type Box, containsPoint } from './layout/box';
import { estimateTextWidth } from './layout/measure';
import { drawLineChart, type LineChartData } from './lineChart';
import { drawNeuronChart } from './neuronChart';
import { drawProjectionChart, layoutProjectionChart } from './projectionChart';
import { rectBox, samplePath, textBoxes, toSvg, type TextGeometry } from './testing/svgGeometry';
import {
  alignmentFixture,
  densityFixture,
  ensembleTrajectoryFixture,
  histogramFixture,
  neuronFixture,
  projectionFixture,
  spectrumFixture,
} from './testing/fixtures';
import { SLIDES_MIN_FONT_PX, THEMES, type Theme } from './theme';
import type { Size } from './frame';

const SIZES: Size[] = [
  { width: 320, height: 200 },
  { width: 390, height: 640 },
  { width: 720, height: 420 },
  { width: 960, height: 540 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const THEME_IDS = ['light', 'slides'] as const;

type Draw = (container: HTMLElement, size: Size, t: Theme) => void;

const CHARTS: Record<string, { draw: Draw; data: string }> = {
  spectrum: { draw: (c, s, t) => drawLineChart(c, spectrumFixture(), s, t, estimateTextWidth), data: '[data-series]' },
  'spectrum-folded': {
    draw: (c, s, t) =>
      drawLineChart(
        c,
        {
          ...spectrumFixture(),
          edgeMarks: { eigenvalues: [8, 4, 2.6, 2, 0.1], outliers: 4, bulkEdge: 0.11 },
        } as LineChartData,
        s,
        t,
        estimateTextWidth,
      ),
    data: '[data-series], .edge-marks line',
  },
  alignment: {
    draw: (c, s, t) => drawLineChart(c, alignmentFixture(), s, t, estimateTextWidth),
    data: '[data-series]',
  },
  density: {
    draw: (c, s, t) => drawDensityChart(c, densityFixture(), s, t, estimateTextWidth),
    data: '.eigen-ticks line, .theory-density',
  },
  projection: {
    draw: (c, s, t) => drawProjectionChart(c, projectionFixture(), s, t, estimateTextWidth),
    data: 'line.weight',
  },
  neurons: {
    draw: (c, s, t) => drawNeuronChart(c, neuronFixture(), s, t, estimateTextWidth),
    data: 'path.trajectory, path.ode-trajectory',
  },
  histogram: {
    draw: (c, s, t) => drawHistogramChart(c, histogramFixture(), s, t, estimateTextWidth),
    data: 'rect.bar',
  },
  'ensemble-trajectories': {
    draw: (c, s, t) => drawEnsembleTrajectoryChart(c, ensembleTrajectoryFixture(), s, t, estimateTextWidth),
    data: 'path.seed-line',
  },
};

function render(draw: Draw, size: Size, t: Theme): SVGSVGElement {
  const container = document.createElement('div');
  document.body.append(container);
  draw(container, size, t);
  return container.querySelector('svg.chart')!;
}

/** The plotting area: the transparent hover rect of x–y charts, the grid square of the neuron chart. */
function plotArea(svg: SVGSVGElement): Box | undefined {
  const hover = [...svg.querySelectorAll('rect')].find((r) => r.getAttribute('fill') === 'transparent');
  if (hover) return rectBox(hover);
  return undefined;
}

function overlapping(texts: TextGeometry[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      if (intersects(texts[i].box, texts[j].box, -0.5)) out.push(`"${texts[i].text}" × "${texts[j].text}"`);
  return out;
}

describe.each(Object.entries(CHARTS))('%s chart layout', (_name, chart) => {
  for (const themeId of THEME_IDS) {
    const t = THEMES[themeId];
    for (const size of SIZES) {
      it(`${size.width}×${size.height}, ${themeId}: texts inside the SVG, apart, off the data and the plot's legend`, () => {
        const svg = render(chart.draw, size, t);
        const texts = textBoxes(svg, t.fontSize);
        const frame = { x: 0, y: 0, width: size.width, height: size.height };
        expect(texts.length).toBeGreaterThan(2);
        expect(texts.filter((g) => !inside(g.box, frame)).map((g) => `${g.text} ${JSON.stringify(g.box)}`)).toEqual([]);
        expect(overlapping(texts)).toEqual([]);
        // no text over a data line (the points of the measured series, arrows, trajectories, bars' tops)
        const marks = [...svg.querySelectorAll(chart.data)];
        expect(marks.length).toBeGreaterThan(0);
        const points = marks.flatMap((m) => (m.tagName.toLowerCase() === 'rect' ? [] : samplePath(m)));
        const hits = texts
          .filter((g) => !g.el.closest('.axis'))
          .flatMap((g) =>
            points
              .filter(([x, y]) => containsPoint(shrink(g.box, 1), x, y))
              .slice(0, 1)
              .map(() => g.text),
          );
        expect(hits).toEqual([]);
        // the legend (rows of swatch + label) never covers the plotting area
        const area = plotArea(svg);
        if (area) {
          const legendTexts = texts.filter((g) => g.el.closest('.legend'));
          expect(legendTexts.filter((g) => intersects(g.box, area)).map((g) => g.text)).toEqual([]);
        }
        if (themeId === 'slides')
          expect(Math.min(...texts.map((g) => g.fontSize))).toBeGreaterThanOrEqual(SLIDES_MIN_FONT_PX);
      });
    }
  }
});

function shrink(b: Box, by: number): Box {
  return { x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by };
}

/** Pixels per data unit read off an axis' tick positions (needs two ticks). */
function tickScale(svg: SVGSVGElement, axisIndex: number, along: 'x' | 'y'): number | undefined {
  const axis = svg.querySelectorAll('g.axis')[axisIndex];
  const ticks = [...axis.querySelectorAll('.tick')].map((tick) => ({
    value: Number(tick.querySelector('text')!.textContent!.replace('−', '-')),
    at: toSvg(tick)[along === 'x' ? 4 : 5],
  }));
  if (ticks.length < 2) return undefined;
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  return Math.abs((b.at - a.at) / (b.value - a.value));
}

describe('projection plane', () => {
  for (const size of SIZES)
    for (const themeId of THEME_IDS)
      it(`has equal units on x and y and fills its box at ${size.width}×${size.height} (${themeId})`, () => {
        const t = THEMES[themeId];
        const { x, y, layout } = layoutProjectionChart(projectionFixture(), size, t, estimateTextWidth);
        expect(Math.abs(x(1) - x(0))).toBeCloseTo(Math.abs(y(1) - y(0)), 9);
        expect(x.range()).toEqual([0, layout.w]);
        expect(y.range()).toEqual([layout.h, 0]);
        // and the drawn axes agree where both have two labelled ticks
        const svg = render(CHARTS.projection.draw, size, t);
        const [sx, sy] = [tickScale(svg, 0, 'x'), tickScale(svg, 1, 'y')];
        if (sx !== undefined && sy !== undefined) expect(sx).toBeCloseTo(sy, 6);
      });
});

describe('log axis ticks', () => {
  it('keeps the powers of ten and drops the labels that would overprint them (0.09 next to 0.1)', () => {
    const data: LineChartData = { ...spectrumFixture(), yDomain: [0.05, 20] };
    for (const size of SIZES) {
      const svg = render((c, s, t) => drawLineChart(c, data, s, t, estimateTextWidth), size, THEMES.slides);
      const labels = textBoxes(svg.querySelectorAll('g.axis')[1] as unknown as SVGSVGElement, 20).map((g) => g.text);
      expect(labels).toContain('0.1');
      expect(labels.length).toBeGreaterThanOrEqual(2);
      if (size.height >= 420) expect(labels).toEqual(expect.arrayContaining(['0.1', '1', '10']));
      expect(overlapping(textBoxes(svg, 20))).toEqual([]);
    }
  });
});

describe('layout decisions', () => {
  it('puts the reference label into the legend when the lines leave it no room in the plot', () => {
    // flat lines every 0.01 from 0.9 to 1: no free strip above or below A = 1
    const flat = Array.from({ length: 11 }, (_, i) => ({
      key: `s${i}`,
      label: `s${i}`,
      color: '#333',
      points: Array.from({ length: 26 }, (_, t) => [t, 0.9 + i * 0.01] as [number, number]),
    }));
    const crowded: LineChartData = { ...alignmentFixture(), series: flat, yDomain: [0.9, 1.001] };
    const svg = render(
      (c, s, t) => drawLineChart(c, crowded, s, t, estimateTextWidth),
      { width: 720, height: 420 },
      THEMES.slides,
    );
    const legend = [...svg.querySelectorAll('.legend text')].map((n) => n.textContent);
    expect(legend.some((l) => l?.startsWith('A = 1'))).toBe(true);
    expect(svg.querySelector('.reference-label')).toBeNull();
  });

  it('places the reference label inside the plot when there is room', () => {
    const svg = render(CHARTS.alignment.draw, { width: 1280, height: 720 }, THEMES.light);
    expect(svg.querySelector('.reference-label')?.textContent).toBe('A = 1: x_b inside the top-j eigenspace');
  });

  it('shows fewer arrow labels than arrows when they would pile up, and every mean label', () => {
    // twenty arrows ending at almost the same point
    const piled = {
      ...projectionFixture(),
      weights: Float32Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 2 + 0.002 * i : 0.3 + 0.001 * i)),
    };
    const svg = render(
      (c, s, t) => drawProjectionChart(c, piled, s, t, estimateTextWidth),
      { width: 720, height: 420 },
      THEMES.slides,
    );
    const arrows = svg.querySelectorAll('line.weight').length;
    const labels = svg.querySelectorAll('.weight-label').length;
    expect(arrows).toBe(20);
    expect(labels).toBeGreaterThan(0);
    expect(labels).toBeLessThan(arrows);
    expect(svg.querySelectorAll('.mean-label').length).toBe(4);
  });

  it('labels every cluster of the neuron view at every size', () => {
    for (const size of SIZES.filter((s) => s.width >= 390))
      for (const themeId of THEME_IDS) {
        const svg = render(CHARTS.neurons.draw, size, THEMES[themeId]);
        expect(
          [...svg.querySelectorAll('.cluster-label')].map((n) => n.textContent).sort(),
          `${size.width}×${size.height} ${themeId}`,
        ).toEqual(['+μ (y=1)', '+ν (y=0)', '−μ (y=1)', '−ν (y=0)']);
      }
  });

  it('keeps every text inside a box too short for titles and legend (a stacked phone row)', () => {
    for (const [name, size] of [
      ['alignment', { width: 390, height: 110 }],
      ['projection', { width: 390, height: 120 }],
      ['spectrum', { width: 300, height: 90 }],
    ] as const)
      for (const themeId of THEME_IDS) {
        const svg = render(CHARTS[name].draw, size, THEMES[themeId]);
        const texts = textBoxes(svg, THEMES[themeId].fontSize);
        const frame = { x: 0, y: 0, width: size.width, height: size.height };
        expect(texts.filter((g) => !inside(g.box, frame)).map((g) => `${name} ${themeId}: ${g.text}`)).toEqual([]);
        expect(overlapping(texts)).toEqual([]);
      }
  });

  it('caps the legend at two rows in compact sizes and four otherwise', () => {
    const many: LineChartData = {
      ...alignmentFixture(),
      legend: Array.from({ length: 9 }, (_, i) => ({ label: `a legend label of some length ${i}`, color: '#333' })),
    };
    const draw: Draw = (c, s, t) => drawLineChart(c, many, s, t, estimateTextWidth);
    const rows = (size: Size) =>
      new Set(
        [...render(draw, size, THEMES.light).querySelectorAll('.legend-item')].map(
          (n) => n.getAttribute('transform')!.split(',')[1],
        ),
      ).size;
    expect(rows({ width: 320, height: 200 })).toBe(2);
    expect(rows({ width: 180 * 2, height: 600 })).toBe(2);
    expect(rows({ width: 440, height: 600 })).toBeGreaterThan(2);
    expect(rows({ width: 440, height: 600 })).toBeLessThanOrEqual(4);
  });
});

describe('SVG snapshots', () => {
  const cases: [string, Size, (typeof THEME_IDS)[number]][] = [
    ['spectrum', { width: 720, height: 420 }, 'slides'],
    ['alignment', { width: 960, height: 540 }, 'slides'],
    ['projection', { width: 960, height: 540 }, 'light'],
    ['neurons', { width: 960, height: 540 }, 'slides'],
    ['density', { width: 240, height: 420 }, 'slides'],
  ];
  for (const [name, size, themeId] of cases)
    it(`${name} ${size.width}×${size.height} ${themeId}`, async () => {
      const svg = render(CHARTS[name].draw, size, THEMES[themeId]);
      await expect(svg.outerHTML.replace(/></g, '>\n<')).toMatchFileSnapshot(
        `__snapshots__/${name}-${size.width}x${size.height}-${themeId}.svg`,
      );
    });
});

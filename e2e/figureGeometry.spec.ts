// Every embedded figure at the sizes lecturers and phones use, in the light and slides themes, after
// its run finishes: no chart text outside its SVG or the viewport, no two texts overlapping, no text
// over a data line (points sampled along the data paths), and slides type at least its minimum.
// One page per URL; the viewport is resized between sizes (the charts lay themselves out again).
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, waitForState } from './helpers';

const SLIDES_MIN_FONT_PX = 18; // src/charts/theme.ts
const SIZES = [
  { width: 720, height: 420 },
  { width: 960, height: 540 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];
// small runs: the default softmax preset (log eigenvalue axis) and the K = 4 xor net (neurons, arrows)
const PANELS: Record<string, string> = {
  spectrum: 'T=2',
  alignment: 'T=2',
  projection: 'preset=xor-k4&T=5',
  neurons: 'preset=xor-k4&T=5',
};
const DATA_MARKS =
  'path[data-series], path[data-layer-series], path.trajectory, path.ode-trajectory, line.weight, .edge-marks line, .eigen-ticks line';

interface Problem {
  chart: string;
  what: string;
}

/** Waits until every chart has been drawn for its current box (the draw runs a task after the resize). */
async function chartsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.chart-box')].filter(
      (b) => b.offsetWidth > 0 && b.offsetHeight > 0,
    );
    return (
      boxes.length > 0 &&
      boxes.every((b) => {
        const svg = b.querySelector('svg.chart');
        return (
          svg &&
          Math.abs(Number(svg.getAttribute('width')) - Math.floor(b.clientWidth)) <= 1 &&
          Math.abs(Number(svg.getAttribute('height')) - Math.floor(b.clientHeight)) <= 1
        );
      })
    );
  });
  await page.waitForTimeout(150);
}

function geometryProblems(page: Page, minFont: number, dataMarks: string, boxes = '.chart-box'): Promise<Problem[]> {
  return page.evaluate(
    ([minFont, dataMarks, boxes]) => {
      const problems: { chart: string; what: string }[] = [];
      const shrink = (r: DOMRect, by: number) => ({
        left: r.left + by,
        right: r.right - by,
        top: r.top + by,
        bottom: r.bottom - by,
      });
      for (const box of document.querySelectorAll<HTMLElement>(boxes)) {
        if (box.offsetWidth === 0) continue;
        const chart = box.dataset.testid ?? 'chart';
        const svg = box.querySelector<SVGSVGElement>('svg.chart');
        if (!svg) continue;
        const frame = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll<SVGTextElement>('text')]
          .filter((t) => (t.textContent ?? '').trim() && getComputedStyle(t).display !== 'none')
          .map((t) => ({
            text: t.textContent!,
            rect: t.getBoundingClientRect(),
            size: parseFloat(getComputedStyle(t).fontSize),
          }));
        for (const t of texts) {
          if (
            t.rect.left < frame.left - 0.5 ||
            t.rect.right > frame.right + 0.5 ||
            t.rect.top < frame.top - 0.5 ||
            t.rect.bottom > frame.bottom + 0.5
          )
            problems.push({ chart, what: `"${t.text}" outside its SVG` });
          if (
            t.rect.left < -0.5 ||
            t.rect.top < -0.5 ||
            t.rect.right > innerWidth + 0.5 ||
            t.rect.bottom > innerHeight + 0.5
          )
            problems.push({ chart, what: `"${t.text}" outside the viewport` });
          if (minFont > 0 && t.size < minFont) problems.push({ chart, what: `"${t.text}" at ${t.size} px` });
        }
        for (let i = 0; i < texts.length; i++)
          for (let j = i + 1; j < texts.length; j++) {
            const a = shrink(texts[i].rect, 0.5);
            const b = shrink(texts[j].rect, 0.5);
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
              problems.push({ chart, what: `"${texts[i].text}" overlaps "${texts[j].text}"` });
          }
        for (const mark of svg.querySelectorAll<SVGGeometryElement>(dataMarks)) {
          if (typeof mark.getTotalLength !== 'function' || getComputedStyle(mark).display === 'none') continue;
          const ctm = mark.getScreenCTM();
          if (!ctm) continue;
          const length = mark.getTotalLength();
          for (let s = 0; s <= length; s += 3) {
            const p = mark.getPointAtLength(s).matrixTransform(ctm);
            const hit = texts.find((t) => {
              const r = shrink(t.rect, 1);
              return p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;
            });
            if (hit) {
              problems.push({
                chart,
                what: `"${hit.text}" over a data line (${mark.getAttribute('class') ?? mark.getAttribute('data-series') ?? mark.tagName})`,
              });
              break;
            }
          }
        }
      }
      return problems;
    },
    [minFont, dataMarks, boxes] as const,
  );
}

for (const [panel, query] of Object.entries(PANELS)) {
  for (const theme of ['light', 'slides'] as const) {
    test(`${panel} embed (${theme}) lays itself out at every size`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.setViewportSize(SIZES[0]);
      await page.goto(`./?${query}&embed=${panel}&theme=${theme}&autoplay=1`);
      await waitForState(page, ['done']);
      const found: string[] = [];
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await chartsSettled(page);
        const problems = await geometryProblems(page, theme === 'slides' ? SLIDES_MIN_FONT_PX : 0, DATA_MARKS);
        found.push(...problems.map((p) => `${size.width}×${size.height} ${p.chart}: ${p.what}`));
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}

// the ensemble panel is no embed: its multi-seed figure is checked inside the full app, from a run file
for (const theme of ['light', 'slides'] as const) {
  test(`the ensemble's multi-seed figure (${theme}) lays itself out at every size`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(SIZES[0]);
    await page.goto(`./?model=xor&K=4&d=24&T=1&autoplay=0&theme=${theme}`);
    await page.getByTestId('open-run-input').setInputFiles('src/testing/runFiles/xor-trajectories.run.json');
    const chart = '[data-testid=chart-ensemble-trajectories]';
    await expect(page.locator(`${chart} path.seed-line`)).toHaveCount(24);
    const found: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await chartsSettled(page);
      await page.locator(chart).scrollIntoViewIfNeeded();
      const problems = await geometryProblems(
        page,
        theme === 'slides' ? SLIDES_MIN_FONT_PX : 0,
        'path.seed-line',
        chart,
      );
      found.push(...problems.map((p) => `${size.width}×${size.height} ${p.chart}: ${p.what}`));
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('the export menu draws a figure again at a slide size', async ({ page }) => {
  await page.goto('./?T=2&theme=slides');
  await waitForState(page, ['done']);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-size').selectOption('1280x720');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-spectrum').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-spectrum-1280x720\.png$/);
  const png = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
  // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]);
  await page.getByTestId('export-size').selectOption('1024x768');
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg-spectrum').click(),
  ]);
  const text = await svgDownload.createReadStream().then(async (stream) => {
    let out = '';
    for await (const chunk of stream) out += chunk;
    return out;
  });
  expect(text).toMatch(/<svg[^>]* width="1024" height="768"/);
  expect(text).toContain('class="legend"');
});

// Phone (390×844) and tablet (768×1024): one column, the first figure on the first screen, nothing
// sticky over a chart wherever the page is scrolled, touch targets of at least 44 px.
import { expect, test, type Page } from '@playwright/test';
import { waitForState } from './helpers';

const DEVICES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
];

/** Rectangles of sticky or fixed elements that overlap a chart at the current scroll position. */
async function stickyOverCharts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const charts = [...document.querySelectorAll('.chart-box')]
      .map((c) => c.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const pos = getComputedStyle(el).position;
      if (pos !== 'sticky' && pos !== 'fixed') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      for (const c of charts) {
        if (r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)
          out.push(`${el.tagName.toLowerCase()}.${el.className} (${pos})`);
      }
    }
    return out;
  });
}

/** Controls whose touch target (the control, or the label that holds it) is under 44×44 px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll(
      'button, select, summary, input:not([type=hidden]):not([type=file]), [role=slider]',
    );
    for (const el of controls) {
      if (
        !(el as HTMLElement).checkVisibility?.() ||
        el.closest('[hidden], dialog:not([open]), details:not([open]) > :not(summary)')
      )
        continue;
      const target = el.closest('label') ?? el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
        out.push(
          `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 24)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  });
}

for (const device of DEVICES) {
  test(`${device.name} ${device.width}×${device.height}: first figure on the first screen, nothing sticky over the charts, 44 px targets`, async ({
    page,
  }, info) => {
    await page.setViewportSize({ width: device.width, height: device.height });
    await page.goto('./?preset=minibulk');
    await waitForState(page, ['done']);
    await page.waitForTimeout(600);
    const first = await page.getByTestId('panel-spectrum').locator('.chart-box').first().boundingBox();
    expect(first, 'the first chart is laid out').not.toBeNull();
    expect(first!.y, 'the first chart starts on the first screen').toBeLessThan(device.height - 100);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    for (const y of [0, 300, 700, 1200, 2000, 3000, pageHeight - device.height]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50);
      expect(await stickyOverCharts(page), `scrolled to ${y}`).toEqual([]);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await smallTargets(page)).toEqual([]);
    // no horizontal scrolling of the page
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(device.width);
    const path = info.outputPath(`${device.name}.png`);
    await page.screenshot({ path });
    await info.attach(device.name, { path, contentType: 'image/png' });
  });
}

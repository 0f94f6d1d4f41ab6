// No layout shift while a run plays (CLS < 0.05, measured until the run finishes) and no serious or
// critical accessibility violations (axe-core) on the home page, every preset, every embed and the
// dark theme.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESET_NAMES } from '../src/state/presets';
import { PANEL_IDS } from '../src/state/view';
import { waitForState } from './helpers';
import { layoutShift, watchLayoutShift } from './layoutShift';

const PAGES: { name: string; url: string }[] = [
  { name: 'home', url: './' },
  ...PRESET_NAMES.map((p) => ({ name: `preset ${p}`, url: `./?preset=${p}` })),
  ...PANEL_IDS.map((id) => ({
    name: `embed ${id}`,
    url: `./?preset=${id === 'neurons' ? 'xor-k4' : 'minibulk'}&embed=${id}&autoplay=1&theme=slides`,
  })),
  { name: 'dark theme', url: './?preset=xor-k4&theme=dark' },
  { name: 'dark embed', url: './?preset=minibulk&embed=spectrum&autoplay=1&theme=dark' },
];

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ')}`,
    );
}

for (const { name, url } of PAGES) {
  test(`${name}: CLS < 0.05 until the run finishes; no serious axe violations`, async ({ page }, info) => {
    await watchLayoutShift(page);
    await page.goto(url);
    await waitForState(page, ['done']);
    await page.waitForTimeout(800); // the last views draw after the last frame
    const shift = await layoutShift(page);
    info.annotations.push({ type: 'CLS', description: shift.total.toFixed(4) });
    console.log(
      `${name}: CLS ${shift.total.toFixed(4)}${shift.sources.length ? `\n  ${shift.sources.slice(0, 8).join('\n  ')}` : ''}`,
    );
    const violations = await seriousViolations(page);
    console.log(
      `${name}: axe serious/critical ${violations.length}${violations.length ? `\n  ${violations.join('\n  ')}` : ''}`,
    );
    expect(shift.total, shift.sources.join('\n')).toBeLessThan(0.05);
    expect(violations).toEqual([]);
  });
}

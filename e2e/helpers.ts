// Shared helpers of the end-to-end specs: the app's read-only snapshot (window.__eigenalign),
// console-error collection, and per-panel screenshots into the test's output folder.
import { expect, type Page, type TestInfo } from '@playwright/test';

export interface Snap {
  runId: number;
  state: string;
  step: number;
  steps: number;
  backend?: { name: string; reason: string };
  checkpoints: {
    step: number;
    time: number;
    loss: number;
    accuracy: number;
    spectra: {
      matrix: string;
      block: string;
      eigenvalues: number[];
      alignment: number | null;
      alignmentDim?: number;
      alignmentNote?: string;
      outliers: number;
      bulkEdge: number;
    }[];
  }[];
  density?: unknown;
  projection?: unknown;
  error?: string;
}

export async function snapshot(page: Page): Promise<Snap> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __eigenalign: { get(): Snap } }).__eigenalign.get();
    return JSON.parse(
      JSON.stringify({ ...s, density: s.density ? true : undefined, projection: s.projection ? true : undefined }),
    );
  });
}

export async function waitForState(page: Page, states: string[], timeout = 150_000): Promise<Snap> {
  await page.waitForFunction(
    (wanted) => {
      const s = (globalThis as unknown as { __eigenalign?: { get(): { state: string } } }).__eigenalign?.get();
      return !!s && wanted.includes(s.state);
    },
    states,
    { timeout },
  );
  return snapshot(page);
}

/** Console errors and uncaught page errors (the worker's console included). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function screenshotPanels(page: Page, info: TestInfo, prefix: string): Promise<void> {
  await page.waitForTimeout(600); // the charts draw one per task after the last frame
  for (const panel of ['spectrum', 'alignment', 'projection']) {
    const path = info.outputPath(`${prefix}-${panel}.png`);
    await page.getByTestId(`panel-${panel}`).screenshot({ path });
    await info.attach(`${prefix}-${panel}`, { path, contentType: 'image/png' });
  }
  const path = info.outputPath(`${prefix}-page.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(`${prefix}-page`, { path, contentType: 'image/png' });
}

export function expectClose(a: number, b: number, rel: number, abs: number, what: string): void {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(abs + rel * Math.max(Math.abs(a), Math.abs(b)));
}

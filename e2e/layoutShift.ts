// Cumulative layout shift as the page sees it: a PerformanceObserver ('layout-shift', buffered) installed
// before the app's scripts run, summing every shift not caused by recent input (the sum of all session
// windows: an upper bound of the CLS metric), with the elements that moved most, for the message.
import type { Page } from '@playwright/test';

export interface ShiftReport {
  total: number;
  sources: string[];
}

export async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: { total: number; sources: string[] } };
    w.__shift = { total: 0, sources: [] };
    const describe = (node: Node | null | undefined): string => {
      if (node && !(node instanceof Element))
        return `${node.nodeName} in ${describe(node.parentElement)} "${(node.textContent ?? '').slice(0, 30)}"`;
      if (!(node instanceof Element)) return '?';
      const test = node.getAttribute('data-testid');
      return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${test ? `[data-testid=${test}]` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.split(' ').join('.')}` : ''}`;
    };
    const rect = (r: DOMRectReadOnly) =>
      `(${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)})`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        w.__shift.total += entry.value;
        w.__shift.sources.push(
          `${entry.value.toFixed(4)}: ${(entry.sources ?? []).map((s) => `${describe(s.node)} ${rect(s.previousRect)}→${rect(s.currentRect)}`).join(', ')}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export async function layoutShift(page: Page): Promise<ShiftReport> {
  return page.evaluate(() => (window as unknown as { __shift: ShiftReport }).__shift);
}

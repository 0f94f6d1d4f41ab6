// @vitest-environment happy-dom
// The panel error boundary: a panel that throws shows which panel failed and why, its siblings stay,
// and it renders again once its reset key changes.
import { createElement, act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelBoundary } from './PanelBoundary';

function Fails({ when }: { when: boolean }) {
  if (when) throw new TypeError("Cannot read properties of undefined (reading 'blocks')");
  return createElement('p', { 'data-testid': 'fine' }, 'drawn');
}

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('PanelBoundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('replaces only the failing panel with a message, and recovers on a new reset key', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const page = (fail: boolean, resetKey: number) =>
      createElement(
        'main',
        null,
        createElement(PanelBoundary, { name: 'spectrum', resetKey }, createElement(Fails, { when: fail })),
        createElement(PanelBoundary, { name: 'alignment' }, createElement(Fails, { when: false })),
      );
    await act(async () => root.render(page(true, 1)));
    const alert = host.querySelector('[data-testid=panel-error]');
    expect(alert?.getAttribute('data-panel')).toBe('spectrum');
    expect(alert?.textContent).toContain(
      "The spectrum panel could not be drawn: Cannot read properties of undefined (reading 'blocks')",
    );
    expect(alert?.textContent).toContain('The other panels and the controls keep working');
    expect(host.querySelectorAll('[data-testid=fine]')).toHaveLength(1); // the alignment panel
    await act(async () => root.render(page(false, 1))); // same key: still the message
    expect(host.querySelector('[data-testid=panel-error]')).not.toBeNull();
    await act(async () => root.render(page(false, 2))); // new data: drawn again
    expect(host.querySelector('[data-testid=panel-error]')).toBeNull();
    expect(host.querySelectorAll('[data-testid=fine]')).toHaveLength(2);
    await act(async () => root.unmount());
  });
});

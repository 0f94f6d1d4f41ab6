// The cross-backend check: the first checkpoint (step 0) of a tiny config on two backends.
import { expect, type Page } from '@playwright/test';
import { expectClose, waitForState, type Snap } from './helpers';

// A tiny config: the first checkpoint (step 0) is compared across backends.
const TINY = 'd=40&k=3&T=0.5&every=10';

export async function firstCheckpoint(page: Page, backend: string): Promise<Snap> {
  await page.goto(`./?${TINY}&backend=${backend}`);
  const s = await waitForState(page, ['done', 'paused', 'playing'], 170_000);
  expect(s.backend?.name, `backend actually used`).toBe(backend);
  return s;
}

export function compareFirst(a: Snap, b: Snap): void {
  const [ca, cb] = [a.checkpoints[0], b.checkpoints[0]];
  expect(ca.step).toBe(0);
  expect(cb.step).toBe(0);
  expectClose(ca.loss, cb.loss, 1e-4, 1e-5, 'loss');
  expect(cb.spectra.map((s) => `${s.matrix}:${s.block}`)).toEqual(ca.spectra.map((s) => `${s.matrix}:${s.block}`));
  ca.spectra.forEach((sa, i) => {
    const sb = cb.spectra[i];
    sa.eigenvalues.forEach((v, r) =>
      expectClose(v, sb.eigenvalues[r], 2e-3, 1e-6, `${sa.matrix} ${sa.block} θ${r + 1}`),
    );
    // undefined (null) on one backend must be undefined on the other, for the same reason
    expect(sb.alignmentNote, `${sa.matrix} ${sa.block} alignmentNote`).toBe(sa.alignmentNote);
    if (sa.alignment === null || sb.alignment === null)
      expect(sb.alignment, `${sa.matrix} ${sa.block} alignment`).toBe(sa.alignment);
    else expectClose(sa.alignment, sb.alignment, 0, 2e-3, `${sa.matrix} ${sa.block} alignment`);
  });
}

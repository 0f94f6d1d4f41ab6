// The essay's entry: the engine first (its Worker loads tfjs while the page's own code loads and
// draws), then the page, loaded as a separate chunk.
import { engineHub } from './engineHub';
import { warmup } from './warmup';

// Read-only hook for the end-to-end tests and the console: the shared engine's snapshot.
(globalThis as unknown as { __essay: unknown }).__essay = { engine: () => engineHub.snapshot() };

const embed = new URLSearchParams(location.search).get('embed');
// Warm the engine: at once for a link to a run figure, else once the page is idle after its first paint.
const warm = warmup(location.hash, embed);
if (warm.now) engineHub.warm(warm.run);

void import('./render').then(({ render }) => {
  render(embed);
  if (!warm.now) requestAnimationFrame(() => whenIdle(() => engineHub.warm(warm.run)));
});

function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}

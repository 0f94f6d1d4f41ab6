import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import '../ui/styles.css';
import './essay.css';
import { Essay } from './Essay';
import { engineHub } from './engineHub';
import { warmup } from './warmup';

// Read-only hook for the end-to-end tests and the console: the shared engine's snapshot.
(globalThis as unknown as { __essay: unknown }).__essay = { engine: () => engineHub.snapshot() };

const embed = new URLSearchParams(location.search).get('embed');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Essay embed={embed} />
  </StrictMode>,
);

// Warm the engine: at once for a link to a run figure, else once the page is idle after its first paint.
const warm = warmup(location.hash, embed);
if (warm.now) engineHub.warm(warm.run);
else requestAnimationFrame(() => whenIdle(() => engineHub.warm(warm.run)));

function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}

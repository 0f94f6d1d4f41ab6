import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import '../ui/styles.css';
import './essay.css';
import { Essay } from './Essay';
import { engineHub } from './engineHub';

// Read-only hook for the end-to-end tests and the console: the shared engine's snapshot.
(globalThis as unknown as { __essay: unknown }).__essay = { engine: () => engineHub.snapshot() };

const embed = new URLSearchParams(location.search).get('embed');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Essay embed={embed} />
  </StrictMode>,
);

// The essay's page, drawn once main.tsx has set the engine going.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import '../ui/styles.css';
import './essay.css';
import { Essay } from './Essay';

export function render(embed: string | null): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Essay embed={embed} />
    </StrictMode>,
  );
}

// A section's figure: the drawing, what to try, the live reading, and its tools (export as SVG/PNG,
// link to embed it alone, open the same state in the sandbox).
import { useRef, type ReactNode } from 'react';
import type { Theme } from '../charts/theme';
import { download, figurePng, figureSvg } from '../ui/exportFigure';

export interface FigureProps {
  id: string;
  title: string;
  /** one sentence: what the reader can try */
  tryThis: ReactNode;
  /** the text that reads the figure's numbers (plain string for the export's description) */
  reading: ReactNode;
  readingText: string;
  theme: Theme;
  /** the app URL query ("?preset=…", or "") with every parameter of the figure's run, when it has one */
  sandbox?: string;
  children: ReactNode;
}

export function Figure({ id, title, tryThis, reading, readingText, theme, sandbox, children }: FigureProps) {
  const ref = useRef<HTMLElement>(null);
  const exportSvg = () =>
    ref.current &&
    download(`eigenalign-essay-${id}.svg`, figureSvg(ref.current, title, readingText, theme), 'image/svg+xml');
  const exportPng = async () =>
    ref.current && download(`eigenalign-essay-${id}.png`, await figurePng(ref.current, title, readingText, theme));
  return (
    <figure ref={ref} className="essay-figure" data-figure={id} aria-labelledby={`${id}-caption`}>
      {children}
      <figcaption id={`${id}-caption`}>
        <p className="try">
          <span className="try-label">Try: </span>
          {tryThis}
        </p>
        <p className="reading" aria-live="polite" data-reading={id}>
          {reading}
        </p>
      </figcaption>
      <div className="figure-tools">
        <button type="button" onClick={exportSvg}>
          Export SVG
        </button>
        <button type="button" onClick={() => void exportPng()}>
          Export PNG
        </button>
        <a href={`essay.html?embed=${id}`}>Embed this figure</a>
        {sandbox !== undefined && (
          <a href={`index.html${sandbox}`} data-sandbox={id}>
            Open this figure in the sandbox
          </a>
        )}
      </div>
    </figure>
  );
}

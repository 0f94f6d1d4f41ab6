// Typeset math (KaTeX, rendered to a string once per formula).
import katex from 'katex';
import { useMemo } from 'react';

export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml' }),
    [children, block],
  );
  return block ? (
    <div className="tex-block" dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <span dangerouslySetInnerHTML={{ __html: html }} />
  );
}

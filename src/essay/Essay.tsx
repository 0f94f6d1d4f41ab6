// The guided essay: the paper's story in eight sections, each with one live figure. ?embed=<id> shows
// one section's figure alone.
import { useEffect, type ReactNode } from 'react';
import { useEssayTheme } from './chartTheme';
import { Setting } from './sections/Setting';
import { Spectrum } from './sections/Spectrum';
import { Matrices } from './sections/Matrices';
import { Alignment } from './sections/Alignment';
import { Emergence } from './sections/Emergence';
import { Dynamics } from './sections/Dynamics';
import { TwoLayers } from './sections/TwoLayers';
import { Theorems } from './sections/Theorems';
import type { Theme } from '../charts/theme';

export const SECTIONS: { id: string; title: string; render: (theme: Theme, embed: boolean) => ReactNode }[] = [
  { id: 'setting', title: 'The question and the setting', render: (t, e) => <Setting theme={t} embed={e} /> },
  { id: 'spectrum', title: 'Spectra of random data', render: (t, e) => <Spectrum theme={t} embed={e} /> },
  { id: 'matrices', title: 'H and G', render: (t, e) => <Matrices theme={t} embed={e} /> },
  { id: 'alignment', title: 'Training aligns', render: (t, e) => <Alignment theme={t} embed={e} /> },
  { id: 'emergence', title: 'What emerges', render: (t, e) => <Emergence theme={t} embed={e} /> },
  { id: 'dynamics', title: 'The effective dynamics', render: (t, e) => <Dynamics theme={t} embed={e} /> },
  { id: 'two-layers', title: 'Two layers: XOR', render: (t, e) => <TwoLayers theme={t} embed={e} /> },
  { id: 'theorems', title: 'What the theorems say', render: () => <Theorems /> },
];

/** The section a link's #fragment names: the browser looked for it before React drew the page. */
function useScrollToHash(): void {
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
}

export function Essay({ embed }: { embed: string | null }) {
  const theme = useEssayTheme();
  useScrollToHash();
  const embedded = embed ? SECTIONS.find((s) => s.id === embed && s.id !== 'theorems') : undefined;
  if (embedded) {
    return (
      <div className="essay embedded">
        {embedded.render(theme, true)}
        <p className="embed-source">
          From <a href={`essay.html#${embedded.id}`}>the eigenalign essay</a>, section “{embedded.title}”.
        </p>
      </div>
    );
  }
  return (
    <div className="essay">
      <header className="essay-header">
        <p className="kicker">
          <a href="index.html">eigenalign</a> · a guided essay
        </p>
        <h1>Where does SGD go? Outlier eigenspaces in high dimension</h1>
        <p className="lede">
          A walk through one result about training in high dimension, in eight short sections. Each has a live figure
          computed in your browser by the same engine as the <a href="index.html">sandbox</a>; the sentences under each
          figure read its current numbers. Underlined terms open their definition.
        </p>
        {embed && <p role="alert">There is no figure named “{embed}”; here is the whole essay.</p>}
        <nav aria-label="Sections">
          <ol className="toc">
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <main>
        {SECTIONS.map((s) => (
          <div key={s.id}>{s.render(theme, false)}</div>
        ))}
      </main>
    </div>
  );
}

// A term where it first appears: a button that opens its definition inline (keyboard and touch, not
// hover), and a link target from the glossary.
import { useId, useState, type ReactNode } from 'react';
import { TERMS, type TermId } from './glossary';

export function Term({ id, children }: { id: TermId; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <>
      <button type="button" className="term" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
        <dfn>{children ?? TERMS[id].term}</dfn>
      </button>
      <span id={panel} className="definition" role="note" hidden={!open}>
        <strong>{TERMS[id].term}:</strong> {TERMS[id].text}
      </span>
    </>
  );
}

export function Glossary() {
  return (
    <dl className="glossary">
      {Object.entries(TERMS).map(([id, t]) => (
        <div key={id} id={`term-${id}`}>
          <dt>{t.term}</dt>
          <dd>{t.text}</dd>
        </div>
      ))}
    </dl>
  );
}

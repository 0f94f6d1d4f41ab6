// One section of the essay: heading and text around its figure; embedded (?embed=<id>), the figure alone.
import type { ReactNode } from 'react';

export interface SectionProps {
  id: string;
  number: number;
  title: string;
  embed: boolean;
  /** text before the figure */
  intro: ReactNode;
  figure: ReactNode;
  /** text after the figure */
  outro?: ReactNode;
}

export function Section({ id, number, title, embed, intro, figure, outro }: SectionProps) {
  if (embed) return <main className="essay-embed">{figure}</main>;
  return (
    <section id={id} className="essay-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span className="section-number">{number}.</span> {title}
      </h2>
      {intro}
      {figure}
      {outro}
    </section>
  );
}

export interface SectionArgs {
  embed: boolean;
}

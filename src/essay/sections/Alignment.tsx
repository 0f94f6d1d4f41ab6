// 4. Training aligns with the outlier space: the alignment of every block over training time.
import { useMemo } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import { alignmentSeries, TIME_LABEL } from '../../charts/series';
import type { CheckpointRecord } from '../../engine/runFile';
import { LineFigure } from '../charts';
import { Figure } from '../Figure';
import { alignmentWords, num, spectrumAt } from '../readouts';
import { RunControls } from '../RunControls';
import { sandboxQuery } from '../sandbox';
import { Section } from '../Section';
import { Term } from '../Term';
import { Tex } from '../Tex';
import { useSectionRun } from '../useSectionRun';

export function alignmentChartData(shown: CheckpointRecord[], t: Theme): LineChartData {
  const { series, legend } = alignmentSeries(shown, t);
  // a line of one point is invisible: the t = 0 checkpoint is drawn as dots until the next one comes
  const marked = series.map((s) => (s.points.length === 1 ? { ...s, markers: [true] } : s));
  return {
    series: marked,
    legend,
    xLabel: TIME_LABEL,
    yLabel: 'alignment ‖P_out x‖/‖x‖',
    scale: 'linear',
    yDomain: [0, 1.02],
  };
}

export function alignmentReading(cp: CheckpointRecord | undefined, first: CheckpointRecord | undefined): string {
  const h = spectrumAt(cp, 'H', 'class:0');
  const g = spectrumAt(cp, 'G', 'class:0');
  const h0 = spectrumAt(first, 'H', 'class:0');
  if (!cp || !h || !g || !h0) return 'Waiting for the first checkpoint of the run…';
  return `At t = ${num(cp.time)}: alignment ${alignmentWords(h)} of class 0’s weights with the outlier eigenspace of H’s class-0 block (G: ${alignmentWords(g)}); at t = 0 it was ${alignmentWords(h0)}.`;
}

export function Alignment({ theme, embed }: { theme: Theme; embed: boolean }) {
  const { ref, run, replay, shown, cp, first } = useSectionRun('softmax');
  const chart = useMemo(() => alignmentChartData(shown, theme), [shown, theme]);
  const reading = alignmentReading(cp, first);
  const figure = (
    <div ref={ref}>
      <Figure
        id="alignment"
        title="Alignment of every block with its outlier eigenspace"
        theme={theme}
        tryThis={
          <>
            press “Replay slowly” and watch every line climb from below 0.25 at t = 0 to above 0.9; scrub back to any
            time.
          </>
        }
        reading={
          <span data-alignment={spectrumAt(cp, 'H', 'class:0')?.alignment} data-time={cp?.time}>
            {reading}
          </span>
        }
        readingText={reading}
        sandbox={sandboxQuery('softmax')}
      >
        <RunControls id="alignment" run={run} replay={replay} />
        <LineFigure
          data={chart}
          theme={theme}
          label="Alignment of each class block and of the full parameter vector with its outlier eigenspace in H (solid) and G (dashed) over training time"
          height={300}
        />
      </Figure>
    </div>
  );
  return (
    <Section
      id="alignment"
      number={4}
      title="Training aligns with the outlier space"
      embed={embed}
      intro={
        <p>
          Now train: λ = 50, d = 300, c_δ = 1, β = 0.1, 25 units of time (7 500 SGD steps), measuring H and G on M = 600
          test samples at 11 checkpoints. For each block, the <Term id="alignment" />{' '}
          <Tex>{String.raw`\|P_{\text{out}}\,x^c\|/\|x^c\|`}</Tex> measures how much of class c’s weight vector lies in
          the block’s outlier eigenspace: the span of its top n eigenvectors, n = its outlier count (at most the k = 4
          tracked). The paper’s main theorem: it tends to 1, for H and for G, for every block and for the whole
          parameter vector. Where a block has no outliers, or its outlier space is not separated from the rest of the
          spectrum, the alignment is undefined and its line has a gap.
        </p>
      }
      figure={figure}
    />
  );
}

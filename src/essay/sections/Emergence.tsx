// 5. What emerges and what was there from the start: the top eigenvalues of H and G over time.
import { useMemo } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import { spectrumSeries, TIME_LABEL } from '../../charts/series';
import type { CheckpointRecord } from '../../engine/runFile';
import { LineFigure } from '../charts';
import { Figure } from '../Figure';
import { num, outlierWords, outliersAt, outliersAtLeastAt, spectrumAt } from '../readouts';
import { RunControls } from '../RunControls';
import { sandboxQuery } from '../sandbox';
import { Section } from '../Section';
import { useSectionRun } from '../useSectionRun';

export function emergenceChartData(shown: CheckpointRecord[], matrix: 'H' | 'G', t: Theme): LineChartData {
  const { series, legend } = spectrumSeries(shown, matrix, 'class:0', t);
  return { series, legend, xLabel: TIME_LABEL, yLabel: `top eigenvalues of ${matrix}, class 0`, scale: 'log' };
}

export function emergenceReading(cp: CheckpointRecord | undefined, first: CheckpointRecord | undefined): string {
  const g0 = spectrumAt(first, 'G', 'class:0');
  const g = spectrumAt(cp, 'G', 'class:0');
  if (!cp || !first || !g || !g0) return 'Waiting for the first checkpoint of the run…';
  const at = (c: CheckpointRecord, m: string) =>
    outlierWords(outliersAt(c, m, 'class:0')!, outliersAtLeastAt(c, m, 'class:0'));
  const rest = g.eigenvalues.slice(1);
  const restRatio = rest.length ? Math.max(...rest) / g.bulkEdge : NaN;
  return `At t = 0 the class-0 block of H already has ${at(first, 'H')} and that of G ${at(first, 'G')}. At t = ${num(cp.time)}: H ${at(cp, 'H')}, G ${at(cp, 'G')}. G’s largest eigenvalue went from ${num(g0.eigenvalues[0])} to ${num(g.eigenvalues[0])}; its next ${rest.length} stay within ${num(restRatio)} times the edge.`;
}

export function Emergence({ theme, embed }: { theme: Theme; embed: boolean }) {
  const { ref, run, replay, shown, cp, first } = useSectionRun('softmax');
  const h = useMemo(() => emergenceChartData(shown, 'H', theme), [shown, theme]);
  const g = useMemo(() => emergenceChartData(shown, 'G', theme), [shown, theme]);
  const reading = emergenceReading(cp, first);
  const figure = (
    <div ref={ref}>
      <Figure
        id="emergence"
        title="The top four eigenvalues of H and G (class-0 block) over training"
        theme={theme}
        tryThis={
          <>
            replay slowly and follow the filled markers (outliers) and the dashed edge: which outliers exist at t = 0,
            which move?
          </>
        }
        reading={
          <span
            data-h0={outliersAt(first, 'H', 'class:0')}
            data-g0={outliersAt(first, 'G', 'class:0')}
            data-h={outliersAt(cp, 'H', 'class:0')}
            data-g={outliersAt(cp, 'G', 'class:0')}
          >
            {reading}
          </span>
        }
        readingText={reading}
        sandbox={sandboxQuery('softmax', { matrix: 'G', block: 'class:0' })}
      >
        <RunControls id="emergence" run={run} replay={replay} />
        <div className="chart-pair">
          <LineFigure
            data={h}
            theme={theme}
            label="Top four eigenvalues of H's class-0 block over training time, outliers filled"
            height={260}
          />
          <LineFigure
            data={g}
            theme={theme}
            label="Top four eigenvalues of G's class-0 block over training time, outliers filled"
            height={260}
          />
        </div>
      </Figure>
    </div>
  );
  return (
    <Section
      id="emergence"
      number={5}
      title="What emerges, and what was there from the start"
      embed={embed}
      intro={
        <>
          <p>
            The paper’s title speaks of <em>emerging</em> outlier eigenspaces, and it is worth being exact about what
            emerges in this run. At λ = 50 each class spike is far above the BBP threshold of section 2, so the outliers
            that come from the means are there before training starts: the figure reads the counts at t = 0 from the run
            itself.
          </p>
          <p>
            What training changes is where the weights sit (section 4) and the sizes of the outliers. In G the change is
            large: its weight is the squared error, so the outlier along μ₀ falls as class 0 is learnt, while the k − 1
            outliers along the other means (the mini-bulk) stay close to the edge, where the outlier rule can count one
            of them in or out from one checkpoint to the next. The theorems describe the top eigenspaces along the whole
            run after a short burn-in; they do not claim that the outliers are absent at t = 0. Change the seed in the
            sandbox to see other runs.
          </p>
        </>
      }
      figure={figure}
    />
  );
}

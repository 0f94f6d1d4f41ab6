// 6. The effective dynamics: the μ-overlaps of SGD beside the ODE they follow as d → ∞.
import { useMemo } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import { summarySeries, TIME_LABEL } from '../../charts/series';
import { odeSummarySeries } from '../../charts/theorySeries';
import type { CheckpointRecord } from '../../engine/runFile';
import { LineFigure } from '../charts';
import { Figure } from '../Figure';
import { num, odeGap } from '../readouts';
import { RunControls } from '../RunControls';
import { sandboxQuery } from '../sandbox';
import { Section } from '../Section';
import { Term } from '../Term';
import { Tex } from '../Tex';
import { useSectionRun } from '../useSectionRun';

export function dynamicsChartData(shown: CheckpointRecord[], t: Theme): LineChartData {
  const sgd = summarySeries(shown, t);
  const ode = odeSummarySeries(shown, t);
  const legend = [
    { label: 'μ-overlap m_aa (SGD)', color: t.palette[0] },
    { label: 'm_ab, a ≠ b (SGD)', color: '#b9c0ca' },
    ...ode.legend,
  ];
  return {
    series: [...sgd.series, ...ode.series],
    legend,
    xLabel: TIME_LABEL,
    yLabel: 'μ-overlaps m_ab = x^a·μ_b',
    scale: 'linear',
  };
}

export function dynamicsReading(cp: CheckpointRecord | undefined, shown: CheckpointRecord[]): string {
  const m = cp?.summary?.m as number[][] | undefined;
  const ode = cp?.theory?.ode?.m as number[][] | undefined;
  if (!cp || !Array.isArray(m) || !Array.isArray(ode)) return 'Waiting for the first checkpoint of the run…';
  return `At t = ${num(cp.time)}: m₀₀ = ${num(m[0][0])} in SGD and ${num(ode[0][0])} in the ODE; m₀₁ = ${num(m[0][1])} and ${num(ode[0][1])}. Up to this time the diagonal overlaps of SGD and ODE differ by at most ${num(odeGap(shown))}.`;
}

export function Dynamics({ theme, embed }: { theme: Theme; embed: boolean }) {
  const { ref, run, replay, shown, cp } = useSectionRun('softmax');
  const chart = useMemo(() => dynamicsChartData(shown, theme), [shown, theme]);
  const reading = dynamicsReading(cp, shown);
  const figure = (
    <div ref={ref}>
      <Figure
        id="dynamics"
        title="μ-overlaps of SGD and of the effective dynamics"
        theme={theme}
        tryThis={<>replay slowly: each solid SGD curve follows the dotted ODE curve of the same colour.</>}
        reading={
          <span data-gap={odeGap(shown)} data-time={cp?.time}>
            {reading}
          </span>
        }
        readingText={reading}
        sandbox={sandboxQuery('softmax')}
      >
        <RunControls id="dynamics" run={run} replay={replay} />
        <LineFigure
          data={chart}
          theme={theme}
          label="The overlaps m_ab of the weights with the means over time, SGD solid and the ODE dotted"
          height={300}
        />
      </Figure>
    </div>
  );
  return (
    <Section
      id="dynamics"
      number={6}
      title="The effective dynamics"
      embed={embed}
      intro={
        <p>
          Why does alignment happen, and when? In the high-dimensional limit the run is described by a handful of{' '}
          <Term id="summary" />: the μ-overlaps <Tex>{String.raw`m_{ab} = x^a\cdot\mu_b`}</Tex> and the lengths of the
          weights’ parts orthogonal to the means. With step size c_δ/d, their fluctuations vanish as d → ∞ and they
          follow an ordinary differential equation, the <Term id="effective" /> (Ben Arous, Gheissari and Jagannath,{' '}
          <a href="https://arxiv.org/abs/2206.04030">
            “High-dimensional limit theorems for SGD: effective dynamics and critical scaling”
          </a>
          , NeurIPS 2022). The paper uses this ODE to locate the weights at every time, and then shows that the top
          eigenspaces of H and G, evaluated there, contain them.
        </p>
      }
      figure={figure}
    />
  );
}

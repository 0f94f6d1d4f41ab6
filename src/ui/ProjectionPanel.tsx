// Panel 3: the test samples and weight vectors projected on a plane (two means, or the top-2
// eigenvectors of the selected block), and the summary statistics m_ab(t).
import { useCallback, useMemo } from 'react';
import { findModelInfo } from '../models/registry';
import type { Size } from '../charts/frame';
import { drawLineChart, type LineChartData } from '../charts/lineChart';
import { drawProjectionChart, type ProjectionChartData } from '../charts/projectionChart';
import { TIME_LABEL, summarySeries } from '../charts/series';
import { odeSummarySeries } from '../charts/theorySeries';
import { projectionSummary } from '../charts/summaries';
import { useTheme } from './themeContext';
import type { ViewState } from '../state/view';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';
import { Segmented } from './Segmented';
import { TheoryToggle } from './TheoryToggle';

interface Props {
  snapshot: EngineSnapshot;
  view: ViewState;
  means: string[];
  onView: (patch: Partial<ViewState>) => void;
}

export function ProjectionPanel({ snapshot, view, means, onView }: Props) {
  const { checkpoints, projection } = snapshot;
  const info = findModelInfo(snapshot.config?.model);
  const clusterNames = info?.clusterNames;
  const summaryNames = info?.summaryNames;
  const theme = useTheme();
  const drawLine = useCallback((c: HTMLElement, d: LineChartData, s: Size) => drawLineChart(c, d, s, theme), [theme]);
  const drawProjection = useCallback(
    (c: HTMLElement, d: ProjectionChartData | undefined, s: Size) => drawProjectionChart(c, d, s, theme),
    [theme],
  );
  const cloud = useMemo<ProjectionChartData | undefined>(
    () => projection && { ...projection, clusterNames: clusterNames ? [...clusterNames] : undefined },
    [projection, clusterNames],
  );
  const showTheory = view.theory === 1;
  const summary = useMemo<LineChartData>(() => {
    const { series, legend, yLabel } = summarySeries(checkpoints, theme, summaryNames);
    const ode = showTheory ? odeSummarySeries(checkpoints, theme, summaryNames) : { series: [], legend: [] };
    // ODE curves first: the SGD curves are drawn over them
    return {
      series: [...ode.series, ...series],
      legend: [...legend, ...ode.legend],
      yLabel,
      scale: 'linear',
      xLabel: TIME_LABEL,
      references: [{ y: 0, label: '' }],
    };
  }, [checkpoints, showTheory, theme, summaryNames]);
  return (
    <section className="panel panel-projection" aria-labelledby="projection-title" data-testid="panel-projection">
      <header>
        <h2 id="projection-title">Class-mean projections</h2>
        <div className="panel-tools">
          <Segmented
            label="projection plane"
            testId="plane"
            value={view.plane}
            options={[
              { value: 'means', text: 'two means' },
              { value: 'eigen', text: `top-2 eigvecs (${view.matrix}, ${view.block})` },
            ]}
            onChange={(plane) => onView({ plane })}
          />
          {view.plane === 'means' && (
            <>
              <select
                aria-label="first mean of the plane"
                value={view.pa}
                onChange={(e) => onView({ pa: Number(e.target.value) })}
              >
                {means.map((m, i) => (
                  <option key={m} value={i} disabled={i === view.pb}>
                    {m}
                  </option>
                ))}
              </select>
              <select
                aria-label="second mean of the plane"
                value={view.pb}
                onChange={(e) => onView({ pb: Number(e.target.value) })}
              >
                {means.map((m, i) => (
                  <option key={m} value={i} disabled={i === view.pa}>
                    {m}
                  </option>
                ))}
              </select>
            </>
          )}
          <TheoryToggle
            on={showTheory}
            onChange={(on) => onView({ theory: on ? 1 : 0 })}
            testId="theory-toggle-projection"
          />
        </div>
      </header>
      <p className="panel-sub">
        Test samples Y (coloured by class) and the weight vectors {info?.weightVectors ?? 'x^c'} (arrows) in the plane;
        right: the summary statistics over t
        {showTheory && checkpoints[0]?.theory?.ode
          ? ', with the effective-dynamics ODE (d→∞, dotted) started from their values at t = 0'
          : ''}
        .{projection?.note ? ` ${projection.note}.` : ''}
      </p>
      <div className="projection-row">
        <ChartBox
          className="chart-main"
          draw={drawProjection}
          data={cloud}
          label="test samples and weight vectors projected on a plane"
          testId="chart-projection"
        />
        <ChartBox
          className="chart-summary"
          draw={drawLine}
          data={summary}
          label="summary statistics over time"
          testId="chart-summary"
        />
      </div>
      <p className="panel-summary" data-testid="summary-projection">
        {projectionSummary(
          checkpoints,
          projection && {
            axes: projection.axes,
            samples: projection.points.length / 2,
            classes: projection.clusterCount,
          },
          summaryNames,
        )}
      </p>
    </section>
  );
}

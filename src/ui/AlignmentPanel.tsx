// Panel 2: alignment ‖P_top x_b‖/‖x_b‖ of every block over time, for H (solid) and G (dashed).
import { useCallback, useMemo } from 'react';
import type { Size } from '../charts/frame';
import { drawLineChart, type LineChartData } from '../charts/lineChart';
import { TIME_LABEL, alignmentSeries } from '../charts/series';
import { alignmentSummary } from '../charts/summaries';
import { matricesSentence, matrixLabel } from '../state/measurement';
import { useTheme } from './themeContext';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';

export function AlignmentPanel({ snapshot }: { snapshot: EngineSnapshot }) {
  const { checkpoints, config } = snapshot;
  const theme = useTheme();
  const gName = config ? matrixLabel('G', config) : 'G';
  const measurement = config ? matricesSentence(config, snapshot.resolved?.M ?? config.M) : undefined;
  const draw = useCallback((c: HTMLElement, d: LineChartData, s: Size) => drawLineChart(c, d, s, theme), [theme]);
  const data = useMemo<LineChartData>(() => {
    const { series, legend } = alignmentSeries(checkpoints, theme, gName);
    const lows = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
    return {
      series,
      legend,
      scale: 'linear',
      yDomain: [Math.min(0, ...lows), 1.08],
      references: [{ y: 1, label: 'A = 1: x_b inside the top-j eigenspace' }],
      xLabel: TIME_LABEL,
      yLabel: 'alignment A = ‖P_top x_b‖ / ‖x_b‖',
    };
  }, [checkpoints, theme, gName]);
  const last = checkpoints[checkpoints.length - 1];
  const min = last ? Math.min(...last.spectra.map((s) => s.alignment)) : undefined;
  return (
    <section className="panel panel-alignment" aria-labelledby="alignment-title" data-testid="panel-alignment">
      <header>
        <h2 id="alignment-title">Alignment</h2>
      </header>
      <p className="panel-sub">
        Fraction of each block’s parameters x_b that lies in the span of the block’s top-j eigenvectors, for H (solid)
        and {gName} (dashed).{measurement ? ` ${measurement}` : ''}
        {min !== undefined ? ` Now: every block ≥ ${min.toFixed(3)}.` : ''}
      </p>
      <ChartBox
        className="chart-full"
        draw={draw}
        data={data}
        label="alignment of every block over time"
        testId="chart-alignment"
      />
      <p className="panel-summary" data-testid="summary-alignment">
        {alignmentSummary(checkpoints)}
        {measurement ? ` ${measurement}` : ''}
      </p>
    </section>
  );
}

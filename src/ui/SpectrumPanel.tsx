// Panel 1: top-j eigenvalues of the selected matrix and block over time with the bulk edge, and
// beside it the spectral density (SLQ) of that block at the current checkpoint.
import { useCallback, useMemo, useState } from 'react';
import { drawDensityChart, type DensityChartData } from '../charts/densityChart';
import { drawLineChart, yDomainOf, type LineChartData, type PlotInsets } from '../charts/lineChart';
import { TIME_LABEL, spectrumSeries } from '../charts/series';
import { theorySpectrumSeries } from '../charts/theorySeries';
import type { BlockTheory } from '../engine/runFile';
import { outliersNow, spectrumSummary } from '../charts/summaries';
import { matricesSentence, matrixLabel } from '../state/measurement';
import { foldsDensity } from '../charts/layout/compact';
import type { Size } from '../charts/frame';
import type { ViewState } from '../state/view';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';
import { Segmented } from './Segmented';
import { TheoryToggle } from './TheoryToggle';
import { useTheme } from './themeContext';
import { useBoxWidth } from './useBoxWidth';

interface Props {
  snapshot: EngineSnapshot;
  view: ViewState;
  blocks: string[];
  onView: (patch: Partial<ViewState>) => void;
}

export function SpectrumPanel({ snapshot, view, blocks, onView }: Props) {
  const { checkpoints, density, config } = snapshot;
  const { matrix, block, scale } = view;
  const lambda = snapshot.config?.lambda;
  const ridge = config?.gRidge === true;
  const matrixName = matrixLabel(matrix, { gRidge: ridge });
  const measurement = config ? matricesSentence(config, snapshot.resolved?.M ?? config.M) : undefined;
  const showTheory = view.theory === 1;
  const matching = density && density.matrix === matrix && density.block === block ? density : undefined;
  const theme = useTheme();
  const drawLine = useCallback((c: HTMLElement, d: LineChartData, s: Size) => drawLineChart(c, d, s, theme), [theme]);
  const drawDensity = useCallback(
    (c: HTMLElement, d: DensityChartData | undefined, s: Size) => drawDensityChart(c, d, s, theme),
    [theme],
  );
  // a narrow row folds the density into edge marks beside the spectrum
  const { ref: rowRef, width: rowWidth } = useBoxWidth<HTMLDivElement>();
  const folded = rowWidth !== undefined && foldsDensity(rowWidth, theme);
  // the density's eigenvalue axis lines up with the spectrum's (same insets)
  const [insets, setInsets] = useState<PlotInsets>();
  const onPlotInsets = useCallback(
    (next: PlotInsets) =>
      setInsets((old) =>
        old && Math.abs(old.top - next.top) < 0.5 && Math.abs(old.bottom - next.bottom) < 0.5 ? old : next,
      ),
    [],
  );
  // the run's record of the block at the density's checkpoint (whether its count is a lower bound)
  const matchingRecord = matching
    ? checkpoints
        .find((c) => c.step === matching.step)
        ?.spectra.find((s) => s.matrix === matching.matrix && s.block === matching.block)
    : undefined;
  const { line, side } = useMemo(() => {
    const measured = spectrumSeries(checkpoints, matrix, block, theme);
    const predicted = showTheory
      ? theorySpectrumSeries(checkpoints, matrix, block, lambda)
      : { series: [], legend: [] };
    const series = [...measured.series, ...predicted.series];
    const extra = matching ? Array.from(matching.nodes).filter((_, i) => matching.weights[i] > 1e-4) : [];
    const yDomain = yDomainOf(series, scale, extra);
    const line: LineChartData = {
      series,
      legend: [...measured.legend, ...predicted.legend],
      scale,
      yDomain,
      xLabel: TIME_LABEL,
      yLabel: `eigenvalues θ of ${matrixName} (${block})`,
      onPlotInsets,
      edgeMarks:
        folded && matching
          ? {
              eigenvalues: matching.eigenvalues,
              outliers: matching.outliers,
              outliersAtLeast: matchingRecord?.outliersAtLeast,
              bulkEdge: matching.bulkEdge,
            }
          : undefined,
    };
    const side: DensityChartData | undefined = matching && {
      nodes: matching.nodes,
      weights: matching.weights,
      eigenvalues: matching.eigenvalues,
      outliers: matching.outliers,
      outliersAtLeast: matchingRecord?.outliersAtLeast,
      bulkEdge: matching.bulkEdge,
      scale,
      yDomain,
      label: `density (SLQ), t = ${(checkpoints.find((c) => c.step === matching.step)?.time ?? 0).toFixed(2)}`,
      theory: showTheory ? matching.theory : undefined,
      insets,
    };
    return { line, side };
  }, [
    checkpoints,
    matching,
    matchingRecord,
    matrix,
    matrixName,
    block,
    scale,
    showTheory,
    theme,
    folded,
    insets,
    onPlotInsets,
    lambda,
  ]);
  const last = checkpoints[checkpoints.length - 1]?.spectra.find((s) => s.matrix === matrix && s.block === block);
  const theoryText = showTheory
    ? theorySentence(
        checkpoints.map((cp) => cp.theory?.blocks.find((b) => b.matrix === matrix && b.block === block)),
        lambda,
      )
    : '';

  return (
    <section className="panel panel-spectrum" aria-labelledby="spectrum-title" data-testid="panel-spectrum">
      <header>
        <h2 id="spectrum-title">Spectrum</h2>
        <div className="panel-tools">
          <Segmented
            label="matrix"
            testId="matrix"
            value={matrix}
            options={[
              {
                value: 'H',
                text: 'H',
                title:
                  config?.measureOn === 'recent'
                    ? 'empirical Hessian of the loss on the last M training samples (+βI)'
                    : 'empirical Hessian of the test loss (+βI)',
              },
              ridge
                ? {
                    value: 'G',
                    text: 'G (with ridge)',
                    title: 'G with ridge: second moment of the regularised per-sample gradients g_m + βx',
                  }
                : {
                    value: 'G',
                    text: 'G',
                    title: 'G-matrix: second moment of the un-regularised per-sample gradients',
                  },
            ]}
            onChange={(m) => onView({ matrix: m })}
          />
          <select
            aria-label="block"
            data-testid="block"
            value={block}
            onChange={(e) => onView({ block: e.target.value })}
          >
            {blocks.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
          <Segmented
            label="eigenvalue scale"
            testId="scale"
            value={scale}
            options={[
              { value: 'log', text: 'log' },
              { value: 'linear', text: 'linear' },
            ]}
            onChange={(s) => onView({ scale: s })}
          />
          <TheoryToggle
            on={showTheory}
            onChange={(on) => onView({ theory: on ? 1 : 0 })}
            testId="theory-toggle-spectrum"
          />
        </div>
      </header>
      <p className="panel-sub">
        Top-j eigenvalues θ of block <code>{block}</code> of{' '}
        {matrix === 'H'
          ? 'H (empirical Hessian)'
          : ridge
            ? 'G (with ridge): the second moment of the regularised gradients g_m + βx'
            : 'G (gradient second moment, built without the ridge term)'}{' '}
        over t, with the noise bulk’s upper edge.{measurement ? ` ${measurement}` : ''}
        {theoryText} {outliersNow(last)}
      </p>
      <div className={`spectrum-row${folded ? ' spectrum-row-folded' : ''}`} ref={rowRef}>
        <ChartBox
          className="chart-main"
          draw={drawLine}
          data={line}
          label={`eigenvalues of ${matrixName} ${block} over time`}
          testId="chart-spectrum"
        />
        {!folded && (
          <ChartBox
            className="chart-side"
            draw={drawDensity}
            data={side}
            label={`spectral density of ${matrixName} ${block}`}
            testId="chart-density"
          />
        )}
      </div>
      <p className="panel-summary" data-testid="summary-spectrum">
        {spectrumSummary(checkpoints, matrix, block)}
        {measurement ? ` ${measurement}` : ''}
      </p>
    </section>
  );
}

/**
 * What the theory layer draws for this block over the run, and only that (a block may have an edge,
 * finite-λ outliers, λ → ∞ values above or inside the bulk, any of them or none): the same choices as
 * theorySpectrumSeries.
 */
export function theorySentence(history: (BlockTheory | undefined)[], lambda?: number): string {
  const drawn = history.filter((b): b is BlockTheory => b !== undefined);
  const some = (test: (b: BlockTheory) => boolean) => drawn.some(test);
  const atLambda = lambda === undefined ? 'at the run’s λ' : `at λ = ${lambda}`;
  const limits = (inside: boolean) =>
    some((b) => (b.limitOutliers ?? []).some((_, i) => (b.limitInsideBulk?.[i] === true) === inside));
  const absorbed = some((b) => (b.finiteAbsorbed ?? 0) > 0);
  const parts = [
    some((b) => b.bulkEdge !== undefined) ? 'bulk edge (generalised Marchenko–Pastur)' : '',
    some((b) => (b.finiteOutliers?.length ?? 0) > 0) ? `outliers predicted ${atLambda} (▲)` : '',
    limits(false) ? 'their λ→∞ limits (◇)' : '',
    limits(true) ? 'λ→∞ values inside the bulk, where no outlier is predicted (faint ◇)' : '',
  ].filter(Boolean);
  const absorbedText = absorbed
    ? ` Spikes below the BBP threshold predict no outlier${some((b) => (b.finiteOutliers?.length ?? 0) > 0) ? '' : ' (none here)'}.`
    : '';
  return parts.length
    ? ` Theory (purple): ${parts.join('; ')}.${absorbedText}`
    : ' No theory is drawn for this block (the run’s notes say why).';
}

// 2. Spectra of random data: the Marchenko–Pastur bulk and the BBP transition, recomputed while dragging λ.
import { useMemo, useState } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import { THEORY_COLOR } from '../../charts/theorySeries';
import { BbpSeries, bbpSpectrum, bulkCurve, histogramCurve, OUTLIER_MARGIN } from '../bbpSpectrum';
import { LineFigure } from '../charts';
import { Figure } from '../Figure';
import { num, outlierWords } from '../readouts';
import { Section } from '../Section';
import { Term } from '../Term';
import { Tex } from '../Tex';

export const BBP_D = 160;
/** the figure opens at M = 2d; the reader drags M/d over [BBP_RATIO_MIN, BBP_RATIO_MAX] */
export const BBP_RATIO = 2;
export const BBP_RATIO_MIN = 1;
export const BBP_RATIO_MAX = 8;
export const BBP_K = 4;
/** the figure opens with every spike well above the threshold */
export const BBP_START_LAMBDA = 8;

export function spectrumChartData(s: ReturnType<typeof bbpSpectrum>, t: Theme): LineChartData {
  const hi = Math.max(s.eigenvalues[0], s.support[1], s.predicted ?? 0) * 1.08;
  const hist = histogramCurve(s.eigenvalues, hi, 48);
  const curve = bulkCurve(s.gamma, hi);
  const top = Math.max(...hist.map((p) => p[1]), ...curve.map((p) => p[1]));
  const cut = s.support[1] * (1 + OUTLIER_MARGIN);
  const shown = s.eigenvalues.slice(0, 12);
  return {
    xLabel: 'eigenvalue (noise units λB/w)',
    xName: 'eigenvalue',
    yLabel: 'density of eigenvalues',
    scale: 'linear',
    yDomain: [-0.06 * top, top * 1.1],
    series: [
      { key: 'histogram', label: 'eigenvalues (histogram)', color: t.palette[0], width: 1.4, points: hist },
      {
        key: 'mp',
        label: 'Marchenko–Pastur bulk (theory)',
        color: THEORY_COLOR,
        dash: '6 3',
        width: 1.6,
        points: curve,
        layer: 'theory',
      },
      {
        key: 'edge',
        label: 'bulk edge (theory)',
        color: t.fg,
        dash: '3 3',
        width: 1.2,
        points: [
          [s.support[1], -0.06 * top],
          [s.support[1], top * 1.1],
        ],
      },
      {
        key: 'top',
        label: 'top eigenvalues',
        color: t.palette[1],
        width: 0,
        points: shown.map((v) => [v, -0.03 * top]),
        markers: shown.map((v) => v > cut),
      },
      ...(s.predicted !== null
        ? [
            {
              key: 'predicted',
              label: 'outlier (theory, d → ∞)',
              color: THEORY_COLOR,
              style: 'diamonds' as const,
              points: [[s.predicted, 0.03 * top] as [number, number]],
              layer: 'theory',
            },
          ]
        : []),
    ],
    legend: [
      { label: 'eigenvalue histogram', color: t.palette[0] },
      { label: 'Marchenko–Pastur (theory)', color: THEORY_COLOR, dash: '6 3' },
      { label: 'bulk edge', color: t.fg, dash: '3 3' },
      { label: 'outlier', color: t.palette[1], marker: 'filled' },
      { label: 'predicted outlier', color: THEORY_COLOR, marker: 'diamond' },
    ],
  };
}

export function spectrumReading(s: ReturnType<typeof bbpSpectrum>, k: number): string {
  const ell = s.lambda / k;
  const r = Math.sqrt(s.gamma);
  const theory =
    s.predicted === null
      ? `each class spike has strength ℓ = λ/k = ${num(ell)} ≤ √γ = ${num(r)}: below the BBP threshold (λ = ${num(s.threshold)}) theory predicts no outlier.`
      : `each class spike has strength ℓ = λ/k = ${num(ell)} > √γ = ${num(r)}: above the BBP threshold (λ = ${num(s.threshold)}) theory predicts ${k} outliers at ${num(s.predicted)} as d → ∞.`;
  return `λ = ${num(s.lambda)}, M/d = ${num(1 / s.gamma)} (γ = ${num(s.gamma)}): now ${outlierWords(s.outliers)} above the edge ${num(s.support[1])} (largest eigenvalue ${num(s.eigenvalues[0])}); ${theory}`;
}

export function Spectrum({ theme, embed }: { theme: Theme; embed: boolean }) {
  // the noise drawn once for the largest M; each M/d reads its first M rows
  const series = useMemo(() => {
    const s = new BbpSeries(BBP_D, BBP_K, BBP_RATIO_MAX, 1);
    s.data(BBP_RATIO); // the opening M's sums, before the first timed recompute
    return s;
  }, []);
  const [lambda, setLambda] = useState(BBP_START_LAMBDA);
  const [ratio, setRatio] = useState(BBP_RATIO);
  const { spectrum, ms } = useMemo(() => {
    // The recompute time is shown to the reader; reading the clock changes nothing.
    /* eslint-disable react-hooks/purity */
    const t0 = performance.now();
    const s = bbpSpectrum(series.data(ratio), lambda);
    return { spectrum: s, ms: performance.now() - t0 };
    /* eslint-enable react-hooks/purity */
  }, [series, ratio, lambda]);
  const chart = useMemo(() => spectrumChartData(spectrum, theme), [spectrum, theme]);
  const reading = spectrumReading(spectrum, BBP_K);
  const figure = (
    <Figure
      id="spectrum"
      title="The spectrum of one class block of H at initialisation"
      theme={theme}
      tryThis={
        <>
          drag λ below the BBP threshold {num(spectrum.threshold)} and watch the outliers sink into the bulk; drag it up
          again. Then set λ = 3 and drag M/d from 2 to 8: more samples per dimension narrow the bulk and lower the
          threshold, and the same spikes become outliers.
        </>
      }
      reading={
        <span
          data-outliers={spectrum.outliers}
          data-lambda={lambda}
          data-ratio={ratio}
          data-threshold={spectrum.threshold}
          data-ms={ms.toFixed(1)}
        >
          {reading} <span className="muted">(recomputed in {Math.max(1, Math.round(ms))} ms)</span>
        </span>
      }
      readingText={reading}
    >
      <label className="slider">
        <span>λ = {num(lambda)}</span>
        <input
          type="range"
          min={-0.5}
          max={1.7}
          step={0.005}
          value={Math.log10(lambda)}
          onChange={(e) => setLambda(Number((10 ** Number(e.currentTarget.value)).toPrecision(3)))}
          aria-label="signal-to-noise ratio λ"
          data-bbp-slider=""
        />
        <span className="muted">BBP threshold λ = k√γ = {num(spectrum.threshold)}</span>
      </label>
      <label className="slider">
        <span>M/d = {num(ratio)}</span>
        <input
          type="range"
          min={BBP_RATIO_MIN}
          max={BBP_RATIO_MAX}
          step={0.5}
          value={ratio}
          onChange={(e) => setRatio(Number(e.currentTarget.value))}
          aria-label="samples per dimension M/d (aspect ratio γ = d/M)"
          data-ratio-slider=""
        />
        <span className="muted">
          M = {Math.round(ratio * BBP_D)} test samples, γ = d/M = {num(spectrum.gamma)}
        </span>
      </label>
      <LineFigure
        data={chart}
        theme={theme}
        label="Histogram of the eigenvalues of a class block of H, with the Marchenko–Pastur bulk, its edge and the outliers"
        height={300}
      />
    </Figure>
  );
  return (
    <Section
      id="spectrum"
      number={2}
      title="Spectra of random data: bulk and outliers"
      embed={embed}
      intro={
        <>
          <p>
            The curvature of the loss is measured on M test samples, so it is a random matrix. Its{' '}
            <Term id="spectrum" /> has two parts. The noise produces a <Term id="bulk" />: with γ = d/M, the eigenvalues
            of a pure-noise sample covariance fill the Marchenko–Pastur interval{' '}
            <Tex>{String.raw`[(1-\sqrt\gamma)^2, (1+\sqrt\gamma)^2]`}</Tex>. Each class mean adds a rank-one spike of
            strength <Tex>{String.raw`\ell = p_a\lambda = \lambda/k`}</Tex>, and the <Term id="bbp" /> says it becomes
            an <Term id="outlier" /> only when <Tex>{String.raw`\ell > \sqrt\gamma`}</Tex>, at the position{' '}
            <Tex>{String.raw`(1+\ell)(1+\gamma/\ell)`}</Tex>.
          </p>
          <p>
            The figure is a class block of the Hessian at initialisation (weights x = 0, the ridge left out) for d ={' '}
            {BBP_D}, k = {BBP_K} and M = {BBP_RATIO}d to start with, in noise units so the bulk stays put while λ moves.
            Nothing is trained: one matrix, its eigenvalues recomputed as you drag λ or the number of samples per
            dimension M/d = 1/γ. An eigenvalue counts as an outlier when it clears the edge by more than{' '}
            {Math.round(OUTLIER_MARGIN * 100)} %: at finite d the largest noise eigenvalue itself wobbles around the
            edge.
          </p>
        </>
      }
      figure={figure}
      outro={
        <p>
          Near the threshold a finite matrix is less sharp than the theory: the spikes clear the edge one by one over a
          range of λ rather than all at once, and they scatter around the d → ∞ prediction (the diamond) by a few per
          cent. More samples per dimension help twice: the bulk narrows to its edge (1 + √γ)² and the threshold k√γ
          falls, so at λ = 3 no spike clears the edge with M = 2d, and all four do with M = 8d.
        </p>
      }
    />
  );
}

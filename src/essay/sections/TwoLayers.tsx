// 7. Two layers on the XOR mixture: the layer-2 outliers of H for a failing and a succeeding seed, and
// the λ → ∞ chance that a width-K net serves every cluster.
import { useMemo, useState } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import type { HistogramChartData } from '../../charts/histogramChart';
import { spectrumSeries, TIME_LABEL } from '../../charts/series';
import type { CheckpointRecord } from '../../engine/runFile';
import { xorTheoryOptimalFraction, xorTheoryServedLaw } from '../../engine/ensemble';
import { HistogramFigure, LineFigure } from '../charts';
import { Figure } from '../Figure';
import { listWords, num, outlierWords, outliersAt, spectrumAt, unservedClusters } from '../readouts';
import { RunControls } from '../RunControls';
import { sandboxQuery } from '../sandbox';
import { Section } from '../Section';
import { Term } from '../Term';
import { Tex } from '../Tex';
import { useSectionRun } from '../useSectionRun';
import { runConfig, type EssayRun } from '../engineHub';

export function layer2ChartData(shown: CheckpointRecord[], t: Theme): LineChartData {
  const { series, legend } = spectrumSeries(shown, 'H', 'layer2', t);
  return { series, legend, xLabel: TIME_LABEL, yLabel: 'top eigenvalues of H, layer 2', scale: 'linear' };
}

export function servedChartData(K: number, t: Theme): HistogramChartData {
  const law = xorTheoryServedLaw(K);
  return {
    bars: law.map((p, s) => ({ label: String(s), count: Math.round(1000 * p), color: s === 4 ? t.palette[2] : t.palette[0] })),
    xLabel: 'clusters served (= layer-2 outliers at λ → ∞)',
    yLabel: 'seeds per 1000 (theory)',
  };
}

export function twoLayersReading(cp: CheckpointRecord | undefined, seed: number): string {
  const s = spectrumAt(cp, 'H', 'layer2');
  if (!cp || !s) return 'Waiting for the first checkpoint of the XOR run…';
  const count = outliersAt(cp, 'H', 'layer2')!;
  // the engine's diagnosis when the record has one, else the clusters it gets mostly wrong
  const diagnosis = cp.diagnosis as { unserved?: string[] } | undefined;
  const unserved = diagnosis?.unserved ?? unservedClusters(Array.isArray(cp.clusterAccuracy) ? (cp.clusterAccuracy as number[]) : undefined);
  const verdict =
    count < 4
      ? `fewer than the 4 an optimal classifier needs: the layer-2 outlier space is rank deficient${unserved.length ? `, and cluster ${listWords(unserved)} is misclassified (no neuron serves it)` : ''}`
      : 'the full 4: every cluster is served';
  return `Seed ${seed} at t = ${num(cp.time)}: the layer-2 block of H has ${outlierWords(count)}, ${verdict}; test accuracy ${num(cp.accuracy)}.`;
}

export function TwoLayers({ theme, embed }: { theme: Theme; embed: boolean }) {
  const [which, setWhich] = useState<EssayRun>('xor-fail');
  const { ref, run, replay, shown, cp } = useSectionRun(which);
  const [K, setK] = useState(4);
  const chart = useMemo(() => layer2ChartData(shown, theme), [shown, theme]);
  const served = useMemo(() => servedChartData(K, theme), [K, theme]);
  const seed = runConfig(which).seed;
  const p = xorTheoryOptimalFraction(K);
  const reading = `${twoLayersReading(cp, seed)} Theory (λ → ∞): a width-${K} net serves all four clusters with probability ${num(p)}${K === 4 ? ' = 3/32' : ''}.`;
  const figure = (
    <div ref={ref}>
      <Figure
        id="two-layers"
        title="XOR with a 2-layer net: the layer-2 outliers of H"
        theme={theme}
        tryThis={<>switch between the failing and the succeeding seed and compare the outlier counts; widen the net with K.</>}
        reading={<span data-seed={seed} data-layer2-outliers={outliersAt(cp, 'H', 'layer2')} data-time={cp?.time} data-success={p}>{reading}</span>}
        readingText={reading}
        sandbox={sandboxQuery(which)}
      >
        <fieldset className="choice">
          <legend>seed</legend>
          {(['xor-fail', 'xor-ok'] as const).map((name) => (
            <label key={name}>
              <input type="radio" name="xor-seed" checked={which === name} onChange={() => setWhich(name)} /> seed {runConfig(name).seed} ({name === 'xor-fail' ? 'fails' : 'succeeds'})
            </label>
          ))}
        </fieldset>
        <RunControls id="two-layers" run={run} replay={replay} />
        <div className="chart-pair">
          <LineFigure data={chart} theme={theme} label="Top four eigenvalues of the layer-2 block of H over training time, outliers filled" height={260} />
          <div>
            <label className="slider">
              <span>width K = {K}</span>
              <input type="range" min={1} max={20} step={1} value={K} onChange={(e) => setK(Number(e.currentTarget.value))} aria-label="hidden width K" />
            </label>
            <HistogramFigure data={served} theme={theme} label={`Theory: how many of the four clusters a width-${K} net serves`} height={220} />
          </div>
        </div>
      </Figure>
    </div>
  );
  return (
    <Section
      id="two-layers"
      number={7}
      title="Two layers: XOR and rank deficiency"
      embed={embed}
      intro={
        <>
          <p>
            The paper also treats a two-layer ReLU network <Tex>{String.raw`f(Y) = v\cdot\mathrm{ReLU}(WY)`}</Tex> of width K on the XOR mixture: four clusters at{' '}
            <Tex>{String.raw`\pm\mu`}</Tex> (label 1) and <Tex>{String.raw`\pm\nu`}</Tex> (label 0). Each neuron’s block of H aligns with its top two eigenvectors, span{'{'}μ, ν{'}'}, and the
            last layer aligns with the top eigenvectors of its own block. A good classifier needs some neuron pointing to each of the four clusters, and then the layer-2 block has 4 outliers.
          </p>
          <p>
            Which clusters get neurons is decided early, by the random initialisation. When a cluster gets none, SGD converges to a sub-optimal classifier and the layer-2 outlier space has fewer
            than 4 dimensions: a <Term id="rank" />. Here K = 4, λ = 1000, d = 100: seed 2 fails and seed 21 succeeds (they were picked from many seeds; as λ → ∞ a seed succeeds with probability 3/32 at K = 4).
          </p>
        </>
      }
      figure={figure}
    />
  );
}

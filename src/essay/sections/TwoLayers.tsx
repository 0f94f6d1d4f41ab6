// 7. Two layers on the XOR mixture: for a failing and a succeeding seed, the layer-2 outliers of H, the
// engine's diagnosis (banner) and the neurons; the λ → ∞ chance that a width-K net serves every
// cluster, beside a measured ensemble of seeds run on the page's one engine Worker.
import { useMemo, useState } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import type { HistogramChartData } from '../../charts/histogramChart';
import { spectrumSeries, TIME_LABEL } from '../../charts/series';
import type { CheckpointRecord } from '../../engine/runFile';
import { xorTheoryOptimalFraction, xorTheoryServedLaw } from '../../engine/ensemble';
import { HistogramFigure, LineFigure, NeuronFigure } from '../charts';
import { neuronData } from '../../charts/neuronData';
import { DiagnosisBanner } from '../../ui/DiagnosisBanner';
import type { EngineSnapshot } from '../../ui/engineClient';
import type { RunState } from '../../worker/protocol';
import { useEnsemble } from '../useEnsemble';
import { ENSEMBLE_FIRST_SEED, ENSEMBLE_SEEDS, ENSEMBLE_T, tallyOutcomes, type EnsembleTally } from '../xorEnsemble';
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
    bars: law.map((p, s) => ({
      label: String(s),
      count: Math.round(1000 * p),
      color: s === 4 ? t.palette[2] : t.palette[0],
    })),
    xLabel: 'clusters served (= layer-2 outliers at λ → ∞)',
    yLabel: 'seeds per 1000 (theory)',
  };
}

/** The measured ensemble: seeds by clusters served, with the λ → ∞ law's expectation for as many seeds. */
export function ensembleChartData(tally: EnsembleTally, t: Theme): HistogramChartData {
  const law = xorTheoryServedLaw(4);
  return {
    bars: tally.servedHistogram.map((count, s) => ({
      label: String(s),
      count,
      color: s === 4 ? t.palette[2] : t.palette[0],
    })),
    expected: law.map((p) => p * tally.seeds),
    expectedLabel: `theory (λ → ∞) for ${tally.seeds} seeds`,
    xLabel: 'clusters served at the end',
    yLabel: 'seeds (measured)',
    empty: 'waiting for the first seed…',
  };
}

export function ensembleReading(tally: EnsembleTally, running: number | undefined): string {
  const of = `${tally.seeds} of ${ENSEMBLE_SEEDS} seeds`;
  if (tally.seeds === 0)
    return running === undefined
      ? 'The ensemble starts once the runs above have finished.'
      : `Ensemble: running seed ${running}…`;
  const which =
    tally.optimal === 0 ? '' : ` (seed${tally.optimal === 1 ? '' : 's'} ${listWords(tally.optimalSeeds.map(String))})`;
  const progress = tally.seeds < ENSEMBLE_SEEDS ? `${of} finished so far` : `all ${ENSEMBLE_SEEDS} seeds`;
  return `Measured, ${progress}: ${tally.optimal} of ${tally.seeds} optimal${which}, beside 3/32 = ${num(3 / 32)} in theory (${num((3 / 32) * tally.seeds)} of ${tally.seeds} expected).`;
}

/** The banner reads a snapshot: this run's config and the checkpoints shown. */
function bannerSnapshot(which: EssayRun, shown: CheckpointRecord[], state: string): EngineSnapshot {
  const last = shown[shown.length - 1];
  const runState: RunState | 'idle' = state === 'done' ? 'done' : state === 'waiting' ? 'idle' : (state as RunState);
  return {
    runId: 0,
    state: runState,
    step: last?.step ?? 0,
    steps: 0,
    time: last?.time ?? 0,
    config: runConfig(which),
    blocks: [],
    checkpoints: shown,
    logs: [],
  };
}

export function twoLayersReading(cp: CheckpointRecord | undefined, seed: number): string {
  const s = spectrumAt(cp, 'H', 'layer2');
  if (!cp || !s) return 'Waiting for the first checkpoint of the XOR run…';
  const count = outliersAt(cp, 'H', 'layer2')!;
  // the engine's diagnosis when the record has one, else the clusters it gets mostly wrong
  const diagnosis = cp.diagnosis as { unserved?: string[] } | undefined;
  const unserved =
    diagnosis?.unserved ??
    unservedClusters(Array.isArray(cp.clusterAccuracy) ? (cp.clusterAccuracy as number[]) : undefined);
  const verdict =
    count < 4
      ? `fewer than the 4 an optimal classifier needs: the layer-2 outlier space is rank deficient${unserved.length ? `, and cluster ${listWords(unserved)} is misclassified (no neuron serves it)` : ''}`
      : 'the full 4: every cluster is served';
  return `Seed ${seed} at t = ${num(cp.time)}: the layer-2 block of H has ${outlierWords(count)}, ${verdict}; test accuracy ${num(cp.accuracy)}.`;
}

export function TwoLayers({ theme, embed }: { theme: Theme; embed: boolean }) {
  const [which, setWhich] = useState<EssayRun>('xor-fail');
  const { ref, visible, run, replay, shown, cp } = useSectionRun(which);
  const ensemble = useEnsemble(visible);
  const tally = useMemo(() => tallyOutcomes(ensemble.outcomes), [ensemble.outcomes]);
  const ensembleChart = useMemo(() => ensembleChartData(tally, theme), [tally, theme]);
  const neurons = useMemo(() => neuronData(shown, 'xor', 0, 1, false), [shown]);
  const atEnd = replay.index === run.checkpoints.length - 1;
  const banner = bannerSnapshot(which, shown, atEnd ? run.state : 'paused');
  const [K, setK] = useState(4);
  const chart = useMemo(() => layer2ChartData(shown, theme), [shown, theme]);
  const served = useMemo(() => servedChartData(K, theme), [K, theme]);
  const seed = runConfig(which).seed;
  const p = xorTheoryOptimalFraction(K);
  const ensembleText = ensembleReading(tally, ensemble.running);
  const reading = `${twoLayersReading(cp, seed)} Theory (λ → ∞): a width-${K} net serves all four clusters with probability ${num(p)}${K === 4 ? ' = 3/32' : ''}. ${ensembleText}`;
  const figure = (
    <div ref={ref}>
      <Figure
        id="two-layers"
        title="XOR with a 2-layer net: the layer-2 outliers of H"
        theme={theme}
        tryThis={
          <>switch between the failing and the succeeding seed and compare the outlier counts; widen the net with K.</>
        }
        reading={
          <span
            data-seed={seed}
            data-layer2-outliers={outliersAt(cp, 'H', 'layer2')}
            data-time={cp?.time}
            data-success={p}
            data-ensemble-seeds={tally.seeds}
            data-ensemble-optimal={tally.optimal}
            data-ensemble-optimal-seeds={tally.optimalSeeds.join(',')}
          >
            {reading}
          </span>
        }
        readingText={reading}
        sandbox={sandboxQuery(which)}
      >
        <fieldset className="choice">
          <legend>seed</legend>
          {(['xor-fail', 'xor-ok'] as const).map((name) => (
            <label key={name}>
              <input type="radio" name="xor-seed" checked={which === name} onChange={() => setWhich(name)} /> seed{' '}
              {runConfig(name).seed} ({name === 'xor-fail' ? 'fails' : 'succeeds'})
            </label>
          ))}
        </fieldset>
        <RunControls id="two-layers" run={run} replay={replay} />
        <DiagnosisBanner snapshot={banner} />
        <div className="chart-pair">
          <LineFigure
            data={chart}
            theme={theme}
            label="Top four eigenvalues of the layer-2 block of H over training time, outliers filled"
            height={260}
          />
          <div>
            <label className="slider">
              <span>width K = {K}</span>
              <input
                type="range"
                min={1}
                max={20}
                step={1}
                value={K}
                onChange={(e) => setK(Number(e.currentTarget.value))}
                aria-label="hidden width K"
              />
            </label>
            <HistogramFigure
              data={served}
              theme={theme}
              label={`Theory: how many of the four clusters a width-${K} net serves`}
              height={220}
            />
          </div>
        </div>
        <div className="chart-pair">
          <NeuronFigure
            data={neurons}
            theme={theme}
            label={`Neuron view, seed ${seed}: each hidden neuron's first-layer weights projected on μ and ν over training time, dot coloured by the sign of its second-layer weight`}
            height={300}
          />
          <HistogramFigure
            data={ensembleChart}
            theme={theme}
            label={`Measured ensemble: seeds ${ENSEMBLE_FIRST_SEED}–${ENSEMBLE_FIRST_SEED + ENSEMBLE_SEEDS - 1} at K = 4, T = ${ENSEMBLE_T}, by the number of clusters served, with the theory's expectation`}
            height={300}
          />
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
            The paper also treats a two-layer ReLU network <Tex>{String.raw`f(Y) = v\cdot\mathrm{ReLU}(WY)`}</Tex> of
            width K on the XOR mixture: four clusters at <Tex>{String.raw`\pm\mu`}</Tex> (label 1) and{' '}
            <Tex>{String.raw`\pm\nu`}</Tex> (label 0). Each neuron’s block of H aligns with its top two eigenvectors,
            span{'{'}μ, ν{'}'}, and the last layer aligns with the top eigenvectors of its own block. A good classifier
            needs some neuron pointing to each of the four clusters, and then the layer-2 block has 4 outliers.
          </p>
          <p>
            Which clusters get neurons is decided early, by the random initialisation. When a cluster gets none, SGD
            converges to a sub-optimal classifier and the layer-2 outlier space has fewer than 4 dimensions: a{' '}
            <Term id="rank" />. Here K = 4, λ = 1000, d = 100: seed 2 fails and seed 21 succeeds (they were picked from
            many seeds; as λ → ∞ a seed succeeds with probability 3/32 at K = 4).
          </p>
          <p>
            The banner under the controls is the engine’s diagnosis of the run at the checkpoint shown: which clusters
            have a neuron, and the layer-2 outlier count that leaves. The neuron view beside the ensemble shows why:
            each neuron’s weights projected on (μ, ν) as a path from t = 0. For seed 2 no neuron moves out towards −μ;
            for seed 21 one neuron goes to each of +μ, −μ, +ν, −ν. The last chart counts, over seeds{' '}
            {ENSEMBLE_FIRST_SEED}–{ENSEMBLE_FIRST_SEED + ENSEMBLE_SEEDS - 1} at the same settings trained to T ={' '}
            {ENSEMBLE_T}, how many clusters each seed serves, beside the λ → ∞ law: these seeds run one after the other
            on the page’s one engine, after the two runs above.
          </p>
        </>
      }
      figure={figure}
    />
  );
}

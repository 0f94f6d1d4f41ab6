// Ensemble: N seeds of the current config in the ensemble Worker, with a progress bar; the result is
// the fraction that reaches the optimal classifier (xor) with a binomial 95 % interval, and the
// histogram of the final layer-2 outlier counts, beside the λ → ∞ theory of BGJ22. With per-seed
// trajectories (a batch run with them, or a run file written with --trajectories), the multi-seed
// figure: one block's alignment and outlier count over time, one line per seed, coloured by outcome.
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { findModelInfo } from '../models/registry';
import type { Size } from '../charts/frame';
import { drawHistogramChart, type HistogramChartData } from '../charts/histogramChart';
import { drawEnsembleTrajectoryChart, type EnsembleTrajectoryData } from '../charts/ensembleTrajectoryChart';
import { trajectoryBlocks, trajectoryChartData } from './ensembleTrajectories';
import { useTheme } from './themeContext';
import type { Config } from '../state/schema';
import { MAX_APP_SEEDS } from '../worker/ensembleProtocol';
import { ChartBox } from './ChartBox';
import type { EnsembleClient } from './ensembleClient';
import './twoLayer.css';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

interface Props {
  client: EnsembleClient;
  config: Config;
  /** the live run's backend (the batch uses the same one) */
  backend: string | undefined;
}

export function EnsemblePanel({ client, config, backend }: Props) {
  const state = useSyncExternalStore(client.subscribe, client.get);
  const theme = useTheme();
  const draw = useCallback(
    (c: HTMLElement, d: HistogramChartData, s: Size) => drawHistogramChart(c, d, s, theme),
    [theme],
  );
  const drawTrajectories = useCallback(
    (c: HTMLElement, d: EnsembleTrajectoryData, s: Size) => drawEnsembleTrajectoryChart(c, d, s, theme),
    [theme],
  );
  const [seedsText, setSeedsText] = useState('16');
  const [keepTrajectories, setKeepTrajectories] = useState(true);
  const [chosenBlock, setChosenBlock] = useState<string>();
  const seeds = Math.round(Number(seedsText));
  const seedsOk = Number.isInteger(seeds) && seeds >= 2 && seeds <= MAX_APP_SEEDS;
  const running = state.status === 'running';
  const ran = state.config;
  const law = findModelInfo(ran?.model)?.ensemble?.law;

  const histogram = useMemo<HistogramChartData>(() => {
    const counts = state.entries.filter((e) => e.layer2).map((e) => e.layer2!.H.outliers);
    const top = Math.max(law?.optimalOutliers ?? 0, ...counts);
    const bars = Array.from({ length: top + 1 }, (_, c) => ({
      label: String(c),
      count: counts.filter((x) => x === c).length,
      color: law && c === law.optimalOutliers ? '#009E73' : undefined,
    }));
    const served = law && ran ? law.servedLaw(ran.K) : undefined;
    return {
      bars,
      expected: served ? bars.map((_, c) => (served[c] ?? 0) * counts.length) : undefined,
      expectedLabel: served ? 'λ → ∞ theory (BGJ22)' : undefined,
      xLabel: 'outliers of the layer-2 block of H at the end',
      yLabel: 'seeds',
      empty: running ? 'the first seed is running…' : 'run a batch to see the histogram',
    };
  }, [state.entries, law, ran, running]);

  const blocks = useMemo(() => trajectoryBlocks(state.entries), [state.entries]);
  const block = chosenBlock && blocks.includes(chosenBlock) ? chosenBlock : blocks[0];
  const trajectories = useMemo(
    () => (block ? trajectoryChartData(state.entries, block) : undefined),
    [state.entries, block],
  );

  const s = state.summary;
  const optimalSoFar = state.entries.filter((e) => e.optimal).length;
  return (
    <section className="panel panel-ensemble" aria-labelledby="ensemble-title" data-testid="panel-ensemble">
      <header>
        <h2 id="ensemble-title">Ensemble</h2>
        <div className="panel-tools ensemble-controls">
          <label>
            seeds{' '}
            <input
              type="number"
              min={2}
              max={MAX_APP_SEEDS}
              value={seedsText}
              aria-invalid={!seedsOk}
              data-testid="ensemble-seeds"
              onChange={(e) => setSeedsText(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="primary"
            data-testid="ensemble-run"
            disabled={running || !seedsOk}
            onClick={() => client.run(config, seeds, backend ?? config.backend, keepTrajectories)}
          >
            Run {seedsOk ? seeds : ''} seeds
          </button>
          <label title="measure every checkpoint of every seed (slower) for the multi-seed figure">
            <input
              type="checkbox"
              checked={keepTrajectories}
              data-testid="ensemble-trajectories"
              onChange={(e) => setKeepTrajectories(e.target.checked)}
            />{' '}
            trajectories
          </label>
          <button type="button" data-testid="ensemble-cancel" disabled={!running} onClick={() => client.cancel()}>
            Cancel
          </button>
        </div>
      </header>
      <p className="panel-sub">
        Runs seeds {config.seed} … {config.seed + (seedsOk ? seeds : 2) - 1} of the current settings to the end (in a
        second Worker;{' '}
        {keepTrajectories ? 'every checkpoint of every seed, for the trajectories' : 'one checkpoint each'}) and counts
        how often SGD reaches the optimal classifier and how many outliers the layer-2 block keeps.
        {!seedsOk ? ` Seeds must be an integer in [2, ${MAX_APP_SEEDS}].` : ''}
      </p>
      {(running || state.status !== 'idle') && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label="ensemble progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(state.fraction * 100)}
            data-testid="ensemble-progress"
          >
            <div className="bar" style={{ transform: `scaleX(${state.fraction.toFixed(4)})` }} />
          </div>
          <p className="progress-text" data-testid="ensemble-status" data-status={state.status}>
            <span className="state">{state.status === 'running' ? 'running' : state.status}</span>
            <span>
              {state.entries.length} / {state.seeds} seeds
            </span>
            {state.ms !== undefined && (
              <span>
                {(state.ms / 1000).toFixed(1)} s on {state.backend}
              </span>
            )}
            {state.file && <span data-testid="ensemble-file">from {state.file}</span>}
            {state.error && <span className="log-error">{state.error}</span>}
          </p>
        </>
      )}
      {state.entries.length > 0 && (
        <div className="ensemble-result">
          <dl className="ensemble-stats" data-testid="ensemble-stats">
            {law && (
              <>
                <dt>reached the optimal classifier</dt>
                <dd data-testid="ensemble-fraction">
                  {s && s.fractionOptimal !== null && s.interval95
                    ? `${s.optimal} / ${s.seeds} = ${pct(s.fractionOptimal)} (95 % interval ${pct(s.interval95[0])} … ${pct(s.interval95[1])})`
                    : `${optimalSoFar} / ${state.entries.length} so far`}
                </dd>
                <dt>λ → ∞ theory (BGJ22: each neuron joins a uniformly random cluster)</dt>
                <dd>
                  {pct(law.optimalFraction(ran!.K))} at K = {ran!.K}
                  {ran!.K === 4 ? ' (= 3/32)' : ''}
                </dd>
                {s?.unserved && Object.keys(s.unserved).length > 0 && (
                  <>
                    <dt>seeds leaving a cluster unserved</dt>
                    <dd>
                      {Object.entries(s.unserved)
                        .map(([c, n]) => `${c}: ${n}`)
                        .join(', ')}
                    </dd>
                  </>
                )}
                {s && s.dead ? (
                  <>
                    <dt>dead runs (all neurons inactive)</dt>
                    <dd>{s.dead}</dd>
                  </>
                ) : null}
              </>
            )}
            {ran && (
              <>
                <dt>settings</dt>
                <dd>
                  {ran.model}, K = {ran.K}, d = {ran.d}, λ = {ran.lambda}, β = {ran.beta}, T = {ran.T}
                </dd>
              </>
            )}
          </dl>
          <ChartBox
            draw={draw}
            data={histogram}
            label="histogram of the layer-2 outlier counts over the seeds"
            testId="chart-ensemble"
          />
        </div>
      )}
      {trajectories && blocks.length > 0 && (
        <div className="ensemble-trajectories">
          <label className="ensemble-block">
            block{' '}
            <select value={block} data-testid="ensemble-block" onChange={(e) => setChosenBlock(e.target.value)}>
              {blocks.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <ChartBox
            draw={drawTrajectories}
            data={trajectories}
            label={`alignment and outlier count of ${block} over time, one line per seed, coloured by outcome`}
            testId="chart-ensemble-trajectories"
          />
        </div>
      )}
    </section>
  );
}

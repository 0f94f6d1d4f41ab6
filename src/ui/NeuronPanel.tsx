// The neuron view (xor, mlp): every hidden neuron's first-layer weights projected on two mean
// directions over time, with its second-layer weight (colour: sign, area: size).
import { useCallback, useMemo } from 'react';
import { findModelInfo } from '../models/registry';
import type { Size } from '../charts/frame';
import { drawNeuronChart } from '../charts/neuronChart';
import { neuronData, servingNow, type NeuronData } from '../charts/neuronData';
import { useTheme } from './themeContext';
import type { ViewState } from '../state/view';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';
import './twoLayer.css';

export function NeuronPanel({ snapshot, view }: { snapshot: EngineSnapshot; view: ViewState }) {
  const model = snapshot.config?.model;
  const theme = useTheme();
  const draw = useCallback(
    (c: HTMLElement, d: NeuronData | undefined, s: Size) => drawNeuronChart(c, d, s, theme),
    [theme],
  );
  const data = useMemo(
    () => neuronData(snapshot.checkpoints, model, view.pa, view.pb, view.theory === 1),
    [snapshot.checkpoints, model, view.pa, view.pb, view.theory],
  );
  const neurons = findModelInfo(model)?.neurons;
  if (!neurons) return null;
  return (
    <section className="panel panel-neurons" aria-labelledby="neurons-title" data-testid="panel-neurons">
      <header>
        <h2 id="neurons-title">Neurons</h2>
      </header>
      <p className="panel-sub">
        {neurons.caption}
        {neurons.countsServing ? servingNow(data) : ''}
      </p>
      <div className="neuron-row">
        <ChartBox
          draw={draw}
          data={data}
          label="hidden neurons projected on the mean plane over time"
          testId="chart-neurons"
        />
      </div>
    </section>
  );
}

// The neuron view (xor, mlp): every hidden neuron's first-layer weights projected on two mean
// directions over time, with its second-layer weight (colour: sign, area: size).
import { useCallback, useMemo } from 'react';
import type { Size } from '../charts/frame';
import { drawNeuronChart } from '../charts/neuronChart';
import { neuronData, type NeuronData } from '../charts/neuronData';
import { useTheme } from './themeContext';
import type { ViewState } from '../state/view';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';
import './twoLayer.css';

export function NeuronPanel({ snapshot, view }: { snapshot: EngineSnapshot; view: ViewState }) {
  const model = snapshot.config?.model;
  const theme = useTheme();
  const draw = useCallback((c: HTMLElement, d: NeuronData | undefined, s: Size) => drawNeuronChart(c, d, s, theme), [theme]);
  const data = useMemo(() => neuronData(snapshot.checkpoints, model, view.pa, view.pb, view.theory === 1), [snapshot.checkpoints, model, view.pa, view.pb, view.theory]);
  if (model !== 'xor' && model !== 'mlp') return null;
  const xor = model === 'xor';
  const dead = data ? data.neurons.filter((n) => n.serves === null).length : 0;
  return (
    <section className="panel panel-neurons" aria-labelledby="neurons-title" data-testid="panel-neurons">
      <header>
        <h2 id="neurons-title">Neurons</h2>
      </header>
      <p className="panel-sub">
        {xor
          ? 'Each hidden neuron’s first-layer weights W_i on the (μ, ν) plane over time (line: its path since t = 0), coloured by the sign of its second-layer weight v_i and sized by |v_i|. A neuron serving ±μ (label 1) moves out along the μ axis with v_i > 0, one serving ±ν (label 0) along the ν axis with v_i < 0; a dying one shrinks to 0.'
          : 'Each hidden neuron’s first-layer weights W_i on the plane of the two means chosen in the projection panel, over time, coloured by the sign of V_ai − V_bi (which of the two classes it votes for) and sized by its size.'}
        {xor && data ? ` Now: ${data.neurons.length - dead} of ${data.neurons.length} neurons serve a cluster.` : ''}
      </p>
      <div className="neuron-row">
        <ChartBox draw={draw} data={data} label="hidden neurons projected on the mean plane over time" testId="chart-neurons" />
      </div>
    </section>
  );
}

// The xor classifier's state at the current checkpoint (xorDiagnosis.ts): optimal, sub-optimal (which
// cluster no neuron serves, and the layer-2 outlier count that leaves), or a dead run.
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { findModelInfo } from '../models/registry';
import type { EngineSnapshot } from './engineClient';
import './twoLayer.css';

export function DiagnosisBanner({ snapshot }: { snapshot: EngineSnapshot }) {
  if (!findModelInfo(snapshot.config?.model)?.diagnosis) return null;
  const last = snapshot.checkpoints[snapshot.checkpoints.length - 1];
  const d = last?.diagnosis as XorDiagnosis | undefined;
  if (!last || !d) return null;
  const at = `t = ${last.time.toFixed(1)}`;
  const final = snapshot.state === 'done' ? ' (end of the run)' : '';
  const H = d.layer2Outliers?.H;
  const outliers = H !== undefined ? `layer 2 of H has ${H} outlier${H === 1 ? '' : 's'}` : `layer 2 keeps ≤ ${d.expectedOutliers} outliers`;
  if (d.dead)
    return (
      <p className="diagnosis diagnosis-dead" role="status" data-testid="diagnosis" data-kind="dead">
        <strong>Dead run{final}:</strong> all {d.neuronServes.length} neurons are inactive at {at}: the net outputs a constant (σ = ½ on every cluster); {outliers}.
      </p>
    );
  if (d.optimal)
    return (
      <p className="diagnosis diagnosis-optimal" role="status" data-testid="diagnosis" data-kind="optimal">
        <strong>Optimal classifier{final}:</strong> every cluster (+μ, −μ, +ν, −ν) has a neuron at {at}; {outliers} (4 at the optimum).
      </p>
    );
  if (d.unserved.length)
    return (
      <p className="diagnosis diagnosis-suboptimal" role="status" data-testid="diagnosis" data-kind="suboptimal" data-unserved={d.unserved.join(',')}>
        <strong>Sub-optimal classifier{final}:</strong> no neuron serves
        {d.unserved.map((c) => (
          <span key={c} className="chip">
            {c}
          </span>
        ))}
        at {at} — rank deficiency: {d.served.length} of 4 clusters served, and {outliers} (4 at the optimum).
        {d.deadNeurons > 0 ? ` ${d.deadNeurons} neuron${d.deadNeurons === 1 ? ' is' : 's are'} inactive.` : ''}
      </p>
    );
  return (
    <p className="diagnosis" role="status" data-testid="diagnosis" data-kind="pending">
      <strong>Not yet optimal:</strong> every cluster has a neuron at {at}, but the worst cluster is classified at {(d.minClusterAccuracy * 100).toFixed(0)} %; {outliers}.
    </p>
  );
}

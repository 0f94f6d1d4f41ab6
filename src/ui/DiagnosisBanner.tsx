// The xor classifier's state at the current checkpoint (xorDiagnosis.ts): optimal, sub-optimal (which
// cluster no neuron serves, and the layer-2 outlier count that leaves), or a dead run.
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { findModelInfo } from '../models/registry';
import type { EngineSnapshot } from './engineClient';
import './twoLayer.css';

/** model: the app's config's (known before the run's first frame, so the banner's room is kept at once) */
export function DiagnosisBanner({ snapshot, model }: { snapshot: EngineSnapshot; model?: string }) {
  if (!findModelInfo(model ?? snapshot.config?.model)?.diagnosis) return null;
  const last = snapshot.checkpoints[snapshot.checkpoints.length - 1];
  const d = last?.diagnosis as XorDiagnosis | undefined;
  // The banner's room is kept from the start, so that it appearing moves nothing.
  if (!last || !d)
    return (
      <p className="diagnosis diagnosis-waiting" role="status" data-kind="waiting">
        <strong>Classifier:</strong> diagnosed at the first checkpoint…
      </p>
    );
  const at = `t = ${last.time.toFixed(1)}`;
  // What changes as the run goes (the time, "end of the run") comes last, so the words before it stay put.
  const final = snapshot.state === 'done' ? ' End of the run.' : '';
  const H = d.layer2Outliers?.H;
  const outliers =
    H !== undefined
      ? `layer 2 of H has ${H} outlier${H === 1 ? '' : 's'}`
      : `layer 2 keeps ≤ ${d.expectedOutliers} outliers`;
  // Before any SGD step the net is its random initialisation: nothing to call optimal or sub-optimal yet.
  if (last.step === 0)
    return (
      <p className="diagnosis" role="status" data-testid="diagnosis" data-kind="initial">
        <strong>Before training:</strong> at initialisation the random net already fires on {d.served.length} of 4
        clusters with the label’s sign; {outliers}. The diagnosis follows the run.
      </p>
    );
  if (d.dead)
    return (
      <p className="diagnosis diagnosis-dead" role="status" data-testid="diagnosis" data-kind="dead">
        <strong>Dead run:</strong> all {d.neuronServes.length} neurons are inactive at {at}: the net outputs a constant
        (σ = ½ on every cluster); {outliers}.{final}
      </p>
    );
  if (d.optimal)
    return (
      <p className="diagnosis diagnosis-optimal" role="status" data-testid="diagnosis" data-kind="optimal">
        <strong>Optimal classifier:</strong> every cluster (+μ, −μ, +ν, −ν) has a neuron at {at}; {outliers} (4 at the
        optimum).{final}
      </p>
    );
  if (d.unserved.length)
    return (
      <p
        className="diagnosis diagnosis-suboptimal"
        role="status"
        data-testid="diagnosis"
        data-kind="suboptimal"
        data-unserved={d.unserved.join(',')}
      >
        <strong>Sub-optimal classifier:</strong> no neuron serves{' '}
        {d.unserved.map((c, i) => (
          <span key={c}>
            {i > 0 ? ' ' : ''}
            <span className="chip">{c}</span>
          </span>
        ))}{' '}
        at {at} — rank deficiency: {d.served.length} of 4 clusters served, and {outliers} (4 at the optimum).
        {d.deadNeurons > 0 ? ` ${d.deadNeurons} neuron${d.deadNeurons === 1 ? ' is' : 's are'} inactive.` : ''}
        {final}
      </p>
    );
  return (
    <p className="diagnosis" role="status" data-testid="diagnosis" data-kind="pending">
      <strong>Not yet optimal:</strong> every cluster has a neuron at {at}, but the worst cluster is classified at{' '}
      {(d.minClusterAccuracy * 100).toFixed(0)} %; {outliers}.{final}
    </p>
  );
}

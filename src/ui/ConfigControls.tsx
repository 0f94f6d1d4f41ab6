// The config sliders, grouped, all driven by the schema. Any change here restarts the run.
import { resolve, type Config, type ConfigKey } from '../state/schema';
import { modelInfo } from '../models/registry';
import { ParamControl } from './ParamControl';

const GROUPS: { title: string; keys: ConfigKey[] }[] = [
  { title: 'Data and model', keys: ['model', 'd', 'k', 'K', 'lambda', 'overlap'] },
  { title: 'Optimiser', keys: ['beta', 'cdelta', 'batch', 'T'] },
  { title: 'Measurement', keys: ['phi', 'measureOn', 'gRidge', 'every', 'topj', 'solver', 'tol', 'full'] },
  { title: 'Run', keys: ['seed', 'backend'] },
];

interface Props {
  config: Config;
  onCommit: (name: ConfigKey, raw: string) => void;
}

export function ConfigControls({ config, onCommit }: Props) {
  const r = resolve(config);
  const hints: Partial<Record<ConfigKey, string>> = {
    cdelta: `δ = c_δ/d = ${r.delta.toPrecision(3)}`,
    T: `${r.steps.toLocaleString('en-US')} SGD steps`,
    phi: `M = ${r.M.toLocaleString('en-US')} test samples, γ = d/M = ${(config.d / r.M).toPrecision(3)}`,
    topj: config.topj === 0 ? 'j = paper’s choice' : undefined,
    ...modelInfo(config.model).unusedKeys,
  };
  return (
    <div className="controls">
      {GROUPS.map((group) => (
        <fieldset key={group.title}>
          <legend>{group.title}</legend>
          {group.keys
            .filter((key) => key in config)
            .map((key) => (
              <ParamControl key={key} name={key} value={config[key]} onCommit={onCommit} hint={hints[key]} />
            ))}
        </fieldset>
      ))}
      <p className="restart-note">Changing any of these restarts the run.</p>
    </div>
  );
}

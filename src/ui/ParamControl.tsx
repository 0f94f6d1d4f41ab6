// One control per schema key: label (symbol + name, doc as description), a slider (log-scaled for
// log keys) and a number box that accepts the schema's whole range; enums are selects, bools
// checkboxes. Values are committed after a short pause so dragging restarts the run once.
import { useEffect, useId, useRef, useState } from 'react';
import { SCHEMA, type ConfigKey, type KeySpec } from '../state/schema';
import { SLIDER_STEPS, fromSlider, sliderRange, toSlider } from './sliderRanges';

const COMMIT_MS = 250;

interface Props {
  name: ConfigKey;
  value: number | string | boolean;
  /** raw text, validated by the caller (clamped with a notice) */
  onCommit: (name: ConfigKey, raw: string) => void;
  hint?: string;
}

export function ParamControl({ name, value, onCommit, hint }: Props) {
  const spec: KeySpec = SCHEMA[name];
  const id = useId();
  const label = spec.symbol && spec.symbol !== name ? `${spec.symbol}` : name;
  const [draft, setDraft] = useState(String(value));
  // a new value from outside (URL, preset, clamping) replaces the draft, during render (no extra pass)
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
  }
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commitLater = (raw: string) => {
    setDraft(raw);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onCommit(name, raw), COMMIT_MS);
  };
  const description = `${spec.doc}${spec.unit ? ` (${spec.unit})` : ''}`;

  if (spec.type === 'enum') {
    return (
      <div className="param">
        <label htmlFor={id} title={description}>
          <span className="param-name">{name}</span>
        </label>
        <select
          id={id}
          data-key={name}
          value={String(value)}
          onChange={(e) => onCommit(name, e.target.value)}
          title={description}
        >
          {spec.values!.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (spec.type === 'bool') {
    return (
      <div className="param param-bool">
        <label title={description}>
          <input
            type="checkbox"
            data-key={name}
            checked={value === true}
            onChange={(e) => onCommit(name, e.target.checked ? 'true' : 'false')}
          />
          <span className="param-name">{name}</span>
        </label>
      </div>
    );
  }
  const range = sliderRange(name);
  const numeric = Number(draft);
  return (
    <div className="param">
      <label htmlFor={id} title={description}>
        <span className="param-symbol">{label}</span>
        {label !== name && <span className="param-key">{name}</span>}
      </label>
      {range && (
        <input
          type="range"
          id={id}
          data-key={name}
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={toSlider(range, Number.isFinite(numeric) ? numeric : Number(value))}
          aria-valuetext={`${label} = ${draft}${spec.unit ? ` ${spec.unit}` : ''}`}
          aria-describedby={`${id}-doc`}
          onChange={(e) => commitLater(String(fromSlider(range, Number(e.target.value), spec.type === 'int')))}
        />
      )}
      <input
        className="param-value"
        type="text"
        inputMode="decimal"
        aria-label={`${name} value`}
        data-key-text={name}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== String(value) && onCommit(name, draft)}
        onKeyDown={(e) => e.key === 'Enter' && onCommit(name, draft)}
      />
      {spec.unit && <span className="param-unit">{spec.unit}</span>}
      <span id={`${id}-doc`} className="sr-only">
        {description}
      </span>
      {hint && <span className="param-hint">{hint}</span>}
    </div>
  );
}

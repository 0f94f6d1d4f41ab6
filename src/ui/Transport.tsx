// Play/pause, step (one checkpoint interval), reset, speed, and progress (step, t = step·δ, %).
import type { EngineSnapshot } from './engineClient';

interface Props {
  snapshot: EngineSnapshot;
  every: number;
  speed: number;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  onSpeed: (speed: number) => void;
}

const STATE_TEXT: Record<string, string> = {
  idle: 'idle',
  starting: 'starting…',
  playing: 'running',
  paused: 'paused',
  done: 'done',
  diverged: 'diverged',
  failed: 'failed',
};

export function Transport({ snapshot, every, speed, onPlay, onPause, onStep, onReset, onSpeed }: Props) {
  const { state, step, steps, time } = snapshot;
  const fraction = steps > 0 ? step / steps : 0;
  const playing = state === 'playing';
  const canRun = state === 'paused';
  return (
    <div className="transport" aria-label="transport">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          data-testid="play"
          onClick={playing ? onPause : onPlay}
          disabled={!playing && !canRun}
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          data-testid="step"
          onClick={onStep}
          disabled={!canRun}
          title={`advance one checkpoint interval (${every.toLocaleString('en-US')} steps)`}
        >
          Step
        </button>
        <button
          type="button"
          data-testid="reset"
          onClick={onReset}
          disabled={state === 'starting'}
          title="restart the run from step 0 (same seed: same numbers)"
        >
          Reset
        </button>
        <label className="speed" title="fraction of the worker’s time spent on SGD">
          speed
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round((Math.log(speed / 0.05) / Math.log(1 / 0.05)) * 100)}
            aria-valuetext={`${Math.round(speed * 100)} %`}
            onChange={(e) => onSpeed(Number((0.05 * 20 ** (Number(e.target.value) / 100)).toPrecision(2)))}
          />
          <output className="speed-value">{Math.round(speed * 100)} %</output>
        </label>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="bar" style={{ transform: `scaleX(${fraction.toFixed(4)})` }} />
      </div>
      <div className="progress-text" data-testid="progress">
        <span data-testid="run-state" data-state={state} className={`state state-${state}`}>
          {STATE_TEXT[state] ?? state}
        </span>
        <span>
          step {step.toLocaleString('en-US')} / {steps.toLocaleString('en-US')}
        </span>
        <span>t = step·δ = {time.toFixed(2)}</span>
        <span>{(fraction * 100).toFixed(0)} %</span>
      </div>
      {snapshot.message && <p className="run-message">{snapshot.message}</p>}
    </div>
  );
}

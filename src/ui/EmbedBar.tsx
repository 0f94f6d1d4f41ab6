// The one strip of chrome an embed keeps (hide=transport removes it): play/pause, step, reset,
// where the run is, export, and a link to the full app with the same state.
import type { ReactNode } from 'react';
import type { EngineSnapshot } from './engineClient';

interface Props {
  snapshot: EngineSnapshot;
  fullAppHref: string;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  children?: ReactNode;
}

export function EmbedBar({ snapshot, fullAppHref, onPlay, onPause, onStep, onReset, children }: Props) {
  const { state, step, steps, time } = snapshot;
  const playing = state === 'playing';
  const fraction = steps > 0 ? step / steps : 0;
  return (
    <div className="embed-transport" role="group" aria-label="transport">
      <button
        type="button"
        className="primary"
        data-testid="play"
        onClick={playing ? onPause : onPlay}
        disabled={!playing && state !== 'paused'}
        aria-label={playing ? 'pause' : 'play'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" data-testid="step" onClick={onStep} disabled={state !== 'paused'}>
        Step
      </button>
      <button type="button" data-testid="reset" onClick={onReset} disabled={state === 'starting'}>
        Reset
      </button>
      <span
        className="embed-progress"
        data-testid="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-label="run progress"
      >
        <span data-testid="run-state" data-state={state}>
          {state}
        </span>{' '}
        t = {time.toFixed(2)} · {(fraction * 100).toFixed(0)} %
      </span>
      {children}
      <a
        className="embed-open"
        href={fullAppHref}
        target="_blank"
        rel="noopener"
        title="open the whole explorable with this state"
      >
        eigenalign ↗
      </a>
    </div>
  );
}

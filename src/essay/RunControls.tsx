// Replay and scrub controls of a run figure, and the run's status in words.
import type { CheckpointRecord } from '../engine/runFile';
import type { RunView } from './engineHub';
import type { Replay } from './useReplay';
import { num } from './readouts';

export function RunControls({ id, run, replay }: { id: string; run: RunView; replay: Replay }) {
  const count = run.checkpoints.length;
  const cp: CheckpointRecord | undefined = run.checkpoints[replay.index];
  const status =
    run.state === 'done'
      ? 'run finished'
      : run.state === 'waiting'
        ? 'waiting for the engine'
        : run.error
          ? `engine error: ${run.error}`
          : `training… step ${run.step} of ${run.steps}`;
  return (
    <div className="run-controls" data-run-state={run.state}>
      <button type="button" onClick={replay.playing ? replay.pause : replay.play} disabled={count < 2}>
        {replay.playing ? 'Pause' : 'Replay slowly'}
      </button>
      <label>
        <span>time t = {cp ? num(cp.time) : '–'}</span>
        <input
          id={`${id}-scrub`}
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          value={Math.max(0, replay.index)}
          disabled={count < 2}
          onChange={(e) => replay.scrub(Number(e.currentTarget.value))}
          aria-label="checkpoint shown"
        />
      </label>
      <span className="run-status" role="status">
        {status}
      </span>
    </div>
  );
}

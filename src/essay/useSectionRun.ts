// A run figure's state: whether it is on screen, the run's checkpoints from the shared hub, and the
// checkpoint the reader is looking at (latest, scrubbed or replaying).
import { useRef } from 'react';
import type { EssayRun } from './engineHub';
import { useReplay } from './useReplay';
import { useRun } from './useRun';
import { useVisible } from './useVisible';

export function useSectionRun(name: EssayRun) {
  const ref = useRef<HTMLDivElement>(null);
  // the run starts while its figure is still a little below the fold, so its first checkpoint is
  // drawn by the time the reader gets there
  const visible = useVisible(ref, '700px 0px');
  const run = useRun(name, visible);
  const replay = useReplay(run.checkpoints.length);
  const shown = run.checkpoints.slice(0, replay.index + 1);
  return { ref, visible, run, replay, shown, cp: run.checkpoints[replay.index], first: run.checkpoints[0] };
}

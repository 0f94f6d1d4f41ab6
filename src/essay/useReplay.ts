// Which checkpoint a run figure shows: the latest (following the live run), or one the reader
// scrubbed to, or an animated replay from t = 0 at a pace slow enough to watch the emergence.
import { useEffect, useState } from 'react';

/** one checkpoint per this many ms while replaying */
export const REPLAY_MS = 900;

export interface Replay {
  /** the index shown, within [0, count − 1] (−1 while there are no checkpoints) */
  index: number;
  playing: boolean;
  play(): void;
  pause(): void;
  scrub(index: number): void;
}

export function useReplay(count: number): Replay {
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      const next = (chosen ?? -1) + 1;
      if (next >= count - 1) {
        setPlaying(false);
        setChosen(undefined); // back to following the run
      } else setChosen(next);
    }, REPLAY_MS);
    return () => clearTimeout(timer);
  }, [playing, chosen, count]);
  const index = chosen === undefined ? count - 1 : Math.min(chosen, count - 1);
  return {
    index,
    playing,
    play: () => {
      setChosen(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    scrub: (i) => {
      setPlaying(false);
      setChosen(i >= count - 1 ? undefined : i);
    },
  };
}

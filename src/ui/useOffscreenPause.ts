// Embedded figures pause when scrolled off-screen or when the tab is hidden, and resume where they
// were when they come back — but only if they were playing (or meant to autoplay) and were paused
// by this hook, never against the reader's own pause.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { EngineClient } from './engineClient';

export interface OffscreenPause {
  /** may a run that wants to play start playing now? */
  visible(): boolean;
  /** what the reader (or autoplay) wants: play (true) or stay paused (false) */
  setIntent(play: boolean): void;
}

export function useOffscreenPause(client: EngineClient, root: RefObject<HTMLElement | null>, enabled: boolean): OffscreenPause {
  // In an embed nothing plays before the first intersection report says the frame is on screen.
  const visible = useRef(!enabled);
  const intent = useRef(false);
  const autoPaused = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    const node = root.current;
    if (!node || typeof IntersectionObserver === 'undefined') {
      visible.current = true;
      return;
    }
    let inView = false;
    const update = () => {
      const now = inView && document.visibilityState !== 'hidden';
      if (now === visible.current) return;
      visible.current = now;
      const state = client.get().state;
      if (!now) {
        if (intent.current && (state === 'playing' || state === 'starting' || state === 'paused')) {
          client.pause();
          autoPaused.current = true;
        }
      } else if (autoPaused.current) {
        autoPaused.current = false;
        if (intent.current) client.play();
      }
    };
    const observer = new IntersectionObserver(
      (entries) => {
        inView = entries[entries.length - 1].intersectionRatio > 0;
        update();
      },
      { threshold: [0, 0.01] },
    );
    observer.observe(node);
    document.addEventListener('visibilitychange', update);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, [client, root, enabled]);

  const setIntent = useCallback((play: boolean) => {
    intent.current = play;
    // A play wanted while hidden waits for the figure to be seen.
    autoPaused.current = play && !visible.current;
  }, []);
  return { visible: useCallback(() => visible.current, []), setIntent };
}

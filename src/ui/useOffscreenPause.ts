// Embedded figures run only while they can be seen: on screen (intersection), in a visible tab, and —
// inside a slide deck — on the slide that is shown (reveal.js's slide:start / slide:stop). They pause
// when any of these goes away and resume where they were when it comes back — but only if they were
// playing (or meant to autoplay) and were paused by this hook, never against the reader's own pause.
// An embed creates its engine Worker only when it is first seen: a deck's hidden slides cost nothing.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { EngineClient } from './engineClient';
import { deckPresence } from './deck/deckSignal';
import { mayRun } from './deck/visibilityGate';

export interface OffscreenPause {
  /** may a run that wants to play start playing now? */
  visible(): boolean;
  /** what the reader (or autoplay) wants: play (true) or stay paused (false) */
  setIntent(play: boolean): void;
}

export interface GateOptions {
  /** the embed sits in a deck that announces its slides: nothing runs before the first slide:start */
  waitForDeck?: boolean;
}

export function useOffscreenPause(
  client: EngineClient,
  root: RefObject<HTMLElement | null>,
  enabled: boolean,
  options: GateOptions = {},
): OffscreenPause {
  // In an embed nothing plays before the first intersection report says the frame is on screen.
  const visible = useRef(!enabled);
  const intent = useRef(false);
  const autoPaused = useRef(false);
  const waitForDeck = !!options.waitForDeck;

  useEffect(() => {
    if (!enabled) {
      client.boot();
      return;
    }
    const node = root.current;
    const deck = deckPresence();
    let inView = !node || typeof IntersectionObserver === 'undefined';
    const update = () => {
      const now = mayRun({ inView, pageVisible: document.visibilityState !== 'hidden', deck: deck.get(), waitForDeck });
      if (now) client.boot();
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
    const observer =
      node && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver(
            (entries) => {
              inView = entries[entries.length - 1].intersectionRatio > 0;
              update();
            },
            { threshold: [0, 0.01] },
          )
        : undefined;
    if (node) observer?.observe(node);
    const stopDeck = deck.subscribe(update);
    document.addEventListener('visibilitychange', update);
    // A deck announces a slide when it is shown; one that loaded this frame ahead (or sent the signal
    // before the frame had loaded) is asked to announce its current slide again.
    if (waitForDeck) deck.channel.postDeck('startEmbeddedContent');
    update();
    return () => {
      observer?.disconnect();
      stopDeck();
      document.removeEventListener('visibilitychange', update);
    };
  }, [client, root, enabled, waitForDeck]);

  const setIntent = useCallback((play: boolean) => {
    intent.current = play;
    // A play wanted while hidden waits for the figure to be seen.
    autoPaused.current = play && !visible.current;
  }, []);
  return { visible: useCallback(() => visible.current, []), setIntent };
}

// What the slide deck around an embed says about its slide: 'shown' after reveal.js's slide:start,
// 'hidden' after slide:stop, 'unknown' before either. Listening starts when this module is loaded
// (before React renders) so that a signal sent right after the frame loads is not missed.
import { createEmbedChannel, type EmbedChannel } from '../embedMessaging';

export type DeckState = 'unknown' | 'shown' | 'hidden';

export interface DeckPresence {
  readonly channel: EmbedChannel;
  get(): DeckState;
  subscribe(listener: () => void): () => void;
}

export function createDeckPresence(channel: EmbedChannel): DeckPresence {
  let state: DeckState = 'unknown';
  const listeners = new Set<() => void>();
  channel.listenDeck((signal) => {
    const next: DeckState = signal === 'start' ? 'shown' : 'hidden';
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  });
  return {
    channel,
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let shared: DeckPresence | undefined;
/** The page's one deck presence (one channel to the parent). */
export function deckPresence(): DeckPresence {
  shared ??= createDeckPresence(createEmbedChannel(window));
  return shared;
}

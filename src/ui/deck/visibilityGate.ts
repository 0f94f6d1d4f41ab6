// When may an embedded figure run? Only while it can be seen: on screen, in a visible tab, and not on
// a slide the deck has left (or, for a figure told to wait for its deck, before the deck showed it).
import type { DeckState } from './deckSignal';

export interface Sight {
  inView: boolean;
  pageVisible: boolean;
  deck: DeckState;
  waitForDeck: boolean;
}

export function mayRun({ inView, pageVisible, deck, waitForDeck }: Sight): boolean {
  const deckAllows = deck === 'shown' || (deck === 'unknown' && !waitForDeck);
  return inView && pageVisible && deckAllows;
}

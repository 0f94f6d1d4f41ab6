import { describe, expect, it } from 'vitest';
import { createDeckPresence } from './deckSignal';
import type { DeckSignal, EmbedChannel } from '../embedMessaging';

function fakeChannel() {
  let handler: ((s: DeckSignal) => void) | undefined;
  const channel = {
    targetOrigin: 'https://deck.example',
    post: () => true,
    listen: () => () => {},
    listenDeck: (h: (s: DeckSignal) => void) => ((handler = h), () => {}),
    postDeck: () => true,
  } as EmbedChannel;
  return { channel, send: (s: DeckSignal) => handler?.(s) };
}

describe('deck presence', () => {
  it('is unknown until the deck speaks, then follows slide:start / slide:stop and notifies on changes only', () => {
    const f = fakeChannel();
    const deck = createDeckPresence(f.channel);
    let calls = 0;
    deck.subscribe(() => calls++);
    expect(deck.get()).toBe('unknown');
    f.send('stop');
    expect(deck.get()).toBe('hidden');
    f.send('start');
    f.send('start');
    expect(deck.get()).toBe('shown');
    expect(calls).toBe(2);
  });
});

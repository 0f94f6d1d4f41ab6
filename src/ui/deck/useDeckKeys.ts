// In a frame, navigation keys go to the deck around the embed (see deckKeys.ts for the rule). They are
// taken in the capture phase, before the embed's own shortcuts and before a clicked button or slider
// could act on them, and sent through the channel (posts only to the parent, with its exact origin).
import { useEffect } from 'react';
import type { EmbedChannel } from '../embedMessaging';
import { deckCommand, embedKeepsKey } from './deckKeys';

export function useDeckKeys(channel: EmbedChannel | undefined): void {
  useEffect(() => {
    if (!channel || channel.targetOrigin === undefined) return;
    const forwarded = new Set<string>();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const command = deckCommand(e);
      if (!command || embedKeepsKey(e.key, document.activeElement, document)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      forwarded.add(e.key);
      channel.postDeck(command.method, command.args);
      // Tell any other host page too, in the embed's own protocol (it may map the key itself).
      channel.post('key', { key: e.key, shiftKey: e.shiftKey });
    };
    // A button's Space acts on keyup: swallow the keyup of a key that went to the deck.
    const onKeyUp = (e: KeyboardEvent) => {
      if (!forwarded.delete(e.key)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [channel]);
}

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deckCommand, embedKeepsKey } from './deckKeys';

describe('deck keys', () => {
  it('maps presenter and clicker keys to reveal.js’s own key handling', () => {
    expect(deckCommand({ key: 'ArrowRight' })).toEqual({ method: 'triggerKey', args: [39] });
    expect(deckCommand({ key: 'ArrowLeft' })).toEqual({ method: 'triggerKey', args: [37] });
    expect(deckCommand({ key: ' ' })).toEqual({ method: 'triggerKey', args: [32] });
    expect(deckCommand({ key: ' ', shiftKey: true })).toEqual({ method: 'prev' });
    expect(deckCommand({ key: 'PageDown' })).toEqual({ method: 'triggerKey', args: [34] });
    expect(deckCommand({ key: 'PageUp' })).toEqual({ method: 'triggerKey', args: [33] });
    expect(deckCommand({ key: 'Escape' })).toEqual({ method: 'triggerKey', args: [27] });
    expect(deckCommand({ key: 'b' })).toEqual({ method: 'triggerKey', args: [66] });
    expect(deckCommand({ key: '.' })).toEqual({ method: 'triggerKey', args: [190] });
  });

  it('leaves other keys and modified keys to the embed and the browser', () => {
    for (const e of [
      { key: 'r' },
      { key: '?' },
      { key: 'Tab' },
      { key: 'ArrowRight', ctrlKey: true },
      { key: 'ArrowRight', altKey: true },
      { key: 'ArrowRight', shiftKey: true },
    ]) {
      expect(deckCommand(e)).toBeUndefined();
    }
  });

  it('the embed keeps a key only for a keyboard-focused control that uses it, typed text, or an open menu', () => {
    document.body.innerHTML =
      '<button id="b">Play</button><input id="r" type="range"><input id="t" type="text"><select id="s"><option>a</option></select><details id="d"><summary>m</summary></details>';
    const byId = (id: string) => document.getElementById(id)!;
    // clicked with a mouse: not :focus-visible, so the deck gets the keys
    expect(embedKeepsKey(' ', byId('b'), document)).toBe(false);
    expect(embedKeepsKey('ArrowRight', byId('r'), document)).toBe(false);
    expect(embedKeepsKey('ArrowRight', document.body, document)).toBe(false);
    expect(embedKeepsKey('ArrowRight', null, document)).toBe(false);
    // typing is always the field's
    expect(embedKeepsKey(' ', byId('t'), document)).toBe(true);
    // Esc closes an open menu first
    expect(embedKeepsKey('Escape', document.body, document)).toBe(false);
    byId('d').setAttribute('open', '');
    expect(embedKeepsKey('Escape', document.body, document)).toBe(true);
  });
});

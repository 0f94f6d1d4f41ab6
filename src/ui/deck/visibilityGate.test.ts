import { describe, expect, it } from 'vitest';
import { mayRun } from './visibilityGate';

describe('visibility gate', () => {
  const seen = { inView: true, pageVisible: true, deck: 'unknown' as const, waitForDeck: false };
  it('runs a figure on screen in a visible tab, with no deck around it', () => {
    expect(mayRun(seen)).toBe(true);
    expect(mayRun({ ...seen, inView: false })).toBe(false);
    expect(mayRun({ ...seen, pageVisible: false })).toBe(false);
  });
  it('a deck’s word wins over being on screen (fade keeps hidden slides in place)', () => {
    expect(mayRun({ ...seen, deck: 'hidden' })).toBe(false);
    expect(mayRun({ ...seen, deck: 'shown' })).toBe(true);
    expect(mayRun({ ...seen, deck: 'shown', inView: false })).toBe(false);
  });
  it('a figure told to wait for its deck runs only after slide:start', () => {
    expect(mayRun({ ...seen, waitForDeck: true })).toBe(false);
    expect(mayRun({ ...seen, waitForDeck: true, deck: 'shown' })).toBe(true);
    expect(mayRun({ ...seen, waitForDeck: true, deck: 'hidden' })).toBe(false);
  });
});

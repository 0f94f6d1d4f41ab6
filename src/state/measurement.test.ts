import { describe, expect, it } from 'vitest';
import { matricesNote, matricesSentence, matrixLabel, measuredOnPhrase } from './measurement';

describe('the words for what H and G are built on', () => {
  it('say nothing extra at the defaults', () => {
    const paper = { measureOn: 'test', gRidge: false } as const;
    expect(matrixLabel('G', paper)).toBe('G');
    expect(matrixLabel('H', { gRidge: true })).toBe('H');
    expect(measuredOnPhrase(paper, 600)).toBe('on 600 test samples');
    expect(matricesNote(paper, 600)).toBeUndefined();
    expect(matricesSentence(paper, 600)).toBeUndefined();
  });
  it('name the recent window and G with ridge wherever either is on', () => {
    expect(matrixLabel('G', { gRidge: true })).toBe('G (with ridge)');
    expect(measuredOnPhrase({ measureOn: 'recent' }, 600)).toBe('on the last 600 training samples');
    const both = { measureOn: 'recent', gRidge: true } as const;
    expect(matricesSentence(both, 600)).toBe(
      'H and G (with ridge) are built on the last 600 training samples SGD drew (measureOn = recent), not on the test set.',
    );
    expect(matricesSentence({ measureOn: 'test', gRidge: true }, 600)).toMatch(/^G is G with ridge/);
    const note = matricesNote(both, 600)!;
    expect(note).toMatch(
      /last M = 600 samples SGD drew .* not independent of the parameters; loss and accuracy are on the test set/,
    );
    expect(note).toMatch(/G \+ β\(ḡxᵀ \+ xḡᵀ\) \+ β²xxᵀ/);
  });
});

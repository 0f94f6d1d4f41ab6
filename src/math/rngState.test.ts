import { describe, expect, it } from 'vitest';
import { makeStream, restoreStream } from './rng';

describe('stream save/restore', () => {
  it('a restored stream continues with exactly the same draws (also mid-pair of the polar method)', () => {
    for (const skip of [0, 1, 7]) {
      const a = makeStream(3, 'train');
      for (let i = 0; i < skip; i++) a.normal();
      a.uniform();
      const saved = a.save!();
      const b = restoreStream(JSON.parse(JSON.stringify(saved)));
      const fromA = [a.normal(), a.uniform(), a.int(10), a.normal(), a.normal()];
      const fromB = [b.normal(), b.uniform(), b.int(10), b.normal(), b.normal()];
      expect(fromB).toEqual(fromA);
    }
  });
});

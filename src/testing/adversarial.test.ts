// The shared adversarial generator against the URL decoder in Node (the browser fuzz, e2e/fuzz.spec.ts,
// sends the same cases to the built app).
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../state/url';
import { VIEW_SCHEMA, blockIds } from '../state/view';
import { configProblems, fuzzCases, fuzzQuery } from './adversarial';

describe('URL decoding under the shared adversarial generator', () => {
  it('2000 query strings: never throws, always an in-range config and view, one-line notices, stable round trip', () => {
    let withNotices = 0;
    for (const query of fuzzCases(2000, 7, fuzzQuery)) {
      const what = query.slice(0, 160);
      const decoded = decodeState(query);
      expect(configProblems(decoded.config), what).toEqual([]);
      expect(blockIds(decoded.config), what).toContain(decoded.view.block);
      for (const key of ['matrix', 'scale', 'plane'] as const)
        expect(VIEW_SCHEMA[key].values as readonly string[], what).toContain(decoded.view[key]);
      expect(decoded.view.pa, what).not.toBe(decoded.view.pb);
      for (const notice of decoded.notices) {
        expect(notice.message, what).not.toMatch(/[\n\r]/);
        expect(notice.message.length, what).toBeLessThan(600);
      }
      if (decoded.notices.length) withNotices++;
      // What the app writes back to the address bar decodes to the same state with no notice.
      const again = decodeState(encodeState(decoded));
      expect(again.notices, what).toEqual([]);
      expect(again.config, what).toEqual(decoded.config);
      expect(again.view, what).toEqual(decoded.view);
    }
    expect(withNotices).toBeGreaterThan(1000);
  });
});

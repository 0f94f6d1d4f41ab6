import { describe, expect, it } from 'vitest';
import { embedSnippet } from './EmbedCode';
import { decodeState } from '../state/url';

const state = decodeState('?preset=minibulk');
const base = 'https://app.example/eigenalign/';

describe('embed snippets', () => {
  it('default to a 16:9 frame of 960×540; offer 1280×720 and 4:3', () => {
    expect(embedSnippet(state, ['spectrum'], 'slides', true, base)).toBe(
      '<iframe src="https://app.example/eigenalign/?preset=minibulk&amp;embed=spectrum&amp;autoplay=1&amp;theme=slides" title="eigenalign: spectrum" width="960" height="540" style="border:0;max-width:100%" loading="lazy"></iframe>',
    );
    expect(embedSnippet(state, ['spectrum'], 'slides', true, base, { size: '1280x720' })).toContain(
      'width="1280" height="720"',
    );
    expect(embedSnippet(state, ['spectrum'], 'slides', true, base, { size: '960x720' })).toContain(
      'width="960" height="720"',
    );
  });

  it('a reveal.js slide: a preloaded data-src frame that waits for the deck (deck=reveal)', () => {
    const snippet = embedSnippet(state, ['alignment'], 'slides', true, base, { format: 'reveal' });
    expect(snippet).toBe(
      '<section>\n  <iframe data-src="https://app.example/eigenalign/?preset=minibulk&amp;embed=alignment&amp;autoplay=1&amp;deck=reveal&amp;theme=slides" data-preload title="eigenalign: alignment" width="960" height="540" style="border:0;max-width:100%;max-height:100%"></iframe>\n</section>',
    );
    const src = snippet.match(/data-src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    expect(decodeState(new URL(src).search).view.deck).toBe('reveal');
  });
});

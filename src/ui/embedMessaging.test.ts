import { describe, expect, it } from 'vitest';
import {
  EMBED_PROTOCOL,
  EMBED_VERSION,
  createEmbedChannel,
  isAllowedOrigin,
  normalizeOrigin,
  type EmbedWindow,
} from './embedMessaging';

type Listener = (event: MessageEvent) => void;

function fakeFrame(options: { framed?: boolean; ancestors?: string[]; referrer?: string; origin?: string } = {}) {
  const sent: { message: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (message: unknown, targetOrigin: string) => sent.push({ message, targetOrigin }) };
  const listeners = new Set<Listener>();
  const win: EmbedWindow = {
    parent,
    location: { origin: options.origin ?? 'https://app.example', ancestorOrigins: options.ancestors },
    document: { referrer: options.referrer ?? '' },
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  };
  if (options.framed === false) win.parent = win as unknown as EmbedWindow['parent'];
  const dispatch = (data: unknown, origin: string, source: unknown = parent) => {
    for (const l of listeners) l({ data, origin, source } as unknown as MessageEvent);
  };
  return { win, sent, parent, dispatch, listeners };
}

const ok = { protocol: EMBED_PROTOCOL, v: EMBED_VERSION, type: 'play' };

describe('embed messaging policy', () => {
  it('posts only to window.parent, with the parent’s exact origin as targetOrigin', () => {
    const f = fakeFrame({ ancestors: ['https://slides.example'] });
    const channel = createEmbedChannel(f.win);
    expect(channel.targetOrigin).toBe('https://slides.example');
    expect(channel.post('progress', { step: 3 })).toBe(true);
    expect(f.sent).toEqual([
      {
        message: { step: 3, protocol: EMBED_PROTOCOL, v: EMBED_VERSION, type: 'progress' },
        targetOrigin: 'https://slides.example',
      },
    ]);
  });

  it('falls back to the referrer’s origin; sends nothing when not framed or the origin is unknown / opaque — never "*"', () => {
    const viaReferrer = fakeFrame({ referrer: 'https://deck.example/talk/3?x=1' });
    expect(createEmbedChannel(viaReferrer.win).targetOrigin).toBe('https://deck.example');
    for (const f of [
      fakeFrame({ framed: false, ancestors: ['https://a.example'] }),
      fakeFrame({}),
      fakeFrame({ ancestors: ['null'] }),
      fakeFrame({ referrer: 'file:///x.html' }),
    ]) {
      const channel = createEmbedChannel(f.win);
      expect(channel.targetOrigin).toBeUndefined();
      expect(channel.post('progress')).toBe(false);
      expect(f.sent).toEqual([]);
    }
  });

  it('accepts only well-formed messages from the parent on the allow-list (default: own origin)', () => {
    const f = fakeFrame({ ancestors: ['https://app.example'] });
    const got: unknown[] = [];
    const stop = createEmbedChannel(f.win).listen((m) => got.push(m));
    f.dispatch(ok, 'https://app.example');
    f.dispatch(ok, 'https://evil.example'); // origin not allowed
    f.dispatch(ok, 'null'); // sandboxed frame
    f.dispatch(ok, 'https://app.example', {}); // another window of the allowed origin, not the parent
    f.dispatch({ ...ok, v: 2 }, 'https://app.example');
    f.dispatch({ ...ok, protocol: 'other' }, 'https://app.example');
    f.dispatch('<img src=x onerror=alert(1)>', 'https://app.example');
    f.dispatch(null, 'https://app.example');
    f.dispatch([ok], 'https://app.example');
    f.dispatch({ ...ok, type: 'x'.repeat(65) }, 'https://app.example');
    expect(got).toEqual([ok]);
    stop();
    expect(f.listeners.size).toBe(0);
  });

  it('an explicit allow-list replaces the default; a page that is not framed accepts nothing', () => {
    const f = fakeFrame({ ancestors: ['https://slides.example'] });
    const got: unknown[] = [];
    createEmbedChannel(f.win, { allowedOrigins: ['https://slides.example/'] }).listen((m) => got.push(m));
    f.dispatch(ok, 'https://slides.example');
    f.dispatch(ok, 'https://app.example');
    expect(got).toHaveLength(1);
    const top = fakeFrame({ framed: false });
    const none: unknown[] = [];
    createEmbedChannel(top.win).listen((m) => none.push(m));
    top.dispatch(ok, 'https://app.example', top.win);
    expect(none).toEqual([]);
  });

  it('origins are compared exactly after normalisation; wildcards and non-web schemes never match', () => {
    expect(normalizeOrigin('https://A.example:443/path')).toBe('https://a.example');
    expect(normalizeOrigin('*')).toBeUndefined();
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined();
    expect(isAllowedOrigin('https://a.example', ['*'])).toBe(false);
    expect(isAllowedOrigin('https://a.example.evil.com', ['https://a.example'])).toBe(false);
    expect(isAllowedOrigin('http://a.example', ['https://a.example'])).toBe(false);
    expect(isAllowedOrigin('https://a.example:8443', ['https://a.example'])).toBe(false);
  });
});

// The real window satisfies the channel's window type (compile-time check).
export const acceptsRealWindow = (w: Window): EmbedWindow => w;

describe('deck (reveal.js) messages', () => {
  it('accepts slide:start / slide:stop only from window.parent with the parent’s own origin or an allow-listed one', () => {
    const f = fakeFrame({ ancestors: ['https://slides.example'] });
    const got: string[] = [];
    const stop = createEmbedChannel(f.win).listenDeck((s) => got.push(s));
    f.dispatch('slide:start', 'https://slides.example');
    f.dispatch('slide:stop', 'https://slides.example');
    f.dispatch('slide:start', 'https://app.example'); // own origin: on the default allow-list
    f.dispatch('slide:start', 'https://evil.example'); // neither the parent's origin nor allowed
    f.dispatch('slide:start', 'https://slides.example', {}); // not the parent window
    f.dispatch('slide:starts', 'https://slides.example');
    f.dispatch({ type: 'slide:start' }, 'https://slides.example');
    f.dispatch('{"method":"play"}', 'https://slides.example');
    expect(got).toEqual(['start', 'stop', 'start']);
    stop();
    f.dispatch('slide:start', 'https://slides.example');
    expect(got).toHaveLength(3);
  });

  it('ignores deck signals when not framed', () => {
    const f = fakeFrame({ framed: false, ancestors: ['https://slides.example'] });
    const got: string[] = [];
    createEmbedChannel(f.win).listenDeck((s) => got.push(s));
    f.dispatch('slide:start', 'https://slides.example', f.win);
    expect(got).toEqual([]);
  });

  it('calls the deck’s API as reveal.js expects (a JSON string), only to the parent’s exact origin, only listed methods and numbers', () => {
    const f = fakeFrame({ ancestors: ['https://slides.example'] });
    const channel = createEmbedChannel(f.win);
    expect(channel.postDeck('triggerKey', [39])).toBe(true);
    expect(channel.postDeck('prev')).toBe(true);
    expect(channel.postDeck('destroy' as never)).toBe(false);
    expect(channel.postDeck('triggerKey', [Number.NaN])).toBe(false);
    expect(f.sent).toEqual([
      { message: '{"method":"triggerKey","args":[39]}', targetOrigin: 'https://slides.example' },
      { message: '{"method":"prev"}', targetOrigin: 'https://slides.example' },
    ]);
    const lone = fakeFrame({});
    expect(createEmbedChannel(lone.win).postDeck('next')).toBe(false);
    expect(lone.sent).toEqual([]);
  });
});

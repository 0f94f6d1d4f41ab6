// The embed mode's only channel to the page around it. Policy:
//  - send: only to window.parent, only with the parent's exact origin as targetOrigin (never '*'), and
//    only when the app really is framed and that origin is known. If the parent navigates elsewhere
//    meanwhile, the browser drops the message instead of handing it to the new page.
//  - receive: only events whose source is window.parent, whose origin is on an explicit allow-list
//    (default: the app's own origin), and whose data has the expected shape; everything else is ignored
//    without a word (a hostile page gets no oracle). Message data is data: never HTML, never code.
//  - a slide deck around the embed: reveal.js posts the bare strings 'slide:start' / 'slide:stop' to
//    its iframes; they are accepted only from window.parent with the parent's own exact origin (the deck
//    is where the frame sits) or an allow-listed one, and only these two strings. Commands to the deck
//    (reveal.js's postMessage API: a JSON string {"method", "args"}) go to window.parent with its exact
//    origin, and only methods from DECK_METHODS with numeric arguments.
// Embed mode uses createEmbedChannel(window) and nothing else for cross-window messages.
//   const channel = createEmbedChannel(window);             // allow-list: own origin
//   channel.post('progress', { step, time });                // → parent, its origin only
//   const stop = channel.listen((m) => m.type === 'play' && client.play());

export const EMBED_PROTOCOL = 'eigenalign-embed';
export const EMBED_VERSION = 1;

/** What the embed sends and accepts: a type tag plus plain data. */
export interface EmbedMessage {
  protocol: typeof EMBED_PROTOCOL;
  v: typeof EMBED_VERSION;
  type: string;
  [field: string]: unknown;
}

/** The parts of `window` the channel needs (a fake in unit tests). */
export interface EmbedWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  location: { origin: string; ancestorOrigins?: ArrayLike<string> };
  document?: { referrer: string };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** A concrete origin: scheme://host[:port]. 'null' (sandboxed, file:) and '*' are never origins here. */
export function normalizeOrigin(text: string | undefined | null): string | undefined {
  if (!text || text === 'null' || text === '*') return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export function isFramed(win: EmbedWindow): boolean {
  return win.parent !== (win as unknown);
}

/** The parent's origin: ancestorOrigins (Chromium, WebKit) or the referrer; undefined when unknown. */
export function parentOrigin(win: EmbedWindow): string | undefined {
  if (!isFramed(win)) return undefined;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return normalizeOrigin(ancestors[0]);
  return normalizeOrigin(win.document?.referrer);
}

export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  const o = normalizeOrigin(origin);
  return o !== undefined && allowed.some((a) => normalizeOrigin(a) === o);
}

export function isEmbedMessage(data: unknown): data is EmbedMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const m = data as Record<string, unknown>;
  return (
    m.protocol === EMBED_PROTOCOL &&
    m.v === EMBED_VERSION &&
    typeof m.type === 'string' &&
    m.type.length > 0 &&
    m.type.length <= 64
  );
}

/** reveal.js's generic iframe signals: the slide holding the frame was shown / left. */
export type DeckSignal = 'start' | 'stop';

export function deckSignal(data: unknown): DeckSignal | undefined {
  return data === 'slide:start' ? 'start' : data === 'slide:stop' ? 'stop' : undefined;
}

/** The reveal.js API methods an embed may call on the deck around it (navigation and re-announce). */
export const DECK_METHODS = [
  'triggerKey',
  'next',
  'prev',
  'left',
  'right',
  'up',
  'down',
  'togglePause',
  'toggleOverview',
  'startEmbeddedContent',
] as const;
export type DeckMethod = (typeof DECK_METHODS)[number];

export interface EmbedChannel {
  /** where messages go, or undefined (not framed / origin unknown: nothing is ever sent) */
  readonly targetOrigin: string | undefined;
  /** sends to the parent only; false when nothing was sent */
  post(type: string, fields?: Record<string, unknown>): boolean;
  /** accepts messages from the parent on the allow-list only; returns the unsubscribe */
  listen(handler: (message: EmbedMessage) => void): () => void;
  /** reveal.js slide signals from the parent (its own origin or the allow-list); returns the unsubscribe */
  listenDeck(handler: (signal: DeckSignal) => void): () => void;
  /** calls a reveal.js API method on the parent deck; false when nothing was sent */
  postDeck(method: DeckMethod, args?: number[]): boolean;
}

export function createEmbedChannel(
  win: EmbedWindow,
  options: { allowedOrigins?: readonly string[] } = {},
): EmbedChannel {
  const allowed = options.allowedOrigins ?? [win.location.origin];
  const targetOrigin = parentOrigin(win);
  return {
    targetOrigin,
    post(type, fields = {}) {
      if (targetOrigin === undefined) return false;
      const message: EmbedMessage = { ...fields, protocol: EMBED_PROTOCOL, v: EMBED_VERSION, type };
      win.parent.postMessage(message, targetOrigin);
      return true;
    },
    listen(handler) {
      const listener = (event: MessageEvent) => {
        if (!isFramed(win) || event.source !== (win.parent as unknown)) return;
        if (!isAllowedOrigin(event.origin, allowed)) return;
        if (!isEmbedMessage(event.data)) return;
        handler(event.data);
      };
      win.addEventListener('message', listener);
      return () => win.removeEventListener('message', listener);
    },
    listenDeck(handler) {
      const listener = (event: MessageEvent) => {
        if (!isFramed(win) || event.source !== (win.parent as unknown)) return;
        const fromParent = targetOrigin !== undefined && normalizeOrigin(event.origin) === targetOrigin;
        if (!fromParent && !isAllowedOrigin(event.origin, allowed)) return;
        const signal = deckSignal(event.data);
        if (signal) handler(signal);
      };
      win.addEventListener('message', listener);
      return () => win.removeEventListener('message', listener);
    },
    postDeck(method, args = []) {
      if (targetOrigin === undefined || !(DECK_METHODS as readonly string[]).includes(method)) return false;
      if (!args.every((a) => Number.isFinite(a))) return false;
      win.parent.postMessage(JSON.stringify(args.length ? { method, args } : { method }), targetOrigin);
      return true;
    },
  };
}

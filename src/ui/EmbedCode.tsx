// "Copy embed code": an <iframe> snippet, or a reveal.js slide, that shows the chosen panels of the
// current state at a size that reads well on a projector.
import { useId, useState } from 'react';
import { encodeState, type AppState } from '../state/url';
import { PANEL_IDS, THEMES, type ThemeName } from '../state/view';

/** HTML attribute text (the URL is ours, but & and " must still be escaped in an attribute). */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Frame sizes that read well: the slide sizes decks use (16:9 first, the default) and 4:3. */
export const EMBED_SIZES = [
  { id: '960x540', label: '960×540 (16:9)', width: 960, height: 540 },
  { id: '1280x720', label: '1280×720 (16:9)', width: 1280, height: 720 },
  { id: '960x720', label: '960×720 (4:3)', width: 960, height: 720 },
] as const;
export type EmbedSizeId = (typeof EMBED_SIZES)[number]['id'];
export type EmbedFormat = 'iframe' | 'reveal';

export interface EmbedOptions {
  size?: EmbedSizeId;
  format?: EmbedFormat;
}

export function embedSnippet(
  state: AppState,
  panels: string[],
  theme: ThemeName,
  autoplay: boolean,
  base: string,
  options: EmbedOptions = {},
): string {
  const format = options.format ?? 'iframe';
  const size = EMBED_SIZES.find((s) => s.id === options.size) ?? EMBED_SIZES[0];
  const view = {
    ...state.view,
    embed: panels.join(','),
    theme,
    autoplay: autoplay ? ('1' as const) : ('auto' as const),
    deck: format === 'reveal' ? ('reveal' as const) : ('none' as const),
  };
  const src = `${base}${encodeState({ ...state, view })}`;
  const title = `eigenalign: ${panels.join(', ')}`;
  if (format === 'reveal') {
    // data-src + data-preload: reveal.js loads the frame with the slides near the current one; the
    // figure draws at once but starts its engine only when the deck shows its slide (deck=reveal).
    return `<section>\n  <iframe data-src="${attr(src)}" data-preload title="${attr(title)}" width="${size.width}" height="${size.height}" style="border:0;max-width:100%;max-height:100%"></iframe>\n</section>`;
  }
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="${size.width}" height="${size.height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

export function EmbedCode({ state }: { state: AppState }) {
  const id = useId();
  const [panels, setPanels] = useState<string[]>(['spectrum']);
  const [available, setAvailable] = useState<string[]>(['spectrum', 'alignment', 'projection']);
  const [theme, setTheme] = useState<ThemeName>(state.view.theme === 'dark' ? 'dark' : 'slides');
  const [autoplay, setAutoplay] = useState(true);
  const [size, setSize] = useState<EmbedSizeId>(EMBED_SIZES[0].id);
  const [format, setFormat] = useState<EmbedFormat>('iframe');
  const [copied, setCopied] = useState('');
  const chosen = PANEL_IDS.filter((p) => panels.includes(p));
  const snippet = chosen.length
    ? embedSnippet(state, chosen, theme, autoplay, `${window.location.origin}${window.location.pathname}`, {
        size,
        format,
      })
    : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied');
    } catch {
      setCopied('Copy failed: select the text');
    }
    setTimeout(() => setCopied(''), 2000);
  };
  return (
    <details
      className="menu embed-code"
      onToggle={(e) =>
        (e.currentTarget as HTMLDetailsElement).open &&
        setAvailable(PANEL_IDS.filter((p) => document.querySelector(`[data-testid="panel-${p}"]`)))
      }
    >
      <summary data-testid="embed-menu">Embed</summary>
      <div className="menu-body">
        <fieldset>
          <legend>Panels</legend>
          {available.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                data-panel={p}
                checked={panels.includes(p)}
                onChange={(e) => setPanels((old) => (e.target.checked ? [...old, p] : old.filter((q) => q !== p)))}
              />{' '}
              {p}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-theme`}>
          theme{' '}
          <select id={`${id}-theme`} value={theme} onChange={(e) => setTheme(e.target.value as ThemeName)}>
            {THEMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>{' '}
        <label htmlFor={`${id}-size`}>
          size{' '}
          <select
            id={`${id}-size`}
            data-testid="embed-size"
            value={size}
            onChange={(e) => setSize(e.target.value as EmbedSizeId)}
          >
            {EMBED_SIZES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label htmlFor={`${id}-format`}>
          for{' '}
          <select
            id={`${id}-format`}
            data-testid="embed-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as EmbedFormat)}
          >
            <option value="iframe">a web page (iframe)</option>
            <option value="reveal">a reveal.js slide</option>
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> autoplay
        </label>
        <textarea
          readOnly
          aria-label="embed code"
          data-testid="embed-snippet"
          value={snippet || 'choose at least one panel'}
          rows={4}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" data-testid="copy-embed" onClick={copy} disabled={!snippet}>
          {copied || 'Copy embed code'}
        </button>
      </div>
    </details>
  );
}

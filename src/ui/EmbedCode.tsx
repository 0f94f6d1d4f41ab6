// "Copy embed code": an <iframe> snippet that shows the chosen panels of the current state.
import { useId, useState } from 'react';
import { encodeState, type AppState } from '../state/url';
import { PANEL_IDS, THEMES, type ThemeName } from '../state/view';

/** HTML attribute text (the URL is ours, but & and " must still be escaped in an attribute). */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet(state: AppState, panels: string[], theme: ThemeName, autoplay: boolean, base: string): string {
  const view = { ...state.view, embed: panels.join(','), theme, autoplay: autoplay ? ('1' as const) : ('auto' as const) };
  const src = `${base}${encodeState({ ...state, view })}`;
  const title = `eigenalign: ${panels.join(', ')}`;
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="720" height="${panels.length > 1 ? 720 : 420}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

export function EmbedCode({ state }: { state: AppState }) {
  const id = useId();
  const [panels, setPanels] = useState<string[]>(['spectrum']);
  const [available, setAvailable] = useState<string[]>(['spectrum', 'alignment', 'projection']);
  const [theme, setTheme] = useState<ThemeName>(state.view.theme === 'dark' ? 'dark' : 'slides');
  const [autoplay, setAutoplay] = useState(true);
  const [copied, setCopied] = useState('');
  const chosen = PANEL_IDS.filter((p) => panels.includes(p));
  const snippet = chosen.length ? embedSnippet(state, chosen, theme, autoplay, `${window.location.origin}${window.location.pathname}`) : '';
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
    <details className="menu embed-code" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setAvailable(PANEL_IDS.filter((p) => document.querySelector(`[data-testid="panel-${p}"]`)))}>
      <summary data-testid="embed-menu">Embed</summary>
      <div className="menu-body">
        <fieldset>
          <legend>Panels</legend>
          {available.map((p) => (
            <label key={p}>
              <input type="checkbox" data-panel={p} checked={panels.includes(p)} onChange={(e) => setPanels((old) => (e.target.checked ? [...old, p] : old.filter((q) => q !== p)))} /> {p}
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
        <label>
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> autoplay
        </label>
        <textarea readOnly aria-label="embed code" data-testid="embed-snippet" value={snippet || 'choose at least one panel'} rows={4} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" data-testid="copy-embed" onClick={copy} disabled={!snippet}>
          {copied || 'Copy embed code'}
        </button>
      </div>
    </details>
  );
}

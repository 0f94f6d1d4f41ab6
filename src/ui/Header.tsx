// Title, presets with their caption, the backend badge, copy-link, and the tools (embed, export, open run).
import { useState, type ReactNode } from 'react';
import { PRESETS, PRESET_NAMES, type PresetName } from '../state/presets';
import type { BackendReport } from '../worker/protocol';

interface Props {
  preset: PresetName | undefined;
  modified: boolean;
  backend: BackendReport | undefined;
  onPreset: (name: PresetName) => void;
  /** embed code, export, open run, shortcuts */
  tools?: ReactNode;
}

export function Header({ preset, modified, backend, onPreset, tools }: Props) {
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('Copied');
    } catch {
      setCopied('Copy failed: select the address bar');
    }
    setTimeout(() => setCopied(''), 2000);
  };
  const badgeTitle = backend
    ? [
        backend.reason,
        ...backend.timings.map((t) => `${t.name}: ${t.ms.toFixed(2)} ms per operator apply`),
        ...backend.failures.map((f) => `${f.name} did not start: ${f.error}`),
        ...(backend.skipped ?? []).map((sk) => `${sk.name} not timed: ${sk.why}`),
      ].join('\n')
    : 'choosing a backend…';
  return (
    <header className="app-header">
      <div className="title-row">
        <div>
          <h1>
            eigenalign <span className="subtitle">High-dimensional SGD aligns with emerging outlier eigenspaces</span>
          </h1>
          <p className="cite">Ben Arous, Gheissari, Huang &amp; Jagannath (ICLR 2024) — an explorable</p>
        </div>
        <div className="header-tools">
          <span className="badge" data-testid="backend" title={badgeTitle}>
            {backend ? backend.reason : 'backend: choosing…'}
          </span>
          <button type="button" data-testid="copy-link" onClick={copy}>
            {copied || 'Copy link'}
          </button>
          {tools}
        </div>
      </div>
      <nav className="presets" aria-label="presets">
        <span className="presets-label">Presets:</span>
        {PRESET_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            data-preset={name}
            className={preset === name ? 'on' : ''}
            aria-pressed={preset === name}
            onClick={() => onPreset(name)}
          >
            {PRESETS[name].title}
          </button>
        ))}
        <a className="gallery-link" href="./gallery.html">
          Gallery
        </a>
        <a className="gallery-link" href="./essay.html">
          Essay
        </a>
      </nav>
      {preset && (
        <p className="caption" data-testid="caption">
          {PRESETS[preset].caption}
          {modified && <em> (settings modified from this preset)</em>}
        </p>
      )}
    </header>
  );
}

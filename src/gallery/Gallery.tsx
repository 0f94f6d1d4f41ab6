// The preset gallery: every preset with a thumbnail (a PNG rendered from the app itself by
// `npm run gallery:thumbs`, committed under public/gallery/), its caption, the settings it changes,
// and a link that reproduces it.
import { PRESETS, PRESET_NAMES, type PresetName } from '../state/presets';
import { SCHEMA, type ConfigKey } from '../state/schema';

/** The link a preset's card opens (relative: the build runs from any sub-path). */
export const presetHref = (name: PresetName) => `./?preset=${encodeURIComponent(name)}`;
export const thumbnailSrc = (name: PresetName) => `./gallery/${encodeURIComponent(name)}.png`;

function settings(name: PresetName): string {
  const config = PRESETS[name].config as Partial<Record<ConfigKey, unknown>>;
  const keys = Object.keys(config) as ConfigKey[];
  if (keys.length === 0) return 'the default settings';
  return keys.map((key) => `${(SCHEMA[key] as { symbol?: string }).symbol ?? key} = ${String(config[key])}`).join(', ');
}

export function Gallery() {
  return (
    <main className="gallery">
      <header>
        <h1>eigenalign — presets</h1>
        <p>
          Each card is one claim of <em>High-dimensional SGD aligns with emerging outlier eigenspaces</em> (Ben Arous,
          Gheissari, Huang &amp; Jagannath, ICLR 2024) set up to be seen. Open one to run it in your browser; the same
          link always gives the same numbers. <a href="./">Open the explorable</a> or{' '}
          <a href="./essay.html">read the guided essay</a>.
        </p>
      </header>
      <ul className="cards">
        {PRESET_NAMES.map((name) => (
          <li key={name} className="card" data-preset={name}>
            <a href={presetHref(name)} className="thumb" aria-label={`open preset ${PRESETS[name].title}`}>
              <img
                src={thumbnailSrc(name)}
                alt={`spectrum and alignment of the ${PRESETS[name].title} preset at the end of its run`}
                width={480}
                height={300}
                loading="lazy"
              />
            </a>
            <h2>
              <a href={presetHref(name)}>{PRESETS[name].title}</a>
            </h2>
            <p className="caption">{PRESETS[name].caption}</p>
            <p className="settings">Settings: {settings(name)}.</p>
          </li>
        ))}
      </ul>
    </main>
  );
}

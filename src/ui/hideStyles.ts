// ?hide=… as a style sheet. Only names from the schema's fixed HIDEABLE list reach here (validated in
// state/view.ts), and each maps to a fixed selector: no URL text ever becomes CSS or HTML.
import { CONFIG_KEYS } from '../state/schema';

const SELECTORS: Record<string, string> = {
  transport: '.transport, .embed-transport',
  presets: '.presets',
  caption: '.caption',
  sidebar: '.sidebar',
  title: '.panel > header h2',
  text: '.panel-sub',
  matrix: '[data-testid="matrix"]',
  block: '[data-testid="block"]',
  scale: '[data-testid="scale"]',
  plane: '[data-testid="plane"]',
  means: 'select[aria-label$="mean of the plane"]',
  export: '.export-tools, .open-run',
};

export function hideCss(names: readonly string[]): string {
  const rules: string[] = [];
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(SELECTORS, name))
      rules.push(`${SELECTORS[name]} { display: none !important; }`);
    else if ((CONFIG_KEYS as readonly string[]).includes(name))
      rules.push(
        `.param:has([data-key="${name}"]), .param:has([data-key-text="${name}"]) { display: none !important; }`,
      );
    if (name === 'sidebar') rules.push('.layout { grid-template-columns: minmax(0, 1fr) !important; }');
  }
  return rules.join('\n');
}

/** An embed shows only its panels (by data-testid="panel-<id>"), in the order asked for. */
export function embedCss(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  return [
    '.embed .panels > * { display: none !important; }',
    ...ids.map(
      (id, i) =>
        `.embed .panels > [data-testid="panel-${id}"] { display: flex !important; order: ${i}; grid-column: auto !important; }`,
    ),
  ].join('\n');
}

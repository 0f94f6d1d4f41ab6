// View state: how a run is shown. Changing any of these never restarts the run. A small schema of
// the same shape as SCHEMA (state/schema.ts), validated the same way (clamped, with notices).
import { modelInfo } from '../models/registry';
import { CONFIG_KEYS, MATRICES, type Config, type MatrixKind } from './schema';
import { showValue, type Notice } from './validate';

export const SCALES = ['log', 'linear'] as const;
export const PLANES = ['means', 'eigen'] as const;
/** Panels by id (?embed=…); a panel's <section> carries data-testid="panel-<id>". */
export const PANEL_IDS = ['spectrum', 'alignment', 'projection', 'neurons'] as const;
/** Controls that ?hide=… can hide: the chrome, the panel tools, and every config key's control. */
export const HIDEABLE = [
  'transport',
  'presets',
  'caption',
  'sidebar',
  'title',
  'text',
  'matrix',
  'block',
  'scale',
  'plane',
  'means',
  'export',
  ...CONFIG_KEYS,
] as const;
export const THEMES = ['light', 'dark', 'slides'] as const;
/** auto: the full app plays at once, an embed waits for play (a slide deck loads every iframe at once). */
export const AUTOPLAY = ['auto', '1', '0'] as const;
/** reveal: the embed sits in a reveal.js deck and runs only on the slide the deck shows. */
export const DECKS = ['none', 'reveal'] as const;

export type ScaleName = (typeof SCALES)[number];
export type PlaneName = (typeof PLANES)[number];
export type PanelId = (typeof PANEL_IDS)[number];
export type ThemeName = (typeof THEMES)[number];
export type AutoplayMode = (typeof AUTOPLAY)[number];
export type DeckMode = (typeof DECKS)[number];

export interface ViewKeySpec {
  /** list: a comma list of `values` (unknown items dropped with a notice; '' = none) */
  type: 'enum' | 'int' | 'number' | 'block' | 'list';
  default: number | string;
  values?: readonly string[];
  min?: number;
  max?: number;
  log?: boolean;
  symbol?: string;
  doc: string;
}

export const VIEW_SCHEMA = {
  matrix: {
    type: 'enum',
    values: MATRICES,
    default: 'H',
    doc: 'matrix shown in the spectrum panel: H (empirical Hessian) or G (gradient second moment)',
  },
  block: {
    type: 'block',
    default: 'class:0',
    doc: 'block shown in the spectrum panel (softmax: class:c, full; xor/mlp: layer1, layer1:i, layer2, full)',
  },
  scale: { type: 'enum', values: SCALES, default: 'log', doc: 'eigenvalue axis: log or linear' },
  plane: {
    type: 'enum',
    values: PLANES,
    default: 'means',
    doc: 'projection plane: two class means (pa, pb) or the top-2 eigenvectors of the selected block',
  },
  pa: { type: 'int', min: 0, max: 19, default: 0, doc: 'first mean of the projection plane' },
  pb: { type: 'int', min: 0, max: 19, default: 1, doc: 'second mean of the projection plane' },
  speed: {
    type: 'number',
    min: 0.05,
    max: 1,
    default: 1,
    log: true,
    doc: 'fraction of the worker’s time spent on SGD (1 = as fast as possible)',
  },
  embed: {
    type: 'list',
    values: PANEL_IDS,
    default: '',
    doc: 'embed mode: show only these panels (comma list), no chrome, filling the window (e.g. an iframe)',
  },
  hide: {
    type: 'list',
    values: HIDEABLE,
    default: '',
    doc: 'controls to hide (comma list): transport, presets, caption, sidebar, title, text, matrix, block, scale, plane, means, export, or a config key',
  },
  autoplay: {
    type: 'enum',
    values: AUTOPLAY,
    default: 'auto',
    doc: 'start playing at once: 1 yes, 0 no, auto = yes in the full app, no in an embed',
  },
  deck: {
    type: 'enum',
    values: DECKS,
    default: 'none',
    doc: 'reveal: the embed sits in a reveal.js deck; it starts its engine and plays only once the deck shows its slide (slide:start) and pauses when the slide is left (slide:stop)',
  },
  theme: {
    type: 'enum',
    values: THEMES,
    default: 'light',
    doc: 'light, dark, or slides (large type and thick lines, readable from the back of a room)',
  },
  theory: {
    type: 'int',
    min: 0,
    max: 1,
    default: 1,
    doc: 'theory layers beside the experiment: 1 shows, 0 hides the predicted bulk edge and density (generalised Marchenko–Pastur), the λ → ∞ outlier positions and the effective-dynamics ODE (d → ∞) curves',
  },
} as const satisfies Record<string, ViewKeySpec>;

export type ViewKey = keyof typeof VIEW_SCHEMA;

export interface ViewState {
  matrix: MatrixKind;
  block: string;
  scale: ScaleName;
  plane: PlaneName;
  pa: number;
  pb: number;
  speed: number;
  /** canonical comma list of PanelId ('' = the full app) */
  embed: string;
  /** canonical comma list of HIDEABLE names */
  hide: string;
  autoplay: AutoplayMode;
  deck: DeckMode;
  theme: ThemeName;
  /** 1: draw the theory layers, 0: hide them */
  theory: number;
}

export const VIEW_KEYS = Object.keys(VIEW_SCHEMA) as ViewKey[];

export function defaultView(): ViewState {
  const out: Record<string, unknown> = {};
  for (const key of VIEW_KEYS) out[key] = VIEW_SCHEMA[key].default;
  return out as unknown as ViewState;
}

/** The blocks a config's model tracks (the engine's model is authoritative; this predicts it for URLs). */
export function blockIds(config: Pick<Config, 'model' | 'k' | 'K' | 'full'>): string[] {
  return modelInfo(config.model).blockIds(config);
}

/** Number of distinct mean directions (k-GMM: k; XOR: μ and ν). */
export function meanCount(config: Pick<Config, 'model' | 'k'>): number {
  return modelInfo(config.model).meanNames(config).length;
}

const BLOCK_PATTERN = /^(class:\d{1,3}|full|layer1|layer1:\d{1,3}|layer2)$/;

function parseViewValue(
  key: ViewKey,
  raw: string,
): { ok: true; value: number | string } | { ok: false; reason: string; repaired: number | string } {
  const spec: ViewKeySpec = VIEW_SCHEMA[key];
  const text = raw.trim();
  if (spec.type === 'enum') {
    if (spec.values!.includes(text)) return { ok: true, value: text };
    return { ok: false, reason: `must be one of ${spec.values!.join('|')}`, repaired: spec.default };
  }
  if (spec.type === 'list') {
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const known = [...new Set(items.filter((item) => spec.values!.includes(item)))];
    const unknown = items.filter((item) => !spec.values!.includes(item));
    if (unknown.length === 0) return { ok: true, value: known.join(',') };
    const shown =
      unknown.slice(0, 3).map(showValue).join(', ') + (unknown.length > 3 ? ` and ${unknown.length - 3} more` : '');
    return {
      ok: false,
      reason: `items must be among ${spec.values!.join('|')}; unknown: ${shown}`,
      repaired: known.join(','),
    };
  }
  if (spec.type === 'block') {
    if (BLOCK_PATTERN.test(text)) return { ok: true, value: text };
    return {
      ok: false,
      reason: 'must be a block name (class:c, full, layer1, layer1:i, layer2)',
      repaired: spec.default,
    };
  }
  const range = `${spec.type === 'int' ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text))
    return { ok: false, reason: `must be ${range}`, repaired: spec.default };
  let num = Number(text);
  if (!Number.isFinite(num)) return { ok: false, reason: `must be ${range}`, repaired: spec.default };
  const clamped = Math.min(spec.max!, Math.max(spec.min!, spec.type === 'int' ? Math.round(num) : num));
  if (clamped !== num) return { ok: false, reason: `must be ${range}`, repaired: clamped };
  num = clamped;
  return { ok: true, value: num };
}

function isViewKey(key: string): key is ViewKey {
  return Object.prototype.hasOwnProperty.call(VIEW_SCHEMA, key);
}

/**
 * Reads the view keys among `entries` (other keys are ignored: the config layer reports unknown
 * ones), repairing bad values with notices, then checks them against the config (block exists,
 * plane means exist).
 */
export function viewFromEntries(
  entries: Iterable<[string, string]>,
  config: Config,
  base: ViewState = defaultView(),
): { view: ViewState; notices: Notice[] } {
  const view: ViewState = { ...base };
  const record = view as unknown as Record<string, unknown>;
  const notices: Notice[] = [];
  for (const [key, raw] of entries) {
    if (!isViewKey(key)) continue;
    const parsed = parseViewValue(key, raw);
    if (parsed.ok) record[key] = parsed.value;
    else {
      record[key] = parsed.repaired;
      const using = parsed.repaired === '' ? (key === 'embed' ? 'showing the whole app' : 'none') : parsed.repaired;
      notices.push({ key, message: `${key} ${parsed.reason}, got ${showValue(raw)}; using ${using}` });
    }
  }
  notices.push(...fitViewToConfig(view, config));
  return { view, notices };
}

/** Repairs view keys that name something the config does not have (in place); returns notices. */
export function fitViewToConfig(view: ViewState, config: Config): Notice[] {
  const notices: Notice[] = [];
  const blocks = blockIds(config);
  if (!blocks.includes(view.block)) {
    const fallback = blocks[0];
    notices.push({
      key: 'block',
      message: `block ${showValue(view.block)} does not exist for model=${config.model} (blocks: ${blocks.join(', ')}); using ${fallback}`,
    });
    view.block = fallback;
  }
  const means = meanCount(config);
  for (const key of ['pa', 'pb'] as const) {
    if (view[key] >= means) {
      const fallback = key === 'pa' ? 0 : Math.min(1, means - 1);
      notices.push({
        key,
        message: `${key} = ${view[key]} names mean ${view[key]}, but there are only ${means} means; using ${fallback}`,
      });
      view[key] = fallback;
    }
  }
  if (view.pa === view.pb) {
    const other = view.pa === 0 ? 1 : 0;
    notices.push({
      key: 'pb',
      message: `pa and pb are both ${view.pa}: a plane needs two different means; using pb = ${other}`,
    });
    view.pb = other;
  }
  return notices;
}

/** The panels an embed shows, in the order asked for ([] = not an embed). */
export function embedPanels(view: Pick<ViewState, 'embed'>): PanelId[] {
  return view.embed ? (view.embed.split(',') as PanelId[]) : [];
}

/** The controls ?hide= names. */
export function hiddenControls(view: Pick<ViewState, 'hide'>): string[] {
  return view.hide ? view.hide.split(',') : [];
}

/** Should a fresh run start playing? */
export function shouldAutoplay(view: Pick<ViewState, 'autoplay' | 'embed'>): boolean {
  return view.autoplay === '1' || (view.autoplay === 'auto' && view.embed === '');
}

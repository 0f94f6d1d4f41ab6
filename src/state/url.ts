// The whole app state in the URL query, with the CLI's key names: ?preset=…&d=…&lambda=…&matrix=G.
// Decoding repairs (clamps or defaults) every bad value and reports it as a notice; encoding writes
// the preset and only the keys that differ from it, so links stay short and readable.
import { CONFIG_KEYS, type Config } from './schema';
import { configFromEntries, showValue, type Notice } from './validate';
import { PRESET_NAMES, isPresetName, presetConfig, presetView, type PresetName } from './presets';
import { VIEW_KEYS, viewFromEntries, type ViewState } from './view';

export interface AppState {
  preset: PresetName | undefined;
  config: Config;
  view: ViewState;
}

export interface Decoded extends AppState {
  notices: Notice[];
}

const EXTRA_KEYS: ReadonlySet<string> = new Set<string>([...VIEW_KEYS, 'preset']);
/**
 * Config keys that the app's URL leaves to the view key of the same name (`theory`: in the app the run
 * always computes the theory and ?theory=0|1 only shows or hides it; the CLI's --theory decides
 * whether the run file carries it).
 */
const VIEW_OWNED: ReadonlySet<string> = new Set<string>(
  CONFIG_KEYS.filter((key) => (VIEW_KEYS as string[]).includes(key)),
);

export function decodeState(search: string): Decoded {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const entries = [...params.entries()];
  const notices: Notice[] = [];
  let preset: PresetName | undefined;
  const presetEntries = entries.filter(([key]) => key === 'preset');
  if (presetEntries.length > 0) {
    const raw = presetEntries[presetEntries.length - 1][1].trim();
    if (isPresetName(raw)) preset = raw;
    else
      notices.push({
        key: 'preset',
        message: `preset must be one of ${PRESET_NAMES.join('|')}, got ${showValue(raw)}; using the defaults`,
      });
  }
  const parsed = configFromEntries(
    entries.filter(([key]) => key !== 'preset' && !VIEW_OWNED.has(key)),
    'clamp',
    presetConfig(preset),
    EXTRA_KEYS,
  );
  notices.push(...parsed.notices);
  const { view, notices: viewNotices } = viewFromEntries(entries, parsed.config, presetView(preset));
  notices.push(...viewNotices);
  return { preset, config: parsed.config, view, notices };
}

export function encodeState(state: AppState): string {
  const params = new URLSearchParams();
  if (state.preset) params.set('preset', state.preset);
  const baseConfig = presetConfig(state.preset);
  for (const key of CONFIG_KEYS) {
    if (VIEW_OWNED.has(key)) continue;
    if (state.config[key] !== baseConfig[key]) params.set(key, String(state.config[key]));
  }
  const baseView = presetView(state.preset);
  for (const key of VIEW_KEYS) {
    if (state.view[key] !== baseView[key]) params.set(key, String(state.view[key]));
  }
  // ':' and ',' are legal in a query; keeping them makes block=class:0 and embed=spectrum,alignment readable.
  const text = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** Is the config exactly its preset's (for showing the preset caption as "modified")? */
export function matchesPreset(config: Config, preset: PresetName | undefined): boolean {
  const base = presetConfig(preset);
  return CONFIG_KEYS.every((key) => config[key] === base[key]);
}

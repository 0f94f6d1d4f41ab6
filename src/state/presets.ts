// Named presets (?preset=…): a partial config over the defaults, a default view, and one sentence
// that says what to look at.
import { defaultConfig, type Config } from './schema';
import { defaultView, type ViewState } from './view';

export interface Preset {
  title: string;
  caption: string;
  config: Partial<Config>;
  view: Partial<ViewState>;
}

export const PRESETS = {
  alignment: {
    title: 'Alignment (k-GMM, λ = 50)',
    caption:
      'Softmax regression on 4 Gaussian classes at λ = 50: within t ≈ 1 each class block of H and G grows k = 4 outliers above the bulk, and the alignment ‖P_top x‖/‖x‖ of every block climbs towards 1.',
    config: {},
    view: { matrix: 'H', block: 'class:0', scale: 'log' },
  },
  minibulk: {
    title: 'Mini-bulk (k = 10)',
    caption:
      'With k = 10 orthogonal means, block class:0 of H has one large outlier along μ_0 and a “mini-bulk” of k − 1 = 9 smaller outliers along the other means, all separated from the noise bulk: look at the density beside the spectrum.',
    config: { k: 10, d: 200, lambda: 200, beta: 0.001, T: 20, every: 400 },
    view: { matrix: 'H', block: 'class:0', scale: 'log' },
  },
  'low-snr': {
    title: 'Low signal-to-noise (λ = 0.5)',
    caption:
      'At λ = 0.5 a class spike has strength p_a·λ = 0.125, below the BBP threshold √γ = √(d/M) ≈ 0.71: no eigenvalue leaves the bulk, so there is no outlier eigenspace to align with and the alignment stays well below 1.',
    config: { lambda: 0.5 },
    view: { matrix: 'H', block: 'class:0', scale: 'linear' },
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}

export function presetConfig(name: PresetName | undefined): Config {
  return { ...defaultConfig(), ...(name ? (PRESETS[name].config as Partial<Config>) : {}) };
}

export function presetView(name: PresetName | undefined): ViewState {
  return { ...defaultView(), ...(name ? (PRESETS[name].view as Partial<ViewState>) : {}) };
}

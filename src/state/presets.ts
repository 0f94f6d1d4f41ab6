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
      'Softmax regression on 4 Gaussian classes at λ = 50: every class block of H has k = 4 outliers above the bulk from t = 0 on (they come from the class means in the data, not from training; G’s class blocks keep 3–4), and the alignment ‖P_out x‖/‖x‖ of every block with its outlier eigenspace climbs from ≈ 0.1 to ≥ 0.9 by t ≈ 10 (H) and 17.5 (G) (≈ 0.97 for H at t = 25).',
    config: {},
    view: { matrix: 'H', block: 'class:0', scale: 'log' },
  },
  minibulk: {
    title: 'Mini-bulk (k = 10)',
    caption:
      'Every class block of H has 10 outliers above the noise bulk from t = 0 on; as SGD learns, the one along the block’s own mean grows apart: at t = 20 class:0 has one outlier ≈ 0.025 along μ_0 and a “mini-bulk” of 9 along the other means (0.006–0.010), all above the edge ≈ 0.003.',
    config: { k: 10, d: 200, lambda: 200, beta: 0.001, T: 20, every: 400 },
    view: { matrix: 'H', block: 'class:0', scale: 'log' },
  },
  'low-snr': {
    title: 'Low signal-to-noise (λ = 0.5)',
    caption:
      'At λ = 0.5 a class spike has strength p_a·λ = 0.125, below the BBP threshold √γ = √(d/M) ≈ 0.71: no eigenvalue of any class block of H or G leaves the bulk at any time, so there is no outlier eigenspace to align with (the class blocks’ alignment is undefined: no line), and the classifier stays weak (test accuracy < 40 % at t = 25, chance is 25 %).',
    config: { lambda: 0.5 },
    view: { matrix: 'H', block: 'class:0', scale: 'linear' },
  },
  // Two-layer presets (docs/MATH.md §5 "Rank deficiency"). Seeds checked with the CLI (README, "Two-layer
  // networks"): at these settings seed 2 ends with −μ unserved (3 layer-2 outliers), seed 21 optimal.
  'xor-k4': {
    title: 'XOR, K = 4: rank deficiency',
    caption:
      'A 2-layer ReLU net of width K = 4 on the XOR mixture (λ = 1000, β = 0.1) whose seed fails: from t = 5 on its neurons serve +μ (two), +ν and −ν, none moves towards −μ (neuron view), so −μ is never classified (accuracy 75.5 %; the banner names it); the layer-2 block of H has 3 outliers from t = 25 on, not 4 (the rank deficiency of a sub-optimal classifier), with v inside their 3-dimensional span (alignment ≥ 0.999 at t = 100), while every neuron block layer1:i still aligns with its top-2 eigenvectors (≥ 0.99 from t = 35), its weights in span{μ, ν}.',
    config: { model: 'xor', K: 4, d: 100, lambda: 1000, beta: 0.1, T: 100, every: 500, full: false, seed: 2 },
    view: { matrix: 'H', block: 'layer2', scale: 'linear' },
  },
  'xor-k4-success': {
    title: 'XOR, K = 4: a seed that succeeds',
    caption:
      'The same net and data as “XOR, K = 4” with a seed that succeeds: from t = 5 on one neuron serves each of +μ, −μ, +ν, −ν (neuron view), every test point is classified correctly from t = 45 on, when the layer-2 block of H reaches 4 outliers, an outcome only 4!/4⁴ = 3/32 of seeds reach at K = 4 (BGJ22, λ → ∞; run the ensemble below to count).',
    config: { model: 'xor', K: 4, d: 100, lambda: 1000, beta: 0.1, T: 100, every: 500, full: false, seed: 21 },
    view: { matrix: 'H', block: 'layer2', scale: 'linear' },
  },
  'xor-wide': {
    title: 'XOR, K = 20: wide nets succeed',
    caption:
      'With K = 20 neurons every cluster almost surely gets some (λ → ∞ theory: 98.7 % of seeds; 64 of 64 seeds at these settings), so the layer-2 block of H ends with 4 outliers and v lies in their span (alignment ≥ 0.99 from t = 5), while the neuron blocks layer1:i align one by one as their neurons move: 11 of 20 are still below 0.9 at t = 20, the last passes it after t = 60, and by t = 100 all are above 0.99, even the 2 neurons that stay inactive in the neuron view.',
    config: { model: 'xor', K: 20, d: 100, lambda: 1000, beta: 0.1, T: 100, every: 500, full: false, seed: 1 },
    view: { matrix: 'H', block: 'layer2', scale: 'linear' },
  },
  mlp: {
    title: 'MLP on a k-GMM: per-layer alignment',
    caption:
      'A 2-layer ReLU net (K = 8, softmax over k = 4 classes, λ = 200) classifies every test point from t = 10 on while its neuron blocks layer1:i of H align one by one: 6 of the 8 pass 0.9 by t = 40 and are all ≥ 0.98 at t = 100; the block of neuron 1 passes 0.9 only at t = 80, and its 4 weak outliers barely clear β, so at t = 40, 70, 90 and 100 its outlier space is not resolved and its alignment is undefined (gaps in its line); neuron 7 dies (from t = 20 on its weights shrink towards 0 at the ridge’s rate, and at t = 100 its block layer1:7 of H is flat, every eigenvalue = β = 0.05) and has nothing to align with.',
    config: { model: 'mlp', k: 4, K: 8, d: 100, lambda: 200, beta: 0.05, T: 100, every: 1000, seed: 1 },
    view: { matrix: 'H', block: 'layer2', scale: 'log' },
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

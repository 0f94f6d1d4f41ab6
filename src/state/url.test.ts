import { describe, expect, it } from 'vitest';
import { defaultConfig } from './schema';
import { decodeState, encodeState, matchesPreset } from './url';
import { PRESETS, PRESET_NAMES, presetConfig, presetView } from './presets';
import { defaultView } from './view';

describe('url codec', () => {
  it('empty query gives the defaults with no notices', () => {
    const s = decodeState('');
    expect(s.config).toEqual(defaultConfig());
    expect(s.view).toEqual(defaultView());
    expect(s.preset).toBeUndefined();
    expect(s.notices).toEqual([]);
    expect(encodeState(s)).toBe('');
  });

  it('round-trips config and view keys with the CLI names', () => {
    const state = {
      preset: undefined,
      config: { ...defaultConfig(), d: 120, lambda: 7.5, cdelta: 0.25, seed: 42, backend: 'wasm' as const },
      view: { ...defaultView(), matrix: 'G' as const, block: 'full', scale: 'linear' as const, speed: 0.5 },
    };
    const query = encodeState(state);
    expect(query).toContain('d=120');
    expect(query).toContain('lambda=7.5');
    expect(query).toContain('block=full');
    const back = decodeState(query);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(state.config);
    expect(back.view).toEqual(state.view);
  });

  it('round-trips measureOn and gRidge; the defaults write nothing; bad values are repaired with a notice', () => {
    const state = {
      preset: undefined,
      config: { ...defaultConfig(), measureOn: 'recent' as const, gRidge: true },
      view: defaultView(),
    };
    const query = encodeState(state);
    expect(query).toBe('?measureOn=recent&gRidge=true');
    const back = decodeState(query);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(state.config);
    expect(decodeState('?gRidge=1').config.gRidge).toBe(true);
    expect(encodeState({ ...state, config: defaultConfig() })).toBe('');
    const bad = decodeState('?measureOn=everything');
    expect(bad.config.measureOn).toBe('test');
    expect(bad.notices.map((n) => n.message)).toEqual([
      'measureOn must be one of test|recent, got "everything"; using test',
    ]);
  });

  it('round-trips every preset, writing only the preset name', () => {
    for (const name of PRESET_NAMES) {
      const query = encodeState({ preset: name, config: presetConfig(name), view: presetView(name) });
      expect(query).toBe(`?preset=${name}`);
      const back = decodeState(query);
      expect(back.notices).toEqual([]);
      expect(back.config).toEqual(presetConfig(name));
      expect(back.view).toEqual(presetView(name));
      expect(matchesPreset(back.config, name)).toBe(true);
    }
  });

  it('keys given beside a preset override it and are kept on re-encoding', () => {
    const back = decodeState('?preset=minibulk&seed=7&scale=linear');
    expect(back.config.k).toBe(10);
    expect(back.config.seed).toBe(7);
    expect(back.view.scale).toBe('linear');
    expect(matchesPreset(back.config, 'minibulk')).toBe(false);
    expect(encodeState(back)).toBe('?preset=minibulk&seed=7&scale=linear');
  });

  it('clamps out-of-range values with a notice naming the key', () => {
    const s = decodeState('?d=999999&lambda=-3&speed=7');
    expect(s.config.d).toBe(8000);
    expect(s.config.lambda).toBe(0.01);
    expect(s.view.speed).toBe(1);
    const keys = s.notices.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['d', 'lambda', 'speed']));
    expect(s.notices.find((n) => n.key === 'd')!.message).toContain('8000');
  });

  it('reports unknown keys and a bad preset, and falls back to defaults', () => {
    const s = decodeState('?preset=nope&foo=1&<script>=x');
    expect(s.preset).toBeUndefined();
    expect(s.config).toEqual(defaultConfig());
    const keys = s.notices.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['preset', 'foo', '<script>']));
  });

  it('repairs a block the model does not have and an impossible plane', () => {
    const s = decodeState('?k=3&block=class:7&pa=5&pb=5');
    expect(s.view.block).toBe('class:0');
    expect(s.view.pa).toBe(0);
    expect(s.view.pb).toBe(1);
    expect(s.notices.map((n) => n.key)).toEqual(expect.arrayContaining(['block', 'pa', 'pb']));
    const xor = decodeState('?model=xor&block=class:0');
    expect(xor.view.block).toBe('layer1');
  });

  it('survives garbage', () => {
    for (const junk of [
      '?%%%',
      '?&&&=&=',
      '?d=0x10&k=abc&T=NaN&matrix=Q&scale=',
      '?' + 'a'.repeat(5000),
      '?lambda=1e400&beta=%00',
    ]) {
      const s = decodeState(junk);
      expect(s.config.d).toBeGreaterThanOrEqual(4);
      expect(Number.isFinite(s.config.lambda)).toBe(true);
      expect(['H', 'G']).toContain(s.view.matrix);
      for (const n of s.notices) expect(n.message.length).toBeLessThan(400);
    }
    expect(decodeState('?d=0x10&matrix=Q').notices.map((n) => n.key)).toEqual(['d', 'matrix']);
  });

  it('every preset caption is one sentence and every preset config is valid', () => {
    for (const name of PRESET_NAMES) {
      const { caption } = PRESETS[name];
      expect(caption.trim().endsWith('.')).toBe(true);
      expect(caption.split(/\.\s+[A-Z]/).length).toBe(1);
      const s = decodeState(`?preset=${name}`);
      expect(s.notices).toEqual([]);
    }
    // low-snr must sit below the BBP threshold p_a·λ < √γ (γ = d/M), alignment above it.
    const low = presetConfig('low-snr');
    const gamma = 1 / low.phi;
    expect(low.lambda / low.k).toBeLessThan(Math.sqrt(gamma));
    const hi = presetConfig('alignment');
    expect(hi.lambda / hi.k).toBeGreaterThan(Math.sqrt(1 / hi.phi));
  });
});

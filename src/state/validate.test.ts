import { describe, expect, it } from 'vitest';
import { defaultConfig, resolve, SCHEMA } from './schema';
import { ConfigError, configFromEntries, MAX_TEST_FLOATS, parseValue } from './validate';

describe('parseValue', () => {
  it('accepts in-range numbers and enum values', () => {
    expect(parseValue('d', '300')).toEqual({ ok: true, value: 300 });
    expect(parseValue('lambda', '1e2')).toEqual({ ok: true, value: 100 });
    expect(parseValue('model', 'softmax')).toEqual({ ok: true, value: 'softmax' });
  });
  it('rejects non-numbers, hex, empty, NaN, Infinity, non-integers with a repair', () => {
    for (const raw of ['abc', '0x10', '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '3,5']) {
      const parsed = parseValue('d', raw);
      expect(parsed.ok, raw).toBe(false);
      if (!parsed.ok) expect(parsed.repaired).toBe(SCHEMA.d.default);
    }
    const half = parseValue('d', '300.5');
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.repaired).toBe(301);
  });
  it('clamps out-of-range values to the nearest bound', () => {
    const low = parseValue('lambda', '-5');
    expect(low.ok).toBe(false);
    if (!low.ok) expect(low.repaired).toBe(SCHEMA.lambda.min);
    const high = parseValue('d', '1e9');
    if (!high.ok) expect(high.repaired).toBe(SCHEMA.d.max);
  });
});

describe('configFromEntries', () => {
  it('strict mode names the key, the range and the value', () => {
    expect(() => configFromEntries([['d', '-3']], 'strict')).toThrow(/d must be an integer in \[4, 8000\], got "-3"/);
    expect(() => configFromEntries([['bogus', '1']], 'strict')).toThrow(ConfigError);
    expect(() => configFromEntries([['model', 'cnn']], 'strict')).toThrow(/model must be one of softmax\|xor\|mlp/);
  });
  it('clamp mode repairs and reports every problem', () => {
    const { config, notices } = configFromEntries(
      [
        ['d', 'abc'],
        ['lambda', '1e12'],
        ['zzz', '<script>'],
      ],
      'clamp',
    );
    expect(config.d).toBe(SCHEMA.d.default);
    expect(config.lambda).toBe(SCHEMA.lambda.max);
    expect(notices.map((n) => n.key)).toEqual(['d', 'lambda', 'zzz']);
  });
  it('refuses d·M beyond the memory budget before anything is allocated', () => {
    expect(() =>
      configFromEntries(
        [
          ['d', '8000'],
          ['phi', '20'],
        ],
        'strict',
      ),
    ).toThrow(/memory budget/);
    const { config, notices } = configFromEntries(
      [
        ['d', '8000'],
        ['phi', '20'],
      ],
      'clamp',
    );
    expect(config.d * resolve(config).M).toBeLessThanOrEqual(MAX_TEST_FLOATS);
    expect(notices[0].key).toBe('phi');
  });
  it('checks the overlap against −1/(k−1)', () => {
    expect(() =>
      configFromEntries(
        [
          ['k', '4'],
          ['overlap', '-0.4'],
        ],
        'strict',
      ),
    ).toThrow(/overlap/);
    const { config } = configFromEntries(
      [
        ['k', '4'],
        ['overlap', '-0.4'],
      ],
      'clamp',
    );
    expect(config.overlap).toBeGreaterThan(-1 / 3);
  });
  it('defaults resolve to the issue preset: M = 2d, δ = 1/d, steps = T·d', () => {
    const r = resolve(defaultConfig());
    expect(r).toMatchObject({ M: 600, steps: 7500 });
    expect(r.delta).toBeCloseTo(1 / 300, 12);
  });
});

describe('measureOn and gRidge', () => {
  it('parse from text like every enum and bool key; bad values name the key, the choices and the value', () => {
    expect(
      configFromEntries(
        [
          ['measureOn', 'recent'],
          ['gRidge', '1'],
        ],
        'strict',
      ).config,
    ).toMatchObject({
      measureOn: 'recent',
      gRidge: true,
    });
    expect(defaultConfig()).toMatchObject({ measureOn: 'test', gRidge: false });
    expect(() => configFromEntries([['measureOn', 'train']], 'strict')).toThrow(
      /^measureOn must be one of test\|recent, got "train"$/,
    );
    expect(() => configFromEntries([['gRidge', 'yes']], 'strict')).toThrow(/^gRidge must be 0 or 1, got "yes"$/);
    const { config, notices } = configFromEntries(
      [
        ['measureOn', 'window'],
        ['gRidge', '2'],
      ],
      'clamp',
    );
    expect(config).toMatchObject({ measureOn: 'test', gRidge: false });
    expect(notices.map((n) => n.message)).toEqual([
      'measureOn must be one of test|recent, got "window"; using test',
      'gRidge must be 0 or 1, got "2"; using false',
    ]);
  });

  it('the recent window counts against the memory budget: a second set of d·M floats', () => {
    const d = 8000;
    const maxM = MAX_TEST_FLOATS / d; // 8000: fits once, not twice
    expect(
      configFromEntries(
        [
          ['d', String(d)],
          ['M', String(maxM)],
        ],
        'strict',
      ).config.M,
    ).toBe(maxM);
    expect(() =>
      configFromEntries(
        [
          ['d', String(d)],
          ['M', String(maxM)],
          ['measureOn', 'recent'],
        ],
        'strict',
      ),
    ).toThrow(
      /^2·d·M = 2·8000·8000 = 1\.28e\+8 floats exceeds the memory budget of 6\.40e\+7 with measureOn = recent .*\(M must be ≤ 4000 at d = 8000\)$/,
    );
    const { config } = configFromEntries(
      [
        ['d', String(d)],
        ['M', String(maxM)],
        ['measureOn', 'recent'],
      ],
      'clamp',
    );
    expect(config.M).toBe(4000);
    expect(2 * config.d * resolve(config).M).toBeLessThanOrEqual(MAX_TEST_FLOATS);
  });
});

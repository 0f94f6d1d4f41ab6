import { describe, expect, it } from 'vitest';
import { makeStream } from '../math/rng';
import { CONFIG_KEYS, SCHEMA } from '../state/schema';
import { ConfigError } from '../state/validate';
import { helpText, parseArgs } from './args';

describe('CLI arguments', () => {
  it('parses --key value and --key=value into the schema config', () => {
    const opts = parseArgs(['--d', '200', '--lambda=30', '--out', 'x.json', '--include-data', '--backend', 'cpu']);
    expect(opts.config).toMatchObject({ d: 200, lambda: 30, backend: 'cpu' });
    expect(opts.out).toBe('x.json');
    expect(opts.includeData).toBe(true);
  });
  it('accepts negative numbers as values', () => {
    expect(parseArgs(['--overlap', '-0.1']).config.overlap).toBe(-0.1);
  });
  it('one clear error for unknown keys, missing values, bad numbers', () => {
    expect(() => parseArgs(['--dd', '3'])).toThrow(/unknown option --dd/);
    expect(() => parseArgs(['--d'])).toThrow(/--d needs a value/);
    expect(() => parseArgs(['--d', 'abc'])).toThrow(/d must be an integer in \[4, 8000\], got "abc"/);
    expect(() => parseArgs(['run.json'])).toThrow(/unexpected argument/);
    expect(() => parseArgs(['--seeds', '0'])).toThrow(/seeds must be an integer/);
  });
  it('--help lists every key with range, default and meaning', () => {
    const help = helpText();
    for (const key of CONFIG_KEYS) {
      expect(help).toContain(`--${key}`);
      expect(help).toContain(SCHEMA[key].doc);
    }
  });
  it('fuzz: 1000 random/adversarial argument lists either parse to an in-range config or throw ConfigError', () => {
    const rng = makeStream(42, 'fuzz');
    const nasty = ['', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1f', '٣', '<script>alert(1)</script>', '\u0000', 'a'.repeat(5000), '1e-400', '--', '-', '=', '3=4', '🙂', '__proto__', 'constructor', 'toString'];
    const keys = [...CONFIG_KEYS, 'out', 'seeds', 'include-data', 'help', 'quiet', '__proto__', 'constructor', 'bogus', ''];
    for (let trial = 0; trial < 1000; trial++) {
      const argv: string[] = [];
      const n = rng.int(6);
      for (let a = 0; a < n; a++) {
        const key = keys[rng.int(keys.length)];
        const pick = rng.uniform();
        const value = pick < 0.4 ? nasty[rng.int(nasty.length)] : pick < 0.8 ? String((rng.uniform() - 0.3) * 10 ** rng.int(12)) : String(rng.int(100));
        if (rng.uniform() < 0.5) argv.push(`--${key}=${value}`);
        else argv.push(`--${key}`, value);
      }
      try {
        const { config } = parseArgs(argv);
        for (const key of CONFIG_KEYS) {
          const spec = SCHEMA[key];
          const v = config[key];
          if (spec.type === 'enum') expect((spec.values as readonly string[]).includes(v as string)).toBe(true);
          else if (spec.type === 'bool') expect(typeof v).toBe('boolean');
          else {
            expect(Number.isFinite(v)).toBe(true);
            expect(v as number).toBeGreaterThanOrEqual(spec.min);
            expect(v as number).toBeLessThanOrEqual(spec.max);
          }
        }
      } catch (err) {
        expect(err, JSON.stringify(argv).slice(0, 200)).toBeInstanceOf(ConfigError);
        expect((err as Error).message.split('\n')).toHaveLength(1);
        expect((err as Error).message.length).toBeLessThan(400);
      }
    }
  });
});

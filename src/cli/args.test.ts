import { describe, expect, it } from 'vitest';
import { configProblems, fuzzArgv, fuzzCases } from '../testing/adversarial';
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
  it('--trajectories goes with --seeds N (N ≥ 2)', () => {
    expect(parseArgs(['--seeds', '3', '--trajectories'])).toMatchObject({ seeds: 3, trajectories: true });
    expect(parseArgs(['--seeds', '3']).trajectories).toBe(false);
    expect(() => parseArgs(['--trajectories'])).toThrow(/--trajectories keeps per-seed trajectories .* --seeds N/);
    expect(() => parseArgs(['--trajectories=2', '--seeds', '2'])).toThrow(/takes no value/);
  });
  it('--help lists every key with range, default and meaning', () => {
    const help = helpText();
    for (const key of CONFIG_KEYS) {
      expect(help).toContain(`--${key}`);
      expect(help).toContain(SCHEMA[key].doc);
    }
  });
  it('fuzz: 1000 random/adversarial argument lists (shared generator) either parse to an in-range config or throw ConfigError', () => {
    let parsed = 0;
    for (const argv of fuzzCases(1000, 42, fuzzArgv)) {
      try {
        const { config } = parseArgs(argv);
        parsed++;
        expect(configProblems(config), JSON.stringify(argv).slice(0, 200)).toEqual([]);
      } catch (err) {
        expect(err, JSON.stringify(argv).slice(0, 200)).toBeInstanceOf(ConfigError);
        expect((err as Error).message.split('\n')).toHaveLength(1);
        expect((err as Error).message.length).toBeLessThan(400);
      }
    }
    // Both branches are exercised: some lists are valid (after the generator's in-range and enum values).
    expect(parsed).toBeGreaterThan(50);
    expect(parsed).toBeLessThan(950);
  });
});

describe('measureOn and gRidge flags', () => {
  it('--measureOn recent --gRidge 1 (and =forms) reach the config; bad values are one clear error', () => {
    expect(parseArgs(['--measureOn', 'recent', '--gRidge', '1']).config).toMatchObject({
      measureOn: 'recent',
      gRidge: true,
    });
    expect(parseArgs(['--measureOn=test', '--gRidge=false']).config).toMatchObject({
      measureOn: 'test',
      gRidge: false,
    });
    expect(() => parseArgs(['--measureOn', 'stream'])).toThrow(/measureOn must be one of test\|recent, got "stream"/);
    expect(() => parseArgs(['--gRidge', 'on'])).toThrow(/gRidge must be 0 or 1, got "on"/);
  });
});

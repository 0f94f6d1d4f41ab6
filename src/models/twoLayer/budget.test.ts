// The 2-layer memory budget: its top-j table agrees with the models' own blocks, an over-budget
// combination is refused (strict, CLI) with the reason before anything is allocated, and clamp mode
// (URL, sliders) lowers K until it fits.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, resolve, type Config } from '../../state/schema';
import { ConfigError, configFromEntries } from '../../state/validate';
import { modelEngine } from '../engines';
import { modelInfo } from '../registry';
import { mlpTwoLayerSize } from '../mlp/info';
import { xorTwoLayerSize } from '../xor/info';
import { MAX_OPERATOR_FLOATS, twoLayerBudget as budgetOfSize, twoLayerJ as jOfSize, type TwoLayerSize } from './budget';

const base = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });

// each 2-layer model's sizes, as its info hands them to the budget
const SIZES: Partial<Record<Config['model'], (c: Config) => TwoLayerSize>> = {
  xor: xorTwoLayerSize,
  mlp: mlpTwoLayerSize,
};
const size = (c: Config) => SIZES[c.model]!(c);
const twoLayerJ = (c: Config) => jOfSize(size(c));
const twoLayerBudget = (c: Config, M: number) => budgetOfSize(size(c), M);
const twoLayerBudgetProblem = (c: Config, M: number) => modelInfo(c.model).memoryProblem(c, M);
const createModel = (c: Config) => modelEngine(c.model).create(c);

describe('twoLayerJ', () => {
  it.each([
    { model: 'xor', d: 30, K: 4, k: 4, topj: 0 },
    { model: 'xor', d: 30, K: 1, k: 4, topj: 0 },
    { model: 'xor', d: 10, K: 3, k: 4, topj: 5 },
    { model: 'mlp', d: 30, K: 4, k: 3, topj: 0 },
    { model: 'mlp', d: 30, K: 2, k: 6, topj: 0 },
    { model: 'mlp', d: 12, K: 5, k: 4, topj: 7 },
  ] as const)('matches the blocks of %o', (patch) => {
    const config = base(patch);
    const blocks = createModel(config).blocks;
    const jOf = (id: string) => {
      const b = blocks.find((x) => x.id === id)!;
      return Math.min(config.topj > 0 ? config.topj : b.j, b.dim); // as the engine's solveAll
    };
    const j = twoLayerJ(config);
    expect(j.neuron).toBe(jOf('layer1:0'));
    expect(j.layer1).toBe(jOf('layer1'));
    expect(j.layer2).toBe(jOf('layer2'));
    expect(j.full).toBe(jOf('full'));
  });
});

describe('the 2-layer budget in validation', () => {
  // mlp, k = 20, K = 64: layer1 and full track k·min(k−1, K) = 380 and 760 directions, each with a K×d W part
  const heavy: [string, string][] = [
    ['model', 'mlp'],
    ['k', '20'],
    ['K', '64'],
    ['d', '300'],
  ];

  it('refuses an over-budget mlp in strict mode, naming K and the reason', () => {
    expect(() => configFromEntries(heavy, 'strict')).toThrow(ConfigError);
    try {
      configFromEntries(heavy, 'strict');
    } catch (err) {
      expect((err as ConfigError).key).toBe('K');
      expect((err as Error).message).toMatch(
        /2-layer H\/G operator at K = 64, d = 300, M = 600, k = 20 needs ~.* floats per checkpoint .* over the budget/,
      );
    }
    const config = base({ model: 'mlp', k: 20, K: 64, d: 300 });
    expect(twoLayerBudget(config, resolve(config).M).operatorFloats).toBeGreaterThan(MAX_OPERATOR_FLOATS);
  });

  it('clamp mode lowers K to the largest that fits and says so', () => {
    const { config, notices } = configFromEntries(heavy, 'clamp');
    expect(config.K).toBeLessThan(64);
    expect(config.K).toBeGreaterThanOrEqual(1);
    expect(twoLayerBudgetProblem(config, resolve(config).M)).toBeUndefined();
    expect(twoLayerBudgetProblem({ ...config, K: config.K + 1 }, resolve(config).M)).toBeDefined();
    expect(notices.some((n) => n.key === 'K' && /using K = \d+/.test(n.message))).toBe(true);
  });

  it('full=0 (no full block) makes the same mlp cheaper; the xor and softmax defaults fit', () => {
    const config = base({ model: 'mlp', k: 20, K: 64, d: 300 });
    const M = resolve(config).M;
    expect(twoLayerBudget({ ...config, full: false }, M).operatorFloats).toBeLessThan(
      twoLayerBudget(config, M).operatorFloats,
    );
    expect(twoLayerBudgetProblem(base({ model: 'xor', K: 64 }), 600)).toBeUndefined();
    expect(twoLayerBudgetProblem(base({}), 600)).toBeUndefined();
  });

  it('the CLI refuses it with one line and exit 2 (nothing allocated, nothing written)', () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const res = spawnSync(tsx, ['src/cli/experiment.ts', '--model', 'mlp', '--k', '20', '--K', '64', '--d', '300'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^error: the 2-layer H\/G operator at K = 64/);
    expect(res.stdout).toBe('');
  });
});

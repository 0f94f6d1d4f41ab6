// Each model's two halves agree: what the app predicts from the config alone (ModelInfo) is what the
// engine builds (ModelEngine), its summary schema describes the summary the math model writes, and its
// ODE state keeps the summary's keys in the summary's order (the run file's `ode` mirrors `summary`).
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sampleInto } from '../math/mixture';
import { makeStream } from '../math/rng';
import { defaultConfig, type Config } from '../state/schema';
import { modelEngine } from './engines';
import { findModelInfo, MODEL_NAMES, modelInfo, summarySchemaFor } from './registry';

const configs: Config[] = MODEL_NAMES.flatMap((model) => [
  { ...defaultConfig(), model, d: 12, k: 3, K: 2, lambda: 5 },
  { ...defaultConfig(), model, d: 9, k: 5, K: 4, lambda: 50, full: false },
]);

describe.each(configs)('$model at d = $d, k = $k, K = $K, full = $full', (config) => {
  const info = modelInfo(config.model);
  const engine = modelEngine(config.model);
  const mixture = engine.mixture(config, makeStream(1, 'means'));
  const model = engine.create(config);
  const params = model.init(makeStream(1, 'init'));

  it('info predicts the engine: block ids, clusters, mean names, cluster centres, parameter count', () => {
    expect(info.name).toBe(config.model);
    expect(model.name).toBe(config.model);
    expect(
      model.blocks
        .filter((b) => config.full || b.id !== 'full')
        .map((b) => b.id)
        .sort(),
    ).toEqual(info.blockIds(config).sort());
    expect(mixture.clusters).toBe(info.clusters(config));
    expect(new Set(mixture.labels).size).toBe(info.labels(config));
    expect(info.meanNames(config)).toHaveLength(mixture.meanCount);
    expect(info.clusterMeans(config)).toEqual(
      Array.from({ length: mixture.clusters }, (_, c) => [mixture.centreRow[c], mixture.centreSign[c]]),
    );
    if (info.clusterNames) expect(info.clusterNames).toHaveLength(mixture.clusters);
    expect(info.parameters.count(config)).toBeGreaterThanOrEqual(model.nParams);
  });

  it('unusedKeys names exactly the keys that change nothing in this model (the sliders say so)', () => {
    const shape = (c: Config) => {
      const m = modelEngine(c.model).mixture(c, makeStream(1, 'means'));
      return [m.clusters, m.meanCount, modelEngine(c.model).create(c).nParams];
    };
    for (const key of ['k', 'K'] as const) {
      const changes = JSON.stringify(shape({ ...config, [key]: config[key] + 1 })) !== JSON.stringify(shape(config));
      expect(Boolean(info.unusedKeys[key]), key).toBe(!changes);
    }
    expect(Boolean(info.unusedKeys.overlap)).toBe(!info.usesOverlap);
  });

  it('a stored sample’s cluster is recovered from its label and its overlaps with the means', () => {
    const rng = makeStream(2, 'samples');
    const y = new Float64Array(config.d);
    for (let n = 0; n < 40; n++) {
      const cluster = sampleInto({ ...mixture, lambda: 1e6 }, rng, y);
      const label = mixture.labels[cluster];
      const overlap = (row: number) => y.reduce((s, yi, i) => s + yi * mixture.means[row * config.d + i], 0);
      expect(info.clusterOfSample ? info.clusterOfSample.of(label, overlap) : label).toBe(cluster);
    }
  });

  it('the summary schema describes the summary exactly; every field has a human name', () => {
    const summary = model.summary(params, mixture);
    const schema = summarySchemaFor(config.model);
    expect(v.is(schema, summary)).toBe(true);
    expect(v.parse(schema, summary)).toEqual(summary);
    expect(Object.keys(v.parse(schema, summary))).toEqual(Object.keys(summary));
    expect(Object.keys(info.summaryNames).sort()).toEqual(Object.keys(summary).sort());
    // a summary of another model is refused
    const other = MODEL_NAMES.find((name) => !v.is(summarySchemaFor(name), summary));
    expect(other).toBeDefined();
  });

  it('the ODE state copies deeply, with the summary’s keys in order, and one step keeps the shapes', () => {
    const summary = model.summary(params, mixture);
    const ode = engine.theory({ ...config, cdelta: 1, mixture, testFractions: Array.from(mixture.priors) }).ode;
    if (!ode || 'unavailable' in ode) return expect(config.model).toBe('mlp');
    const copy = ode.copy(summary);
    expect(Object.keys(copy)).toEqual(Object.keys(summary));
    expect(copy).toEqual(summary);
    const first = Object.keys(copy)[0];
    (copy[first] as number[]).length = 0;
    expect((summary[first] as number[]).length).toBeGreaterThan(0);
    ode.begin(summary, summary);
    const next = ode.step(summary, 0.05);
    expect(Object.keys(next)).toEqual(Object.keys(summary));
    for (const key of Object.keys(summary))
      expect(JSON.stringify(next[key]).replace(/-?[\d.e+-]+/g, '0')).toBe(
        JSON.stringify(summary[key]).replace(/-?[\d.e+-]+/g, '0'),
      );
  });
});

describe('lookups', () => {
  it('findModelInfo knows the models and nothing else (no prototype keys)', () => {
    for (const name of MODEL_NAMES) expect(findModelInfo(name)).toBe(modelInfo(name));
    for (const name of ['toString', 'constructor', '__proto__', 'SOFTMAX', '', undefined, 3])
      expect(findModelInfo(name)).toBeUndefined();
  });

  it('a name that is no model throws a message naming it and the models, in both halves', () => {
    for (const name of ['toString', 'lasso']) {
      expect(() => modelInfo(name as never)).toThrow(
        new RegExp(`unknown model ${name} \\(one of softmax, xor, mlp\\)`),
      );
      expect(() => modelEngine(name as never)).toThrow(
        new RegExp(`unknown model ${name} \\(one of softmax, xor, mlp\\)`),
      );
    }
  });
});

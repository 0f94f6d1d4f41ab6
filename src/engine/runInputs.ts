// What a run computes on, built from its config alone (deterministic in the seed): the mixture, the
// model, the fixed test set and the tracked (matrix, block) list. Run builds them, and so does a solve
// share on another thread (share.ts): both then hold bit-identical data without shipping it.
import { sampleMany, type Mixture } from '../math/mixture';
import type { BlockSpec, Curvature, Model } from '../math/models/model';
import { withRidgeG } from '../math/models/ridgeG';
import { makeStream } from '../math/rng';
import { makeTestSet, type TestSet } from '../math/testSet';
import { modelEngine } from '../models/engines';
import { MATRICES, type Config, type MatrixKind } from '../state/schema';

export interface TrackedSpectrum {
  matrix: MatrixKind;
  block: BlockSpec;
}

export function buildMixture(config: Config): Mixture {
  return modelEngine(config.model).mixture(config, makeStream(config.seed, 'means'));
}

/** the M test samples of the "test" stream, as tensors on the active backend */
export function buildTestSet(config: Config, mixture: Mixture, M: number): TestSet {
  return makeTestSet(sampleMany(mixture, makeStream(config.seed, 'test'), M), config.d);
}

/**
 * The operator of one checkpoint on a sample set (the test set, or the recent window): the model's H and
 * G, with G's ridge terms when config.gRidge. The run and its solve share both build it here.
 */
export async function buildCurvature(
  model: Model,
  set: TestSet,
  params: Float32Array,
  config: Config,
  mixture: Mixture,
): Promise<Curvature> {
  const curvature = await model.curvature(set, params, config.beta, mixture);
  return config.gRidge ? withRidgeG(curvature, model.blocks, params, config.beta) : curvature;
}

export function buildModel(config: Config): Model {
  return modelEngine(config.model).create(config);
}

/** every (matrix, block) pair tracked, in run-file order: all blocks of H, then of G */
export function trackedSpectra(model: Model, config: Config): TrackedSpectrum[] {
  const blocks = model.blocks.filter((b) => config.full || b.id !== 'full');
  const tracked: TrackedSpectrum[] = [];
  for (const matrix of MATRICES) for (const block of blocks) tracked.push({ matrix, block });
  return tracked;
}

// The theory layer: closed-form and ODE predictions drawn beside the experiment (docs/THEORY.md).
// Pure TypeScript, DOM-free; every formula's source and assumptions are in its file's header.
export {
  bulkAtomMass,
  bulkDensity,
  bulkEdge,
  compressWeights,
  inverseStieltjes,
  marchenkoPasturDensity,
  marchenkoPasturSupport,
  upperEdgeCriticalPoint,
} from './weightedWishart';
export type { WeightAtoms, Weights } from './weightedWishart';
export { softmaxAtMeans, softmaxLimitOutliers } from './outliers';
export type { BlockOutliers } from './outliers';
export { blockSpikeOutliers, spikedWishartOutlier } from './spikedOutliers';
export type { SpikeOutlier } from './spikedOutliers';
export { xorLayer1Outliers, xorLayer2Outliers } from './xorOutliers';
export { integrateSoftmaxOde, softmaxMoments, softmaxOdeField } from './odeSoftmax';
export type { SoftmaxOdeOptions, SoftmaxOdeTrajectory } from './odeSoftmax';
export { integrateXorOde, xorOdeField } from './odeXor';
export type { XorOdeOptions, XorOdeTrajectory } from './odeXor';
export { gaussianPoints, inverseNormalCdf, semidefiniteCholesky } from './gaussianPoints';
export { integrateRk4 } from './rk4';
export type { Trajectory, VectorField, StepHook } from './rk4';
export { symmetricEigenvalues } from '../eigen/dense';

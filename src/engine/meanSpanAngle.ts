// The angle between each tracked block's top eigenspace and the class means' span lifted to the
// block's coordinates (docs/MATH.md §5, "Angle to span{μ}"): which blocks have such a span, and the
// record fields of one solve.
import type { BlockSpec, Model } from '../math/models/model';
import { principalAnglesToMeanSpan } from '../math/meanSpan';

/**
 * How many input-space slots the block's coordinates hold (its mean span is { e_c ⊗ μ_a : c < slots }),
 * or undefined where there is no mean span: the 2-layer `layer2` (hidden-unit coordinates) and the
 * 2-layer `full` (it includes them).
 */
export function meanSpanSlots(model: Model, block: BlockSpec, d: number): number | undefined {
  const twoLayer = model.blocks.some((b) => b.id === 'layer2');
  const stacked = /^(class:\d+|layer1|layer1:\d+)$/.test(block.id) || (block.id === 'full' && !twoLayer);
  if (!stacked || block.dim % d !== 0) return undefined;
  return block.dim / d;
}

export interface MeanSpanFields {
  /** every principal angle in degrees, ascending: min(r, slots·m) of them ([] with no outlier) */
  meanSpanAngles: number[];
  /** the largest of them; absent when there is none (no outlier: no space to measure) */
  meanSpanAngle?: number;
}

/**
 * The block's space is its outlier eigenspace: the top r = min(outliers, j) eigenvectors (the tracked
 * ones when every tracked eigenvalue is an outlier); r = 0 leaves no angle.
 */
export function meanSpanFields(
  vectors: Float64Array,
  j: number,
  outliers: number,
  basis: Float64Array[],
  slots: number,
): MeanSpanFields {
  const r = Math.min(outliers, j);
  const angles = principalAnglesToMeanSpan(vectors, r, basis, slots);
  // the run file has no nulls outside documented gaps: "no angle" is an absent field
  return angles.length
    ? { meanSpanAngle: angles[angles.length - 1], meanSpanAngles: angles }
    : { meanSpanAngles: angles };
}

// The two curvature matrices every model measures: H (Hessian of the test loss) and G (its gradient
// second-moment matrix), docs/MATH.md §4.
export const MATRICES = ['H', 'G'] as const;

export type MatrixKind = (typeof MATRICES)[number];

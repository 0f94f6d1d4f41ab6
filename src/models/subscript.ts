// Subscript digits for labels (μ₀, V₁ᵢ): the models name their means and fields with them.
const SUB = '₀₁₂₃₄₅₆₇₈₉';

export const sub = (n: number | string): string => String(n).replace(/\d/g, (c) => SUB[Number(c)]);

// Colours and type for every chart. Okabe–Ito (colour-blind safe) first, then Paul Tol's muted
// scheme for k > 7; black is kept for "full" blocks and references.
export interface Theme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  font: string;
  fontSize: number;
  palette: readonly string[];
}

export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C6D00'] as const;
const TOL_MUTED = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499'] as const;

export const theme: Theme = {
  fg: '#1d2330',
  muted: '#5f6b7a',
  grid: '#e6e9ef',
  bg: '#ffffff',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: 11,
  palette: [...OKABE_ITO, ...TOL_MUTED],
};

export function classColor(t: Theme, index: number): string {
  return t.palette[((index % t.palette.length) + t.palette.length) % t.palette.length];
}

/** Colour of a block: class:c / layer1:i by index, the aggregate blocks in fixed dark tones. */
export function blockColor(t: Theme, block: string): string {
  const match = /^(?:class|layer1):(\d+)$/.exec(block);
  if (match) return classColor(t, Number(match[1]));
  if (block === 'full') return '#111111';
  if (block === 'layer1') return '#6b4c9a';
  if (block === 'layer2') return '#7f7f7f';
  return t.muted;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
export const sub = (n: number | string): string => String(n).replace(/\d/g, (c) => SUB[Number(c)]);

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
  /** multiplies every stroke width (slides: thick lines readable from the back of a room) */
  lineScale: number;
  /** multiplies marker and point radii */
  pointScale: number;
  /** the strongest ink (the "full" block, references) */
  strong: string;
}

export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C6D00'] as const;
const TOL_MUTED = [
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
] as const;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const THEMES = {
  light: {
    fg: '#1d2330',
    muted: '#5f6b7a',
    grid: '#e6e9ef',
    bg: '#ffffff',
    font: FONT,
    fontSize: 11,
    palette: [...OKABE_ITO, ...TOL_MUTED],
    lineScale: 1,
    pointScale: 1,
    strong: '#111111',
  },
  // Okabe–Ito's blue is too dark on a dark ground: its sky blue goes first.
  dark: {
    fg: '#e3e7ee',
    muted: '#9aa5b4',
    grid: '#2c333d',
    bg: '#181c22',
    font: FONT,
    fontSize: 11,
    palette: ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00', '#b9a3ff', ...TOL_MUTED.slice(1)],
    lineScale: 1,
    pointScale: 1,
    strong: '#f5f7fa',
  },
  slides: {
    fg: '#000000',
    muted: '#2b313a',
    grid: '#c9ced6',
    bg: '#ffffff',
    font: FONT,
    fontSize: 20,
    palette: [...OKABE_ITO, ...TOL_MUTED],
    lineScale: 2.2,
    pointScale: 1.9,
    strong: '#000000',
  },
} as const satisfies Record<string, Theme>;

export type ThemeId = keyof typeof THEMES;

/**
 * The slides theme's type: no chart text is smaller than this (tick labels are em(t, 10) ≈ 18.2 px).
 * 18 px on a 960×540 figure is ≈ 1/30 of its height, about the size of body text on a projected slide,
 * readable from the back of a lecture hall.
 */
export const SLIDES_MIN_FONT_PX = 18;

/** The page's CSS theme class (the charts get their theme through React context, see ui/themeContext). */
export function applyThemeClass(name: ThemeId): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  for (const other of Object.keys(THEMES)) root.classList.toggle(`theme-${other}`, other === name);
}

/** Scales a length in the light theme's 11 px type to the theme's type size (margins, legend widths). */
export function em(t: Theme, px: number): number {
  return (px * t.fontSize) / 11;
}

export function classColor(t: Theme, index: number): string {
  return t.palette[((index % t.palette.length) + t.palette.length) % t.palette.length];
}

/** Colour of a block: class:c / layer1:i by index, the aggregate blocks in fixed dark tones. */
export function blockColor(t: Theme, block: string): string {
  const match = /^(?:class|layer1):(\d+)$/.exec(block);
  if (match) return classColor(t, Number(match[1]));
  if (block === 'full') return t.strong;
  if (block === 'layer1') return '#6b4c9a';
  if (block === 'layer2') return '#7f7f7f';
  return t.muted;
}

export { sub } from '../models/subscript';

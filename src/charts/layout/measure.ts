// Text widths for layout decisions. In the browser a canvas measures with the chart's own font; in
// Node (tests, exports rendered without a canvas) an estimate from a sans-serif's advance widths
// stands in, rounded up so that a layout computed from it never under-reserves space.

/** Width in px of `text` set in the chart's font at `fontSize` px. */
export type TextMeasure = (text: string, fontSize: number) => number;

// Advance widths in em of a system sans-serif (Helvetica, Arial, Roboto, DejaVu Sans lie within these).
const NARROW = new Set([..."iljtfrI.,:;'|!()[]{} "]);
const WIDE = new Set([...'mwMW@%']);
const SMALL = new Set([...'₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹']);

function advance(c: string): number {
  if (NARROW.has(c)) return 0.32;
  if (WIDE.has(c)) return 0.9;
  if (SMALL.has(c)) return 0.45;
  if (c >= '0' && c <= '9') return 0.58;
  if (c >= 'A' && c <= 'Z') return 0.7;
  if (c >= 'a' && c <= 'z') return 0.56;
  if (c === '…') return 1;
  if (c === '─' || c === '┄' || c === '◇' || c === '→' || c === '∞' || c === '‖') return 1;
  return 0.64;
}

export const estimateTextWidth: TextMeasure = (text, fontSize) => {
  let em = 0;
  for (const c of text) em += advance(c);
  return Math.ceil(em * fontSize * 1.04);
};

const canvasCache = new Map<string, TextMeasure>();

/** A canvas measure for `font` (a CSS font-family list), or the estimate where no 2-D canvas exists. */
export function measureFor(font: string): TextMeasure {
  const cached = canvasCache.get(font);
  if (cached) return cached;
  let measure: TextMeasure = estimateTextWidth;
  try {
    const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (ctx && typeof ctx.measureText === 'function' && ctx.measureText('mmmm').width > 0) {
      const widths = new Map<string, number>();
      measure = (text, fontSize) => {
        const key = `${fontSize}|${text}`;
        let width = widths.get(key);
        if (width === undefined) {
          ctx.font = `${fontSize}px ${font}`;
          width = Math.ceil(ctx.measureText(text).width) + 1;
          if (widths.size > 4000) widths.clear();
          widths.set(key, width);
        }
        return width;
      };
    }
  } catch {
    measure = estimateTextWidth;
  }
  canvasCache.set(font, measure);
  return measure;
}

/** Height of one line of text and where its baseline sits in it (fractions of the font size). */
export const LINE = { height: 1.25, ascent: 0.95, descent: 0.3 } as const;

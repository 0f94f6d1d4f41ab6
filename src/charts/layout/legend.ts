// A legend laid out in rows of swatch + label that wrap within a width; it sits outside the plotting
// area (in the top margin), so it can never cover a mark. `maxRows` caps it (compact: two rows) and
// entries that do not fit are counted in `dropped`.
import type { TextMeasure } from './measure';
import { LINE } from './measure';
import { truncate } from './fitText';

export interface LegendItemLayout {
  index: number;
  label: string;
  x: number;
  /** the row's vertical centre */
  y: number;
  width: number;
}

export interface LegendLayout {
  items: LegendItemLayout[];
  width: number;
  height: number;
  rows: number;
  dropped: number;
}

export function layoutLegend(
  labels: string[],
  maxWidth: number,
  fontSize: number,
  measure: TextMeasure,
  maxRows: number,
): LegendLayout {
  const swatch = fontSize * 1.6;
  const gap = fontSize * 0.9;
  const rowHeight = LINE.height * fontSize;
  const items: LegendItemLayout[] = [];
  let x = 0;
  let row = 0;
  let width = 0;
  let dropped = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = truncate(labels[i], maxWidth - swatch, fontSize, measure);
    const itemWidth = swatch + measure(label, fontSize);
    if (!label) {
      dropped++;
      continue;
    }
    if (x > 0 && x + itemWidth > maxWidth) {
      if (row + 1 >= maxRows) {
        dropped++;
        continue;
      }
      row++;
      x = 0;
    }
    items.push({ index: i, label, x, y: row * rowHeight + rowHeight / 2, width: itemWidth });
    width = Math.max(width, x + itemWidth);
    x += itemWidth + gap;
  }
  const rows = items.length ? row + 1 : 0;
  return { items, width, height: rows * rowHeight, rows, dropped };
}

/** One entry per row (a key beside a square plot). */
export function stackLegend(labels: string[], fontSize: number, measure: TextMeasure): LegendLayout {
  const swatch = fontSize * 1.6;
  const rowHeight = LINE.height * fontSize;
  const items = labels.map((label, index) => ({
    index,
    label,
    x: 0,
    y: index * rowHeight + rowHeight / 2,
    width: swatch + measure(label, fontSize),
  }));
  return {
    items,
    width: Math.max(0, ...items.map((i) => i.width)),
    height: labels.length * rowHeight,
    rows: labels.length,
    dropped: 0,
  };
}

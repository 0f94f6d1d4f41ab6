// Geometry of a rendered chart SVG without a layout engine (happy-dom, jsdom): the boxes of its texts
// from their attributes (position, anchor, font size, transforms up to the <svg>) and the estimate of
// layout/measure.ts, and points sampled on its data paths. For tests only.
import { textBox, type Anchor, type Box } from '../layout/box';
import { estimateTextWidth } from '../layout/measure';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function parseTransform(value: string | null): Matrix {
  let m = IDENTITY;
  if (!value) return m;
  for (const [, op, args] of value.matchAll(/(translate|rotate|scale)\(([^)]*)\)/g)) {
    const a = args
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (op === 'translate') m = multiply(m, [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0]);
    else if (op === 'scale') m = multiply(m, [a[0], 0, 0, a[1] ?? a[0], 0, 0]);
    else {
      const r = ((a[0] ?? 0) * Math.PI) / 180;
      m = multiply(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
    }
  }
  return m;
}

/** The transform from an element's coordinates to its <svg>'s. */
export function toSvg(el: Element): Matrix {
  const chain: Element[] = [];
  for (let node: Element | null = el; node && node.tagName.toLowerCase() !== 'svg'; node = node.parentElement)
    chain.unshift(node);
  return chain.reduce<Matrix>((m, node) => multiply(m, parseTransform(node.getAttribute('transform'))), IDENTITY);
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function inherited(el: Element, attr: string): string | null {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const v = node.getAttribute(attr);
    if (v !== null) return v;
    if (node.tagName.toLowerCase() === 'svg') break;
  }
  return null;
}

export function fontSizeOf(el: Element, fallback: number): number {
  const v = inherited(el, 'font-size');
  if (v !== null) return parseFloat(v);
  const svg = el.closest('svg');
  const css = svg?.getAttribute('style')?.match(/font-size:\s*([\d.]+)px/);
  return css ? Number(css[1]) : fallback;
}

export interface TextGeometry {
  text: string;
  box: Box;
  fontSize: number;
  el: Element;
}

export function textBoxes(svg: Element, fallbackFont = 11): TextGeometry[] {
  const out: TextGeometry[] = [];
  for (const el of svg.querySelectorAll('text')) {
    const text = el.textContent ?? '';
    if (!text.trim()) continue;
    const fs = fontSizeOf(el, fallbackFont);
    const anchor = (inherited(el, 'text-anchor') ?? 'start') as Anchor;
    const dy = el.getAttribute('dy');
    const dyPx = dy ? (dy.endsWith('em') ? parseFloat(dy) * fs : parseFloat(dy)) : 0;
    const x = Number(el.getAttribute('x') ?? 0);
    const y = Number(el.getAttribute('y') ?? 0) + dyPx;
    const local = textBox(text, x, y, fs, anchor, estimateTextWidth);
    const m = toSvg(el);
    const corners = [
      apply(m, local.x, local.y),
      apply(m, local.x + local.width, local.y),
      apply(m, local.x, local.y + local.height),
      apply(m, local.x + local.width, local.y + local.height),
    ];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    out.push({
      text,
      fontSize: fs,
      el,
      box: {
        x: Math.min(...xs),
        y: Math.min(...ys),
        width: Math.max(...xs) - Math.min(...xs),
        height: Math.max(...ys) - Math.min(...ys),
      },
    });
  }
  return out;
}

/** Points on a path (its vertices and points between them, every `step` px) or a line, in svg coordinates. */
export function samplePath(el: Element, step = 3): [number, number][] {
  const m = toSvg(el);
  let vertices: [number, number][][] = [];
  if (el.tagName.toLowerCase() === 'line') {
    vertices = [
      [
        [Number(el.getAttribute('x1')), Number(el.getAttribute('y1'))],
        [Number(el.getAttribute('x2')), Number(el.getAttribute('y2'))],
      ],
    ];
  } else {
    const d = el.getAttribute('d') ?? '';
    for (const part of d.split(/(?=M)/)) {
      const nums = part.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
      const run: [number, number][] = [];
      for (let i = 0; i + 1 < nums.length; i += 2) run.push([nums[i], nums[i + 1]]);
      if (run.length) vertices.push(run);
    }
  }
  const out: [number, number][] = [];
  for (const run of vertices) {
    for (let i = 0; i < run.length; i++) {
      out.push(apply(m, ...run[i]));
      const next = run[i + 1];
      if (!next) continue;
      const n = Math.floor(Math.hypot(next[0] - run[i][0], next[1] - run[i][1]) / step);
      for (let k = 1; k < n; k++)
        out.push(apply(m, run[i][0] + ((next[0] - run[i][0]) * k) / n, run[i][1] + ((next[1] - run[i][1]) * k) / n));
    }
  }
  return out;
}

/** The box of an element's own rect (x, y, width, height attributes) in svg coordinates. */
export function rectBox(el: Element): Box {
  const m = toSvg(el);
  const [x, y] = apply(m, Number(el.getAttribute('x') ?? 0), Number(el.getAttribute('y') ?? 0));
  return { x, y, width: Number(el.getAttribute('width')), height: Number(el.getAttribute('height')) };
}

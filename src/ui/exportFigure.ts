// A panel as a standalone figure: its charts (axes, legends, the canvas scatter) laid out as on the
// screen under the panel's title, as SVG (styles inlined, the canvas as an <image>) or PNG. At a chosen
// size (a slide's 1280×720, …) each chart is drawn again into its share of that size, so the figure
// gets the layout the chart picks for that box, not a scaled screenshot.
import type { Size } from '../charts/frame';
import { em, type Theme } from '../charts/theme';
import { chartRenderers } from './chartRenderers';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the computed style (so the file looks the same without the app's CSS). */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

export interface FigureParts {
  width: number;
  height: number;
  /** the figure without raster content (the canvases are listed in `rasters`) */
  svg: SVGSVGElement;
  rasters: { canvas: HTMLCanvasElement; x: number; y: number; width: number; height: number }[];
}

function inlineStyles(source: Element, target: Element): void {
  const from = [source, ...source.querySelectorAll('*')];
  const to = [target, ...target.querySelectorAll('*')];
  const drop: Element[] = [];
  from.forEach((node, i) => {
    const clone = to[i];
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') {
      if (i > 0) drop.push(clone);
      return;
    }
    const css = STYLE_PROPS.map((p) => [p, style.getPropertyValue(p)] as const)
      .filter(([, v]) => v !== '' && v !== 'normal' && v !== 'auto')
      .map(([p, v]) => `${p}:${v}`)
      .join(';');
    clone.setAttribute('style', css); // classes stay: they name the layers (legend, outlier, …) for whoever edits the file
  });
  for (const node of drop) node.remove();
}

interface Placed {
  box: HTMLElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The panel's chart boxes as placed on the screen (size undefined), or re-drawn into a detached host
 * with their rectangles stretched to fill `size` below the title (the host is returned for removal).
 */
function placeBoxes(
  panel: HTMLElement,
  head: number,
  size: Size | undefined,
): { placed: Placed[]; width: number; height: number; host?: HTMLElement } {
  const boxes = [...panel.querySelectorAll<HTMLElement>('.chart-box')].filter(
    (b) => b.offsetWidth > 0 && b.offsetHeight > 0,
  );
  if (boxes.length === 0) throw new Error('the panel has no chart to export');
  const rects = boxes.map((b) => b.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const unionW = Math.max(...rects.map((r) => r.right)) - left;
  const unionH = Math.max(...rects.map((r) => r.bottom)) - top;
  if (!size) {
    const placed = boxes.map((box, i) => ({
      box,
      x: Math.round(rects[i].left - left),
      y: Math.round(rects[i].top - top) + head,
      width: rects[i].width,
      height: rects[i].height,
    }));
    return { placed, width: Math.ceil(unionW), height: Math.ceil(unionH) + head };
  }
  const sx = size.width / unionW;
  const sy = (size.height - head) / unionH;
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-${size.width + 10000}px;top:0;width:${size.width}px;height:${size.height}px;pointer-events:none;`;
  host.setAttribute('aria-hidden', 'true');
  document.body.append(host);
  const placed = boxes.map((box, i) => {
    const x = Math.round((rects[i].left - left) * sx);
    const y = Math.round((rects[i].top - top) * sy);
    const width = Math.round((rects[i].right - left) * sx) - x;
    const height = Math.round((rects[i].bottom - top) * sy) - y;
    const copy = document.createElement('div');
    copy.className = 'chart-box';
    copy.style.cssText = `position:absolute;left:${x}px;top:${y}px;width:${width}px;height:${height}px;`;
    host.append(copy);
    const render = chartRenderers.get(box);
    if (!render) {
      host.remove();
      throw new Error('a chart of the panel has not been drawn yet');
    }
    render(copy, { width, height });
    return { box: copy, x, y: y + head, width, height };
  });
  return { placed, width: size.width, height: size.height, host };
}

/** Collects the panel's charts into one SVG (without raster content), at their screen size or at `size`. */
export function figureParts(panel: HTMLElement, title: string, summary: string, t: Theme, size?: Size): FigureParts {
  const head = Math.round(em(t, 26));
  const { placed, width, height, host } = placeBoxes(panel, head, size);

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-family', t.font);
  const titleNode = document.createElementNS(SVG_NS, 'title');
  titleNode.textContent = title;
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.textContent = summary;
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', t.bg);
  const heading = document.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', '8');
  heading.setAttribute('y', String(Math.round(head * 0.7)));
  heading.setAttribute('fill', t.fg);
  heading.setAttribute('font-size', String(em(t, 15)));
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  svg.append(titleNode, desc, bg, heading);

  const rasters: FigureParts['rasters'] = [];
  placed.forEach(({ box, x, y }, i) => {
    const canvas = box.querySelector<HTMLCanvasElement>('canvas.chart');
    if (canvas && canvas.width > 0)
      rasters.push({ canvas, x, y, width: canvas.offsetWidth, height: canvas.offsetHeight });
    const chart = box.querySelector<SVGSVGElement>('svg.chart');
    if (!chart) return;
    const clone = chart.cloneNode(true) as SVGSVGElement;
    inlineStyles(chart, clone);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(y));
    clone.style.removeProperty('position');
    clone.style.removeProperty('left');
    clone.style.removeProperty('top');
    // Ids (the arrowhead marker) made unique per chart, references rewritten to match.
    clone.querySelectorAll('[id]').forEach((node) => {
      const id = node.id;
      const unique = `c${i}-${id}`;
      node.id = unique;
      clone.querySelectorAll('*').forEach((el) => {
        for (const attr of ['marker-end', 'marker-start', 'clip-path', 'fill', 'href']) {
          const v = el.getAttribute(attr);
          if (v && v.includes(`#${id}`)) el.setAttribute(attr, v.replace(`#${id}`, `#${unique}`));
        }
      });
    });
    svg.append(clone);
  });
  host?.remove();
  return { width, height, svg, rasters };
}

/** The figure as an SVG document; canvas content embedded as PNG <image>s under the vector layer. */
export function figureSvg(panel: HTMLElement, title: string, summary: string, t: Theme, size?: Size): string {
  const parts = figureParts(panel, title, summary, t, size);
  const background = parts.svg.querySelector('rect');
  for (const r of parts.rasters) {
    const image = document.createElementNS(SVG_NS, 'image');
    image.setAttribute('x', String(r.x));
    image.setAttribute('y', String(r.y));
    image.setAttribute('width', String(r.width));
    image.setAttribute('height', String(r.height));
    image.setAttribute('href', r.canvas.toDataURL('image/png'));
    background!.after(image);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(parts.svg)}\n`;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the figure could not be rendered'));
    img.src = url;
  });
}

/** The figure as a PNG at `ratio` × its CSS size: canvases drawn first, the vector layer over them. */
export async function figurePng(
  panel: HTMLElement,
  title: string,
  summary: string,
  t: Theme,
  ratio = 2,
  size?: Size,
): Promise<Blob> {
  const parts = figureParts(panel, title, summary, t, size);
  const out = document.createElement('canvas');
  out.width = Math.round(parts.width * ratio);
  out.height = Math.round(parts.height * ratio);
  const ctx = out.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = t.bg;
  ctx.fillRect(0, 0, parts.width, parts.height);
  for (const r of parts.rasters) ctx.drawImage(r.canvas, r.x, r.y, r.width, r.height);
  parts.svg.querySelector('rect')!.setAttribute('fill', 'none'); // the canvases are under it
  const text = new XMLSerializer().serializeToString(parts.svg);
  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`);
  ctx.drawImage(img, 0, 0, parts.width, parts.height);
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

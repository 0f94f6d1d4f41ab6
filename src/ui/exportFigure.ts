// A panel as a standalone figure: its charts (axes, legends, the canvas scatter) laid out as on the
// screen under the panel's title, as SVG (styles inlined, the canvas as an <image>) or PNG at 2×.
import { em, type Theme } from '../charts/theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the computed style (so the file looks the same without the app's CSS). */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'paint-order',
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

/** Collects the panel's charts into one SVG (without raster content). */
export function figureParts(panel: HTMLElement, title: string, summary: string, t: Theme): FigureParts {
  const boxes = [...panel.querySelectorAll<HTMLElement>('.chart-box')].filter((b) => b.offsetWidth > 0 && b.offsetHeight > 0);
  const rects = boxes.map((b) => b.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const head = Math.round(em(t, 26));
  const width = Math.ceil(Math.max(...rects.map((r) => r.right)) - left);
  const height = Math.ceil(Math.max(...rects.map((r) => r.bottom)) - top) + head;

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
  boxes.forEach((box, i) => {
    const x = Math.round(rects[i].left - left);
    const y = Math.round(rects[i].top - top) + head;
    const canvas = box.querySelector<HTMLCanvasElement>('canvas.chart');
    if (canvas && canvas.width > 0) rasters.push({ canvas, x, y, width: canvas.offsetWidth, height: canvas.offsetHeight });
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
  return { width, height, svg, rasters };
}

/** The figure as an SVG document; canvas content embedded as PNG <image>s under the vector layer. */
export function figureSvg(panel: HTMLElement, title: string, summary: string, t: Theme): string {
  const parts = figureParts(panel, title, summary, t);
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
export async function figurePng(panel: HTMLElement, title: string, summary: string, t: Theme, ratio = 2): Promise<Blob> {
  const parts = figureParts(panel, title, summary, t);
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
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
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

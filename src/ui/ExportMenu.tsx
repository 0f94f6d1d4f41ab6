// Export: every panel on the page as SVG or PNG, the run as JSON (eigenalign.run/1) or CSV. A figure is
// its panel's charts as on the screen (PNG at 2×) or drawn again at a slide size (PNG at 1×, so the
// file is exactly that many pixels). The panels are found in the DOM, so a panel added later (neurons)
// is offered as soon as it is on the page (data-testid="panel-<id>").
import { useState } from 'react';
import type { Size } from '../charts/frame';
import type { Theme } from '../charts/theme';
import { PANEL_IDS } from '../state/view';
import { download, figurePng, figureSvg } from './exportFigure';

/** The sizes offered: the panel as on the screen, two 16:9 slides and a 4:3 one. */
export const EXPORT_SIZES = [
  { id: 'current', text: 'as on screen', size: undefined },
  { id: '1280x720', text: '1280 × 720 (16:9)', size: { width: 1280, height: 720 } },
  { id: '1920x1080', text: '1920 × 1080 (16:9)', size: { width: 1920, height: 1080 } },
  { id: '1024x768', text: '1024 × 768 (4:3)', size: { width: 1024, height: 768 } },
] as const satisfies readonly { id: string; text: string; size: Size | undefined }[];

export type ExportSizeId = (typeof EXPORT_SIZES)[number]['id'];

interface Props {
  /** the charts' theme (the figure is drawn in it) */
  theme: Theme;
  /** file names start with this (preset and seed) */
  baseName: string;
  onRunJson: () => void;
  onRunCsv: () => void;
  onError: (message: string) => void;
}

function panelNode(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="panel-${id}"]`);
}

function describe(node: HTMLElement, id: string): { title: string; summary: string } {
  const title = node.querySelector('h2')?.textContent?.trim() || id;
  const summary = node.querySelector('.panel-summary')?.textContent?.trim() || '';
  return { title: `eigenalign — ${title}`, summary };
}

export async function exportPanel(
  id: string,
  format: 'svg' | 'png',
  baseName: string,
  theme: Theme,
  sizeId: ExportSizeId = 'current',
): Promise<void> {
  const node = panelNode(id);
  if (!node) throw new Error(`the ${id} panel is not on the page`);
  const { title, summary } = describe(node, id);
  const size = EXPORT_SIZES.find((s) => s.id === sizeId)?.size;
  const name = `${baseName}-${id}${size ? `-${sizeId}` : ''}`;
  if (format === 'svg') download(`${name}.svg`, figureSvg(node, title, summary, theme, size), 'image/svg+xml');
  else download(`${name}.png`, await figurePng(node, title, summary, theme, size ? 1 : 2, size));
}

export function ExportMenu({ theme, baseName, onRunJson, onRunCsv, onError }: Props) {
  const [panels, setPanels] = useState<string[]>([]);
  const [sizeId, setSizeId] = useState<ExportSizeId>('current');
  const run = (fn: () => void | Promise<void>) => async () => {
    try {
      await fn();
    } catch (err) {
      onError(`export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <details
      className="export-tools menu"
      onToggle={(e) =>
        (e.currentTarget as HTMLDetailsElement).open && setPanels(PANEL_IDS.filter((id) => panelNode(id)?.offsetParent))
      }
    >
      <summary data-testid="export-menu">Export</summary>
      <div className="menu-body" role="group" aria-label="export">
        <label className="menu-row">
          <span>figure size</span>
          <select data-testid="export-size" value={sizeId} onChange={(e) => setSizeId(e.target.value as ExportSizeId)}>
            {EXPORT_SIZES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.text}
              </option>
            ))}
          </select>
        </label>
        {panels.map((id) => (
          <div className="menu-row" key={id}>
            <span>{id}</span>
            <button
              type="button"
              data-testid={`export-svg-${id}`}
              onClick={run(() => exportPanel(id, 'svg', baseName, theme, sizeId))}
            >
              SVG
            </button>
            <button
              type="button"
              data-testid={`export-png-${id}`}
              onClick={run(() => exportPanel(id, 'png', baseName, theme, sizeId))}
              title={sizeId === 'current' ? 'PNG at 2× pixel ratio' : `PNG of ${sizeId} pixels`}
            >
              {sizeId === 'current' ? 'PNG 2×' : 'PNG'}
            </button>
          </div>
        ))}
        <div className="menu-row">
          <span>run</span>
          <button
            type="button"
            data-testid="export"
            onClick={run(onRunJson)}
            title="the run file (eigenalign.run/1 JSON, with the data): re-opens here with Open run…, loads in Python or R"
          >
            JSON
          </button>
          <button type="button" data-testid="export-csv" onClick={run(onRunCsv)} title="one row per checkpoint × block">
            CSV
          </button>
        </div>
      </div>
    </details>
  );
}

// Export: every panel on the page as SVG or PNG (2×), the run as JSON (eigenalign.run/1) or CSV.
// The figures are read off the panels' DOM, so a panel added later (neurons) is offered as soon as
// it is on the page (data-testid="panel-<id>").
import { useState } from 'react';
import { theme } from '../charts/theme';
import { PANEL_IDS } from '../state/view';
import { download, figurePng, figureSvg } from './exportFigure';

interface Props {
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

export async function exportPanel(id: string, format: 'svg' | 'png', baseName: string): Promise<void> {
  const node = panelNode(id);
  if (!node) throw new Error(`the ${id} panel is not on the page`);
  const { title, summary } = describe(node, id);
  if (format === 'svg') download(`${baseName}-${id}.svg`, figureSvg(node, title, summary, theme), 'image/svg+xml');
  else download(`${baseName}-${id}.png`, await figurePng(node, title, summary, theme, 2));
}

export function ExportMenu({ baseName, onRunJson, onRunCsv, onError }: Props) {
  const [panels, setPanels] = useState<string[]>([]);
  const run = (fn: () => void | Promise<void>) => async () => {
    try {
      await fn();
    } catch (err) {
      onError(`export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <details className="export-tools menu" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setPanels(PANEL_IDS.filter((id) => panelNode(id)?.offsetParent))}>
      <summary data-testid="export-menu">Export</summary>
      <div className="menu-body" role="group" aria-label="export">
        {panels.map((id) => (
          <div className="menu-row" key={id}>
            <span>{id}</span>
            <button type="button" data-testid={`export-svg-${id}`} onClick={run(() => exportPanel(id, 'svg', baseName))}>
              SVG
            </button>
            <button type="button" data-testid={`export-png-${id}`} onClick={run(() => exportPanel(id, 'png', baseName))} title="PNG at 2× pixel ratio">
              PNG 2×
            </button>
          </div>
        ))}
        <div className="menu-row">
          <span>run</span>
          <button type="button" data-testid="export" onClick={run(onRunJson)} title="the run file (eigenalign.run/1 JSON, with the data): re-opens here with Open run…, loads in Python or R">
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

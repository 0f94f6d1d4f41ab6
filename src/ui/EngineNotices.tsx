// What the engine tells the user while a run goes on — a lost GPU backend replaced by another, a
// crashed Worker restarted — as dismissible text notices in a corner (never HTML; the messages may
// quote browser errors). Rendered beside <App> so every layout (full app, embed) shows them.
import { useState, useSyncExternalStore } from 'react';
import type { EngineClient } from './engineClient';
import './engineNotices.css';

export function EngineNotices({ client }: { client: EngineClient }) {
  const snapshot = useSyncExternalStore(client.subscribe, client.get);
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  const shown = (snapshot.notices ?? []).filter((n) => !dismissed.has(n.id));
  if (shown.length === 0) return null;
  return (
    <section className="notices engine-notices" role="status" aria-label="engine notices" data-testid="engine-notices">
      <ul>
        {shown.map((notice) => (
          <li key={notice.id} data-key={notice.key}>
            <strong>{notice.key}</strong>: {notice.message}
            <button
              type="button"
              className="dismiss"
              aria-label={`dismiss notice about ${notice.key}`}
              onClick={() => setDismissed((old) => new Set([...old, notice.id]))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// Dismissible notices about repaired input. Their text (which may quote the URL) is rendered as
// text only, never as HTML.
import type { Notice } from '../state/validate';

interface Props {
  notices: Notice[];
  onDismiss: (index: number) => void;
  onDismissAll: () => void;
}

export function Notices({ notices, onDismiss, onDismissAll }: Props) {
  if (notices.length === 0) return null;
  return (
    <section className="notices" role="status" aria-label="input notices" data-testid="notices">
      <ul>
        {notices.map((notice, i) => (
          <li key={`${i}-${notice.key}`} data-key={notice.key}>
            <strong>{notice.key}</strong>: {notice.message}
            <button
              type="button"
              className="dismiss"
              aria-label={`dismiss notice about ${notice.key}`}
              onClick={() => onDismiss(i)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {notices.length > 1 && (
        <button type="button" className="dismiss-all" onClick={onDismissAll}>
          Dismiss all
        </button>
      )}
    </section>
  );
}

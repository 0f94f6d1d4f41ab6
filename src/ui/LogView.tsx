import type { LogLine } from './engineClient';

export function LogView({ logs }: { logs: LogLine[] }) {
  const problems = logs.filter((l) => l.level !== 'info').length;
  return (
    <details className="log" data-testid="log">
      <summary>
        Log ({logs.length}
        {problems ? `, ${problems} warning${problems === 1 ? '' : 's'}` : ''})
      </summary>
      <ol>
        {logs.map((l, i) => (
          <li key={i} className={`log-${l.level}`}>
            {l.message}
          </li>
        ))}
      </ol>
    </details>
  );
}

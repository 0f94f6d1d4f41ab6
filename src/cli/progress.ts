// A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs).
import type { Progress } from '../engine/execute';

export function progressBar(stream: NodeJS.WriteStream) {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  const started = Date.now();
  return {
    update(p: Progress) {
      const fraction = p.total > 0 ? p.done / p.total : 1;
      const label = `${p.label} ${(fraction * 100).toFixed(0).padStart(3)}%  step ${p.step}  t=${p.time.toFixed(2)}  ${((Date.now() - started) / 1000).toFixed(1)}s`;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}  `);
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${label}\n`);
        }
      }
    },
    finish() {
      if (tty) stream.write('\n');
    },
  };
}

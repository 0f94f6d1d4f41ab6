// Text that must fit a width: broken into at most `maxLines` lines at spaces or after commas, and
// the last line shortened with an ellipsis only when the words themselves do not fit.
import type { TextMeasure } from './measure';

export function truncate(text: string, maxWidth: number, fontSize: number, measure: TextMeasure): string {
  if (measure(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  for (let n = chars.length - 1; n > 0; n--) {
    const candidate = `${chars.slice(0, n).join('').trimEnd()}…`;
    if (measure(candidate, fontSize) <= maxWidth) return candidate;
  }
  return '';
}

export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  measure: TextMeasure,
  maxLines: number,
): string[] {
  if (measure(text, fontSize) <= maxWidth || maxLines <= 1)
    return [truncate(text, maxWidth, fontSize, measure)].filter(Boolean);
  const words = text.split(/(?<=,) |(?<= ) (?=\S)| /).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (!line || measure(next, fontSize) <= maxWidth) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${lines.slice(maxLines - 1).join(' ')}`;
    lines.length = 0;
    lines.push(...kept);
  }
  return lines.map((l) => truncate(l, maxWidth, fontSize, measure)).filter(Boolean);
}

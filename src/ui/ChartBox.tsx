// A chart's shell: a sized box whose chart function redraws on data and size changes.
import type { Size } from '../charts/frame';
import { useChart } from './useChart';
import './figures.css';

interface Props<D> {
  draw: (container: HTMLElement, data: D, size: Size) => void;
  data: D;
  className?: string;
  label: string;
  testId?: string;
}

export function ChartBox<D>({ draw, data, className, label, testId }: Props<D>) {
  const ref = useChart(draw, data);
  return (
    <div ref={ref} className={`chart-box ${className ?? ''}`} role="img" aria-label={label} data-testid={testId} />
  );
}

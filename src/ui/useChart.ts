// A chart's React side: a container whose size is observed, and a draw call that runs in its own
// macrotask (one chart per task, coalesced), so a burst of frames never adds up to a long task.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Size } from '../charts/frame';
import { chartRenderers } from './chartRenderers';

const queue = new Map<object, () => void>();
const channel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : undefined;
let draining = false;
if (channel) {
  channel.port1.onmessage = () => {
    const next = queue.entries().next();
    if (next.done) {
      draining = false;
      return;
    }
    const [key, fn] = next.value;
    queue.delete(key);
    try {
      fn();
    } finally {
      channel.port2.postMessage(0); // the next chart in the next task
    }
  };
}

function scheduleDraw(key: object, fn: () => void): void {
  queue.set(key, fn);
  if (!channel) {
    fn();
    return;
  }
  if (!draining) {
    draining = true;
    channel.port2.postMessage(0);
  }
}

export function useChart<D>(draw: (container: HTMLElement, data: D, size: Size) => void, data: D) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const [key] = useState(() => ({}));
  // a draw that throws (in its own task, outside React) is re-thrown here, to the panel's error boundary
  const [failure, setFailure] = useState<{ error: unknown }>();
  if (failure) throw failure.error;
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((old) =>
        Math.abs(old.width - width) < 1 && Math.abs(old.height - height) < 1
          ? old
          : { width: Math.floor(width), height: Math.floor(height) },
      );
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const node = ref.current;
    if (node) chartRenderers.set(node, (container, at) => draw(container, data, at));
    if (!node || size.width < 20 || size.height < 20) return;
    scheduleDraw(key, () => {
      try {
        draw(node, data, size);
      } catch (error) {
        setFailure({ error });
      }
    });
  }, [draw, data, size, key]);
  useEffect(() => () => void queue.delete(key), [key]);
  return ref;
}

// The width of an element, followed with a ResizeObserver (a panel choosing its layout for its box).
import { useLayoutEffect, useRef, useState } from 'react';

export function useBoxWidth<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState<number>();
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) =>
      setWidth((old) =>
        old !== undefined && Math.abs(old - entry.contentRect.width) < 1 ? old : entry.contentRect.width,
      ),
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

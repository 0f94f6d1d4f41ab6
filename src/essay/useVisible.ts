// Whether an element is on screen (IntersectionObserver): figures compute only while visible.
import { useEffect, useState, type RefObject } from 'react';

export function useVisible(ref: RefObject<HTMLElement | null>, margin = '100px'): boolean {
  // without IntersectionObserver (old engines, print) every figure counts as visible
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setVisible(entry.isIntersecting), { rootMargin: margin });
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref, margin]);
  return visible;
}

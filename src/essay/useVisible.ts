// Whether an element is on screen (IntersectionObserver): figures compute only while visible.
import { useEffect, useState, type RefObject } from 'react';

export function useVisible(ref: RefObject<HTMLElement | null>, margin = '100px'): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(([entry]) => setVisible(entry.isIntersecting), { rootMargin: margin });
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref, margin]);
  return visible;
}

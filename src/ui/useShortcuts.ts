// Keyboard shortcuts: space play/pause, → step, r reset, ? the list of shortcuts. Never while the
// reader types or operates a control (inputs, selects, buttons, sliders keep their own keys).
import { useEffect, useLayoutEffect, useRef } from 'react';

export interface ShortcutHandlers {
  togglePlay: () => void;
  step: () => void;
  reset: () => void;
  help: () => void;
}

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Space', what: 'play / pause' },
  { keys: '→', what: 'step one checkpoint interval (when paused)' },
  { keys: 'r', what: 'reset: restart the run from step 0 (same seed, same numbers)' },
  { keys: '?', what: 'show these shortcuts' },
  { keys: 'Esc', what: 'close this list' },
  { keys: 'Tab', what: 'move between controls; sliders take ←/→, PageUp/PageDown, Home/End' },
];

/** Is the key meant for the element that has focus (typing, a control's own keys)? */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (
    target.closest(
      'input, textarea, select, button, summary, a[href], [contenteditable=""], [contenteditable="true"], [role="slider"], [role="radio"], [role="textbox"], dialog',
    )
  )
    return true;
  return false;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  // the latest handlers, read by the one listener below
  useLayoutEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (ownsKeys(e.target)) return;
      const h = current.current;
      if (e.key === ' ') h.togglePlay();
      else if (e.key === 'ArrowRight') h.step();
      else if (e.key === 'r' || e.key === 'R') h.reset();
      else if (e.key === '?') h.help();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

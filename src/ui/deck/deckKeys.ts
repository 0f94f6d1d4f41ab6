// Which keys an embed hands to the slide deck around it, and how. A presenter's keys and clicker
// (arrows, Space, PageUp/PageDown, Home/End, Esc, B / period / V for a blank screen) move the deck even
// after a click inside the figure. The figure keeps a key only when a control inside it has keyboard
// focus (reached with Tab: :focus-visible) and uses that key itself, or while text is typed, or while
// one of its menus or dialogs is open (Esc closes that first).
import type { DeckMethod } from '../embedMessaging';

/** reveal.js keyCodes for the keys a deck navigates with (its keyboard controller reads keyCode). */
const DECK_KEY_CODES: Record<string, number> = {
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
  ' ': 32,
  PageUp: 33,
  PageDown: 34,
  End: 35,
  Home: 36,
  Escape: 27,
  b: 66,
  B: 66,
  '.': 190,
  v: 86,
  V: 86,
};

export interface DeckCommand {
  method: DeckMethod;
  args?: number[];
}

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** The reveal.js call that does what this key does in the deck itself, or undefined (not a deck key). */
export function deckCommand(e: KeyLike): DeckCommand | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  // Shift+Space goes back; reveal's triggerKey carries no modifiers, so name the method.
  if (e.key === ' ' && e.shiftKey) return { method: 'prev' };
  if (e.shiftKey && e.key !== 'B' && e.key !== 'V') return undefined;
  const code = DECK_KEY_CODES[e.key];
  // triggerKey runs the deck's own key handling: its navigation mode, custom bindings and blank screen.
  return code === undefined ? undefined : { method: 'triggerKey', args: [code] };
}

/** Keys a focused control of this kind uses itself (when reached by keyboard). */
function controlKeys(el: Element): readonly string[] {
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (tag === 'input' && type === 'range')
    return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];
  if (tag === 'input' && (type === 'checkbox' || type === 'radio'))
    return [' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
  if (tag === 'select')
    return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' '];
  if (tag === 'button' || tag === 'summary' || (tag === 'a' && el.hasAttribute('href'))) return [' '];
  if (el.getAttribute('role') === 'slider')
    return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];
  return [];
}

function typesText(el: Element): boolean {
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || 'text').toLowerCase();
  if (tag === 'textarea' || (el as HTMLElement).isContentEditable) return true;
  return (
    tag === 'input' && !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color'].includes(type)
  );
}

/** Does the embed keep this key (a deliberate use of one of its own controls)? */
export function embedKeepsKey(key: string, focused: Element | null, doc: Pick<Document, 'querySelector'>): boolean {
  if (key === 'Escape' && doc.querySelector('details[open], dialog[open]')) return true;
  if (!focused || focused.tagName.toLowerCase() === 'body') return false;
  if (typesText(focused)) return true;
  let deliberate: boolean;
  try {
    deliberate = focused.matches(':focus-visible');
  } catch {
    deliberate = false; // an engine without :focus-visible: the deck gets the key
  }
  return deliberate && controlKeys(focused).includes(key);
}

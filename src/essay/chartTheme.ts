// The essay's chart theme: light or dark after the reader's system setting (the essay has no theme
// switch of its own). A copy of the chart palette, never the app's mutable theme object.
import { useEffect, useMemo, useState } from 'react';
import { THEMES, type Theme } from '../charts/theme';

const DARK = '(prefers-color-scheme: dark)';

export function themeFor(dark: boolean): Theme {
  const base = dark ? THEMES.dark : THEMES.light;
  return { ...base, palette: [...base.palette] };
}

export function useEssayTheme(): Theme {
  const query = typeof matchMedia === 'undefined' ? undefined : matchMedia(DARK);
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return useMemo(() => themeFor(dark), [dark]);
}

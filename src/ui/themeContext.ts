// The chart theme of the page, handed to every panel through React context (chosen by ?theme=).
import { createContext, useContext } from 'react';
import { THEMES, type Theme } from '../charts/theme';

export const ThemeContext = createContext<Theme>(THEMES.light);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

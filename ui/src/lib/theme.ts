// Theme preference: System (follows prefers-color-scheme), Light or Dark, kept in localStorage.
export type ThemePref = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'smpp-console.theme';
export const THEME_PREFS: readonly ThemePref[] = ['system', 'light', 'dark'];

export function parseThemePref(v: string | null | undefined): ThemePref {
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

export function resolveTheme(pref: ThemePref, systemDark: boolean): Theme {
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

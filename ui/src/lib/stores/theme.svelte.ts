// Applies the theme preference to <html data-theme> and keeps it in localStorage.
import { parseThemePref, resolveTheme, THEME_KEY, type Theme, type ThemePref } from '$lib/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readPref(): ThemePref {
  try {
    return parseThemePref(localStorage.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

class ThemeStore {
  pref = $state<ThemePref>(readPref());
  systemDark = $state(window.matchMedia?.(DARK_QUERY).matches ?? false);
  theme: Theme = $derived(resolveTheme(this.pref, this.systemDark));

  set(pref: ThemePref): void {
    this.pref = pref;
    try {
      localStorage.setItem(THEME_KEY, pref);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this session.
    }
  }

  /** Starts following the OS setting and writing data-theme on <html>. */
  start(): void {
    window.matchMedia?.(DARK_QUERY).addEventListener('change', (e) => {
      this.systemDark = e.matches;
    });
    $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.theme = this.theme;
        document.documentElement.style.colorScheme = this.theme;
      });
    });
  }
}

export const theme = new ThemeStore();

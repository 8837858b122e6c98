// Light and dark themes: the choice (light, dark or the system's) is a display preference, the only
// thing the dashboard keeps in localStorage. The theme is a data attribute on <html>; the stylesheet
// does the rest (no inline styles).
import { useEffect, useState, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const kKey = 'fg-theme';

function systemDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function useTheme(): { choice: ThemeChoice; dark: boolean; setChoice: (c: ThemeChoice) => void } {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => {
    const v = window.localStorage?.getItem(kKey);
    return v === 'light' || v === 'dark' ? v : 'system';
  });
  const sys = useSyncExternalStore(
    (f) => {
      const m = window.matchMedia?.('(prefers-color-scheme: dark)');
      m?.addEventListener('change', f);
      return () => m?.removeEventListener('change', f);
    },
    systemDark,
  );
  const dark = choice === 'dark' || (choice === 'system' && sys);
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [dark]);
  const setChoice = (c: ThemeChoice) => {
    if (c === 'system') window.localStorage?.removeItem(kKey);
    else window.localStorage?.setItem(kKey, c);
    setChoiceState(c);
  };
  return { choice, dark, setChoice };
}

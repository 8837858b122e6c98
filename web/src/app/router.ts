// A small client-side router over the History API: the path picks the page, the search part holds
// the page's state (the explorer's whole query), so every view has a URL that can be shared.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(f: () => void): () => void {
  listeners.add(f);
  window.addEventListener('popstate', f);
  return () => {
    listeners.delete(f);
    window.removeEventListener('popstate', f);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and search; re-renders on navigation. */
export function useLocation(): { path: string; search: string } {
  const s = useSyncExternalStore(subscribe, snapshot);
  const q = s.indexOf('?');
  return q < 0 ? { path: s, search: '' } : { path: s.slice(0, q), search: s.slice(q) };
}

/** Goes to `to` (a same-origin path with an optional search); `replace` keeps history short. */
export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const f of listeners) f();
  if (!replace) window.scrollTo?.(0, 0);
}

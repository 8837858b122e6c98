// Single-use tokens (invitations, password resets) arrive in the URL fragment (#token=...), which the
// browser never sends to a server or a Referer. The page reads it once and removes it from the
// address bar and history.
export function takeFragmentToken(): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  const token = m?.[1] ? decodeURIComponent(m[1]) : '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

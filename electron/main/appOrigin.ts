/**
 * Where the app's own pages come from, and which URLs count as "the app".
 *
 * The renderer build is served from a custom privileged scheme (`soa-app://studio/…`) rather than `file://`,
 * so the page gets a real, stable origin (IndexedDB is kept per origin), the `file://` extra privileges can be
 * turned off with a fuse, and every response carries our Content-Security-Policy header.
 *
 * Invariant: every check below parses the URL and compares scheme and host exactly. Never `includes()` or
 * `startsWith()` on the raw string: `soa-app://studio.evil/…` or `https://evil.example/?soa-app://studio`
 * must not pass. Note that WHATWG `URL.origin` is the opaque "null" for non-special schemes like ours, so
 * comparing `origin` strings would be wrong here (every opaque origin is "null").
 */

export const APP_SCHEME = 'soa-app';
export const APP_HOST = 'studio';
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Parses a URL, returning null instead of throwing on anything unparsable. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True when the URL is one of the app's own pages or assets (exact scheme and host, no credentials, no port). */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * The sender of an IPC message is trusted only when it is the window's main frame showing an app page.
 * `frameUrl` is `event.senderFrame.url`; `isMainFrame` is `senderFrame.parent === null`. A missing frame
 * (navigated away or destroyed) is untrusted.
 */
export function isTrustedSender(frame: { readonly url: string; readonly isMainFrame: boolean } | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url);
}

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/**
 * What may be handed to the operating system (`shell.openExternal`) when the page asks to open a link:
 * only http(s) URLs with a host and no embedded credentials, and mailto: addresses. Returns the
 * re-serialised URL to open (never the raw input), or null to refuse.
 */
export function externalUrlToOpen(raw: unknown): string | null {
  const url = parseUrl(raw);
  if (url === null || !EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') {
    // mailto:someone@example.org (several separated by commas); no second scheme, spaces or slashes.
    return /^[^\s:/\\@,]+@[^\s:/\\@,]+(,[^\s:/\\@,]+@[^\s:/\\@,]+)*$/.test(url.pathname) ? url.href : null;
  }
  // `https://evil.example@good` parses with username "evil.example": links with credentials are refused
  // outright, because what the user was shown is not where they would go.
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

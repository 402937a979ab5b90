/**
 * Serving the renderer build over the app scheme: which file a request maps to, and the headers every
 * response carries. Pure functions; `index.ts` wires them to `protocol.handle`.
 */
import path from 'node:path';
import { contentTypeForExtension } from '../../shared/web/contentTypes';
import { APP_HOST, APP_SCHEME, parseUrl } from './appOrigin';

/**
 * The Content-Security-Policy of every app page (sent as a response header; the renderer's meta tag is a
 * fallback for the browser version).
 * - Scripts only from the app itself: no inline script, no eval, no remote code.
 * - `style-src 'unsafe-inline'`: the rich-text editor (TipTap) injects its base stylesheet as a <style>
 *   element; style injection cannot run code, so this is the one relaxation.
 * - `connect-src`: the relay is chosen by the user at run time, so any https/wss host is allowed; plain
 *   http/ws only to this computer (a local relay), so the relay token never crosses a network in the clear.
 * - No plugins, no frames, no <base> rewriting, no form posts, and the app cannot be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers added to every response served over the app scheme. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

export function contentTypeFor(filePath: string): string {
  return contentTypeForExtension(path.extname(filePath));
}

export type AppRequest =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'refused'; readonly status: 400 | 404 };

/**
 * Maps an app-scheme request URL to a file under `rootDir` (the renderer's `dist/`). Anything that is not
 * our scheme and host, or whose decoded path would leave `rootDir` (`..`, encoded `%2e%2e`, backslashes,
 * NUL), is refused. `/` serves `index.html`; an extension-less path also serves `index.html` so client-side
 * routes survive a reload.
 */
export function resolveAppRequest(rawUrl: string, rootDir: string): AppRequest {
  const url = parseUrl(rawUrl);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') {
    return { kind: 'refused', status: 400 };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 400 };
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refused', status: 400 };
  const relative =
    segments.length === 0 || path.extname(segments[segments.length - 1] ?? '') === ''
      ? 'index.html'
      : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { kind: 'refused', status: 400 };
  return { kind: 'file', filePath };
}

/** Shown when the renderer has not been built (a development checkout): says what to run, nothing else. */
export const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>SOA Studio</title></head>
<body style="font-family: sans-serif; margin: 3rem; max-width: 40rem">
<h1>SOA Studio</h1>
<p>The app's pages have not been built yet. Run <code>npm run build:web</code> and start SOA Studio again.</p>
</body></html>`;

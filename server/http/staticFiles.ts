/**
 * Serves the renderer's web build (renderer/dist) so a browser gets the app from the relay itself. Only
 * files inside that folder are served (after resolving symbolic links); any other path that is not an API
 * path gets index.html, for the app's own routes, except under /assets/, where a missing file is a 404 (a
 * page of an older build asking for a chunk this build does not have gets a clear failure, not HTML). Every
 * answer carries a strict Content-Security-Policy. Text is sent gzipped to a browser that accepts it (a
 * rural line carries the first screen in a third of the time), compressed once per file version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptsGzip } from './acceptsGzip';
import { contentTypeForExtension } from '../../shared/web/contentTypes';

/**
 * Scripts, fonts, images and connections to this origin only; no plugins, framing or form posts. Inline
 * style attributes are allowed because the editor positions elements with them; inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

/** Files always fetched afresh: the page and the service worker, which name every hashed asset. */
const UNHASHED = new Set(['index.html', 'sw.js']);

/** Below this, gzip saves less than the header costs. */
const MIN_GZIP_BYTES = 1024;

function compressible(type: string): boolean {
  return (
    type.startsWith('text/') ||
    type.startsWith('application/json') ||
    type === 'image/svg+xml' ||
    type === 'application/manifest+json'
  );
}

export class StaticFiles {
  private readonly root: string;
  /** The gzipped bytes of each file served so, for as long as the file is unchanged. */
  private readonly gzipped = new Map<
    string,
    { readonly mtimeMs: number; readonly size: number; readonly bytes: Buffer }
  >();

  constructor(root: string) {
    this.root = fs.realpathSync(root);
  }

  /** Serves a GET or HEAD for a non-API path. */
  serve(request: IncomingMessage, response: ServerResponse, rawPath: string): void {
    const file = this.resolve(rawPath) ?? (rawPath.startsWith('/assets/') ? null : this.resolve('/index.html'));
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      response.end(
        rawPath.startsWith('/assets/')
          ? 'No such file in this build of the web app.'
          : 'The web app is not built on this relay.',
      );
      return;
    }
    const type = contentTypeForExtension(path.extname(file));
    const stat = fs.statSync(file);
    const headers = {
      'Content-Type': type,
      // Built assets have content hashes in their names; the page and the service worker must always be fetched afresh.
      'Cache-Control': UNHASHED.has(path.basename(file)) ? 'no-cache' : 'public, max-age=3600',
      Vary: 'Accept-Encoding',
      ...securityHeaders(),
    };
    if (compressible(type) && stat.size >= MIN_GZIP_BYTES && acceptsGzip(request)) {
      const bytes = this.gzipOf(file, stat);
      response.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': bytes.length });
      response.end(request.method === 'HEAD' ? undefined : bytes);
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': stat.size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    fs.createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  private gzipOf(file: string, stat: fs.Stats): Buffer {
    const cached = this.gzipped.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.bytes;
    const bytes = gzipSync(fs.readFileSync(file));
    this.gzipped.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, bytes });
    return bytes;
  }

  /** The real file for a URL path, only if it lies inside the root. */
  private resolve(rawPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const candidate = path.resolve(this.root, '.' + path.posix.normalize('/' + decoded));
    try {
      const real = fs.realpathSync(candidate);
      if (real !== this.root && !real.startsWith(this.root + path.sep)) return null;
      return fs.statSync(real).isFile() ? real : null;
    } catch {
      return null;
    }
  }
}

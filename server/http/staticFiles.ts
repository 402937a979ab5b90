/**
 * Serves the renderer's web build (renderer/dist) so a browser gets the app from the relay itself. Only
 * files inside that folder are served (after resolving symbolic links); any other path that is not an API
 * path gets index.html, for the app's own routes. Every answer carries a strict Content-Security-Policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export class StaticFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = fs.realpathSync(root);
  }

  /** Serves a GET or HEAD for a non-API path. */
  serve(request: IncomingMessage, response: ServerResponse, rawPath: string): void {
    const file = this.resolve(rawPath) ?? this.resolve('/index.html');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      response.end('The web app is not built on this relay.');
      return;
    }
    const type = contentTypeForExtension(path.extname(file));
    const size = fs.statSync(file).size;
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      // Built assets have content hashes in their names; index.html must always be fetched afresh.
      'Cache-Control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
      ...securityHeaders(),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    fs.createReadStream(file).on('error', () => response.destroy()).pipe(response);
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

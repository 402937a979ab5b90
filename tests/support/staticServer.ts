/**
 * A web server of the tests' own on a free loopback port: the files of a folder as they are (the e2e tests'
 * web build, the editor benchmarks' page), or whatever a test's handler answers (the relay's own web serving,
 * the desktop app's headers).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { contentTypeForExtension } from '../../shared/web/contentTypes';
import type { StaticFiles } from '../../server/http/staticFiles';

export interface StaticServer {
  /** http://127.0.0.1:port/ */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections (a browser's keep-alive would hold it open). */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port with `handler`. */
export async function listenOnLoopback(handler: RequestListener): Promise<StaticServer> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Answers a GET with the file under `folder` at the URL's path (`/` is index.html), or 404: nothing else. */
export function serveFolder(folder: string): RequestListener {
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(folder, path === '/' ? 'index.html' : path));
    if (!file.startsWith(folder) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': contentTypeForExtension(extname(file)) });
    response.end(readFileSync(file));
  };
}

/** The relay's own web serving (server/http/staticFiles.ts: gzip, cache headers, CSP) of the build `files()` gives, alone. */
export function serveAsTheRelay(files: () => StaticFiles): RequestListener {
  return (request, response) => files().serve(request, response, new URL(request.url ?? '/', 'http://x').pathname);
}

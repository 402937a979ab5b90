/**
 * What a browser must fetch before the first screen can show: index.html and what it names (the entry
 * script, its module preloads, the stylesheet). Chunks loaded on demand (the Word export, the sample
 * generator, the prose editor) and the export worker are not among them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstScreenFile {
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export function firstScreenFiles(dist: string): FirstScreenFile[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.?\/?([^"]+)"/g)].map(
    (match) => match[1] as string,
  );
  return ['index.html', ...named].map((path) => {
    const bytes = readFileSync(join(dist, path));
    return { path, bytes: statSync(join(dist, path)).size, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The source files bundled into the first screen's scripts, from their source maps. */
export function firstScreenSources(dist: string): string[] {
  return firstScreenFiles(dist)
    .filter((file) => file.path.endsWith('.js') && existsSync(join(dist, `${file.path}.map`)))
    .flatMap(
      (file) => (JSON.parse(readFileSync(join(dist, `${file.path}.map`), 'utf8')) as { sources: string[] }).sources,
    );
}

export function sumGzip(files: readonly FirstScreenFile[]): number {
  return files.reduce((total, file) => total + file.gzipBytes, 0);
}

/**
 * The browser version on a rural line (issue 19): what the first screen needs is at most 250 KB gzipped, so
 * the Word export (docx and the parts of shared/export that use it), the sample generator and the prose
 * editor must stay out of it (loaded on demand).
 * A static import of any of them from the first screen's code puts them back and fails this test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ensureWebBuild } from './harness';
import { firstScreenFiles, firstScreenSources, sumGzip } from './firstScreen';

const LIMIT_BYTES = 250 * 1024;

describe('the first screen of the web build', () => {
  // The build (or the wait for another file's build, which holds its lock) is set-up, as in every e2e file: in
  // the test itself it shared the test's 60 s with a loaded machine's vite build and timed out.
  beforeAll(() => ensureWebBuild(), 180_000);

  it('needs at most 250 KB gzipped, with the export, the sample generator and the editor left for later', () => {
    const files = firstScreenFiles(DIST);
    const total = sumGzip(files);
    console.log(
      files.map((file) => `${file.path}: ${(file.gzipBytes / 1024).toFixed(1)} KB gzipped`).join('\n'),
      `\ntotal ${(total / 1024).toFixed(1)} KB`,
    );
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
    // Each is its own chunk, fetched when first used (and precached by the service worker for offline use).
    // Helpers of shared/export that build no Word parts (labels, file names, the indicator era) may be
    // shared with the app; a module that imports docx may not.
    const buildsWord = (source: string): boolean =>
      /shared\/export\//.test(source) && /from 'docx'/.test(readFileSync(resolve(DIST, 'assets', source), 'utf8'));
    const onDemand = firstScreenSources(DIST).filter(
      (source) =>
        /node_modules\/(docx|@tiptap|prosemirror-[a-z]+)\/|shared\/sample\/|richtext\/RichTextEditor/.test(source) ||
        buildsWord(source),
    );
    expect(onDemand).toEqual([]);
  });
});

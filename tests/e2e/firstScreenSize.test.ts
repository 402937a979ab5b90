/**
 * The browser version on a rural line (issue 19): what the first screen needs is at most 250 KB gzipped, so
 * the Word export (docx), the sample generator and the prose editor must stay out of it (loaded on demand).
 * A static import of any of them from the first screen's code puts them back and fails this test.
 */
import { describe, expect, it } from 'vitest';
import { DIST, ensureWebBuild } from './harness';
import { firstScreenFiles, firstScreenSources, sumGzip } from './firstScreen';

const LIMIT_BYTES = 250 * 1024;

describe('the first screen of the web build', () => {
  it('needs at most 250 KB gzipped, with the export, the sample generator and the editor left for later', () => {
    ensureWebBuild();
    const files = firstScreenFiles(DIST);
    const total = sumGzip(files);
    console.log(files.map((file) => `${file.path}: ${(file.gzipBytes / 1024).toFixed(1)} KB gzipped`).join('\n'), `\ntotal ${(total / 1024).toFixed(1)} KB`);
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
    // Each is its own chunk, fetched when first used (and precached by the service worker for offline use).
    const onDemand = firstScreenSources(DIST).filter((source) => /node_modules\/(docx|@tiptap|prosemirror-[a-z]+)\/|shared\/sample\/|shared\/export\/(?!fileName|labels|sanitize|indicatorEra)|richtext\/RichTextEditor/.test(source));
    expect(onDemand).toEqual([]);
  });
});

/**
 * Seeded random rich text (any UTF-16 code unit, deep nesting, ragged tables with wild spans, empty nodes) in
 * every narrative section: the export must always finish and write parts with no XML-invalid character and
 * tables whose rows fill their grid. The seed is printed on failure; pin a failing one as a named case.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportSoaDocx } from '../../shared/export';
import { createRng } from '../support/random';
import {
  asId,
  assembleSoa,
  FrameDocument,
  NARRATIVE_KEYS,
  TEXT_LIMITS,
  type RichBlock,
  type RichInline,
  type RichText,
  type SoaId,
} from '../../shared/model';

function randomText(next: () => number): string {
  const length = Math.floor(next() * (next() < 0.05 ? 6000 : 60));
  let text = '';
  for (let index = 0; index < length; index++) {
    const pick = next();
    if (pick < 0.6) text += String.fromCharCode(32 + Math.floor(next() * 95));
    else if (pick < 0.7) text += String.fromCharCode(Math.floor(next() * 32));
    else if (pick < 0.8) text += String.fromCharCode(0xd800 + Math.floor(next() * 0x800));
    else if (pick < 0.9) text += String.fromCharCode(0x590 + Math.floor(next() * 0x200));
    else text += String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return text;
}

function randomInlines(next: () => number): RichInline[] {
  return Array.from({ length: Math.floor(next() * 4) }, () =>
    next() < 0.15
      ? { type: 'hardBreak' as const }
      : {
          type: 'text' as const,
          text: randomText(next) || 'x',
          marks: {
            ...(next() < 0.3 ? { bold: true as const } : {}),
            ...(next() < 0.2 ? { italic: true as const } : {}),
            ...(next() < 0.1 ? { link: `https://example.org/${randomText(next)}` } : {}),
          },
        },
  );
}

function randomBlocks(next: () => number, depth: number): RichBlock[] {
  return Array.from({ length: Math.floor(next() * 4) }, (): RichBlock => {
    const pick = depth > 5 ? 0 : next();
    if (pick < 0.4) return { type: 'paragraph', content: randomInlines(next) };
    if (pick < 0.5)
      return { type: 'heading', level: (1 + Math.floor(next() * 3)) as 1 | 2 | 3, content: randomInlines(next) };
    if (pick < 0.65)
      return {
        type: 'bulletList',
        items: Array.from({ length: Math.floor(next() * 3) }, () => ({ content: randomBlocks(next, depth + 1) })),
      };
    if (pick < 0.75)
      return {
        type: 'orderedList',
        start: Math.floor(next() * 5),
        items: Array.from({ length: Math.floor(next() * 3) }, () => ({ content: randomBlocks(next, depth + 1) })),
      };
    if (pick < 0.85) return { type: 'blockquote', content: randomBlocks(next, depth + 1) };
    return {
      type: 'table',
      rows: Array.from({ length: Math.floor(next() * 5) }, () => ({
        cells: Array.from({ length: Math.floor(next() * 5) }, () => ({
          header: next() < 0.3,
          colspan: 1 + Math.floor(next() * (next() < 0.1 ? 60 : 3)),
          rowspan: 1 + Math.floor(next() * 3),
          content: randomBlocks(next, depth + 1),
        })),
      })),
    };
  });
}

function snapshotWith(seed: number) {
  const next = createRng(seed).next;
  const frame = new FrameDocument(new Y.Doc());
  // The model refuses titles over their limit rather than cutting them, so the random ones are cut here.
  const title = () => randomText(next).slice(0, TEXT_LIMITS.title);
  frame.initialise({
    soaId: asId<SoaId>('soa-random'),
    title: title(),
    area: title(),
    partnershipName: title(),
    framework: 'npf-2011',
  });
  const content = frame.read();
  const narrative = Object.fromEntries(NARRATIVE_KEYS.map((key) => [key, randomBlocks(next, 0) as RichText]));
  return assembleSoa({ ...content, narrative: narrative as typeof content.narrative }, new Map());
}

describe('random rich text', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`exports a valid file (seed ${seed})`, async () => {
      const bytes = await exportSoaDocx(snapshotWith(seed), { scope: { kind: 'whole' }, generatedOn: '2013-03-28' });
      const zip = await JSZip.loadAsync(bytes);
      for (const name of Object.keys(zip.files).filter((file) => /\.(xml|rels)$/.test(file))) {
        const xml = await zip.file(name)!.async('string');
        expect(xml, `seed ${seed}, ${name}`).not.toMatch(
          /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
        );
      }
      const document = await zip.file('word/document.xml')!.async('string');
      const stack: { columns: number; rows: number[] }[] = [];
      for (const token of document.match(
        /<w:tbl>|<\/w:tbl>|<w:gridCol [^>]*\/>|<w:tr>|<w:tr [^>]*>|<w:tc>|<w:gridSpan w:val="\d+"\/>/g,
      ) ?? []) {
        const table = stack[stack.length - 1];
        if (token === '<w:tbl>') stack.push({ columns: 0, rows: [] });
        else if (token === '</w:tbl>') {
          const done = stack.pop()!;
          for (const width of done.rows) expect(width, `seed ${seed}: row width against grid`).toBe(done.columns);
        } else if (token.startsWith('<w:gridCol')) table!.columns++;
        else if (token.startsWith('<w:tr')) table!.rows.push(0);
        else if (token === '<w:tc>') table!.rows[table!.rows.length - 1]! += 1;
        else table!.rows[table!.rows.length - 1]! += Number(/\d+/.exec(token)![0]) - 1;
      }
    });
  }
});

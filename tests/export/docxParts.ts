/**
 * Helpers for the export tests: reading the parts of a .docx (it is a zip of XML files), walking the docx
 * object tree, converting a file to PDF with LibreOffice and reading the PDF back as text and page images.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Document } from 'docx';
import JSZip from 'jszip';
import { removeTempDir, tempDir } from '../support/tempDirs';

const run = promisify(execFile);

export interface DocxParts {
  readonly names: readonly string[];
  readonly document: string;
  readonly styles: string;
  readonly numbering: string;
  readonly core: string;
  readonly settings: string;
  readonly relationships: string;
  readonly app: string;
  readonly fontTable: string;
  readonly footers: readonly string[];
}

export async function readDocxParts(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  const footers = await Promise.all(names.filter((name) => /^word\/footer\d+\.xml$/.test(name)).map(read));
  return {
    names,
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    numbering: await read('word/numbering.xml'),
    core: await read('docProps/core.xml'),
    settings: await read('word/settings.xml'),
    relationships: await read('word/_rels/document.xml.rels'),
    app: await read('docProps/app.xml'),
    fontTable: await read('word/fontTable.xml'),
    footers,
  };
}

/** All matches of a regular expression's first group. */
export function allMatches(text: string, pattern: RegExp): string[] {
  return [
    ...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)),
  ].map((match) => match[1] ?? match[0]);
}

// ---- the object tree ----

/** A docx component as the tests see it: its XML element name, children and, for paragraphs, its options. */
export interface TreeNode {
  readonly rootKey?: string;
  readonly root?: unknown;
  readonly options?: Record<string, unknown>;
  readonly constructor: { readonly name: string };
}

/** The top-level body children (paragraphs, tables, the contents field) of a built document. */
export function bodyChildren(document: Document): TreeNode[] {
  return (document as unknown as { Document: { View: { Body: { root: TreeNode[] } } } }).Document.View.Body.root;
}

/** The section properties of a built document, in order. */
export function sectionProperties(document: Document): TreeNode[] {
  // docx keeps the last section's properties in `sections` and each earlier one against the paragraph that ends it.
  const body = (
    document as unknown as {
      Document: { View: { Body: { sections: TreeNode[]; sectionParagraphs: Map<unknown, TreeNode> } } };
    }
  ).Document.View.Body;
  return [...body.sectionParagraphs.values(), ...body.sections];
}

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'rootKey' in value;
}

/** Every node under `node` (itself included), depth first. */
export function* walk(node: unknown): Generator<TreeNode> {
  if (!isNode(node)) return;
  yield node;
  if (Array.isArray(node.root)) for (const child of node.root) yield* walk(child);
}

/** The text of a node: the strings of its w:t elements. */
export function textOf(node: unknown): string {
  let text = '';
  for (const child of walk(node)) {
    if (child.rootKey === 'w:t' && Array.isArray(child.root))
      for (const part of child.root) if (typeof part === 'string') text += part;
  }
  return text;
}

/** The value of the first attribute `key` (such as "w:val") on an element named `element` under `node`. */
export function attributeOf(node: unknown, element: string, key: string): string | undefined {
  for (const child of walk(node)) {
    if (child.rootKey !== element || !Array.isArray(child.root)) continue;
    for (const part of child.root) {
      if (isNode(part) && part.rootKey === '_attr' && typeof part.root === 'object' && part.root !== null) {
        for (const value of Object.values(part.root as Record<string, unknown>)) {
          if (typeof value === 'object' && value !== null && (value as { key?: string }).key === key)
            return String((value as { value: unknown }).value);
        }
      }
    }
  }
  return undefined;
}

// ---- LibreOffice ----

export interface PdfResult {
  readonly pdfPath: string;
  readonly text: string;
  readonly pages: number;
  readonly directory: string;
}

/** Converts a .docx to PDF with LibreOffice in a profile of its own (so parallel runs do not clash) and reads it back. */
export async function convertToPdf(bytes: Uint8Array, name: string): Promise<PdfResult> {
  const directory = tempDir(`soa-export-${name}-`);
  const docxPath = join(directory, `${name}.docx`);
  writeFileSync(docxPath, bytes);
  const profile = join(directory, 'lo-profile');
  await run(
    '/usr/bin/soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, docxPath],
    { timeout: 180_000 },
  );
  const pdfPath = join(directory, `${name}.pdf`);
  const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const { stdout: info } = await run('pdfinfo', [pdfPath]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  rmSync(profile, { recursive: true, force: true });
  return { pdfPath, text, pages, directory };
}

/** Saves pages of a PDF as PNGs under test-artifacts/export/ for a person to look at. Returns the file names. */
export async function savePageImages(pdfPath: string, prefix: string, pages: readonly number[]): Promise<string[]> {
  const out = join(process.cwd(), 'test-artifacts', 'export');
  mkdirSync(out, { recursive: true });
  const saved: string[] = [];
  const scratch = tempDir('soa-pages-');
  for (const page of pages) {
    await run('pdftoppm', ['-png', '-r', '50', '-f', String(page), '-l', String(page), pdfPath, join(scratch, 'page')]);
    const produced = readdirSync(scratch).find((file) => file.endsWith('.png'));
    if (!produced) continue;
    const target = join(out, `${prefix}-page-${String(page).padStart(3, '0')}.png`);
    renameSync(join(scratch, produced), target);
    saved.push(target);
  }
  removeTempDir(scratch);
  return saved;
}

/** Text for searching: bidi controls, joiners and variation selectors removed, whitespace collapsed. */
export function searchable(text: string): string {
  return text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFE0E\uFE0F\u00AD]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the PDF text shows `expected`: as a phrase for left-to-right text, word by word for text with
 * right-to-left script or emoji, whose order and clusters pdftotext does not keep.
 */
export function pdfShows(pdfText: string, expected: string): boolean {
  const haystack = searchable(pdfText);
  const needle = searchable(
    expected.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[\uD800-\uDFFF]/g, ' '),
  );
  if (haystack.includes(needle)) return true;
  const words = needle.split(' ').filter((word) => word.length > 0);
  return words.length > 0 && words.every((word) => haystack.includes(word));
}

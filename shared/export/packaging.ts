/**
 * The last step of the export: the zip the `docx` package wrote, made the same bytes for the same SOA and
 * export date, and completed where `docx` leaves parts empty.
 *
 * `docx` gives hyperlinks random relationship ids, numbers bookmarks from counters that run on across
 * documents in one process, stamps the core properties and every zip entry with the current time, and
 * writes an empty app.xml and font table. Here the ids are renumbered in document order, every date is the
 * export date, and the application, the language (en-GB) and the font are written in, so two exports of one
 * SOA on one date are byte-identical (a file can be compared and cached) and Word's accessibility checker
 * finds the document's language.
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { renumberChartIds } from './chartIds';
import { contentsAsWritten } from './contentsEntries';
import { restampZip } from './zipTimes';

export interface PackageFacts {
  /** ISO date of the export (yyyy-mm-dd): the document's created and modified dates and every entry's time. */
  readonly generatedOn: string;
  /** The organisation, for app.xml's Company. */
  readonly company: string;
}

export const APPLICATION_NAME = 'SOA Studio';
export const DOCUMENT_LANGUAGE = 'en-GB';

const DOCUMENT = 'word/document.xml';
const DOCUMENT_RELATIONSHIPS = 'word/_rels/document.xml.rels';

/** A package's parts by path, in zip order: XML as text, anything else as bytes. */
export type Parts = Map<string, string | Uint8Array>;

/** docx's compiler, which Packer zips from; not in docx's types, so looked up with care. */
type Compile = (file: Document) => Map<string, unknown>;

function compilerOf(): Compile | null {
  const compiler = (Packer as unknown as { compiler?: { compile?: unknown } }).compiler;
  return compiler && typeof compiler.compile === 'function'
    ? (file) => (compiler.compile as Compile).call(compiler, file)
    : null;
}

/**
 * Packs `document` into .docx bytes as described in the module comment. The parts are taken from docx's
 * compiler before they are zipped, so they are zipped once; a docx without that compiler is packed and
 * unzipped again.
 */
export async function packDocument(
  document: Document,
  facts: PackageFacts,
  addParts?: (parts: Map<string, string | Uint8Array>) => void,
): Promise<Uint8Array> {
  const parts = await compileParts(document);
  // Extra parts (the review copy's comments) go in before the one zipping.
  addParts?.(parts);
  return finishParts(parts, facts);
}

/** The package's parts as docx writes them, before finishParts (the tracked-changes export edits them between). */
export async function compileParts(document: Document): Promise<Parts> {
  const compile = compilerOf();
  const parts: Parts = new Map();
  if (compile) {
    for (const [name, data] of compile(document)) {
      if (typeof data === 'string' || data instanceof Uint8Array) parts.set(name, data);
      else if (ArrayBuffer.isView(data)) parts.set(name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      else if (data instanceof ArrayBuffer) parts.set(name, new Uint8Array(data));
      else throw new Error(`The Word library gave part ${name} in a form the export cannot write.`);
    }
  } else {
    for (const [name, data] of Object.entries(unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)))))
      parts.set(name, data);
  }
  return parts;
}

/** Rewrites a packed .docx as described in the module comment. */
export function finishPackage(bytes: Uint8Array, facts: PackageFacts): Uint8Array {
  const parts: Parts = new Map(Object.entries(unzipSync(bytes)));
  return finishParts(parts, facts);
}

export function finishParts(parts: Parts, facts: PackageFacts): Uint8Array {
  const textOf = (name: string): string | undefined => {
    const data = parts.get(name);
    return data === undefined ? undefined : typeof data === 'string' ? data : strFromU8(data);
  };
  const edit = (name: string, change: (xml: string) => string) => {
    const xml = textOf(name);
    if (xml !== undefined) parts.set(name, change(xml));
  };

  // Native charts (the Annual Report) carry random relationship ids and process-wide drawing ids.
  renumberChartIds(
    { get: textOf, set: (name, xml) => parts.set(name, xml), names: () => [...parts.keys()] },
    DOCUMENT,
    DOCUMENT_RELATIONSHIPS,
  );
  const renamed = renumberHyperlinks(textOf(DOCUMENT) ?? '', textOf(DOCUMENT_RELATIONSHIPS) ?? '');
  if (parts.has(DOCUMENT)) parts.set(DOCUMENT, contentsAsWritten(renumberBookmarks(renamed.document)));
  if (parts.has(DOCUMENT_RELATIONSHIPS)) parts.set(DOCUMENT_RELATIONSHIPS, renamed.relationships);

  const stamp = `${dateOnly(facts.generatedOn)}T00:00:00Z`;
  edit('docProps/core.xml', (xml) => coreProperties(xml, stamp));
  if (parts.has('docProps/app.xml')) parts.set('docProps/app.xml', appProperties(facts.company));
  edit('word/fontTable.xml', fontTable);

  // DOS times are local: a local-time date gives the same fields whatever the machine's time zone.
  const [year, month, day] = dateOnly(facts.generatedOn).split('-').map(Number) as [number, number, number];
  const mtime = new Date(year, month - 1, day, 12, 0, 0);
  // A chart's embedded workbook is itself a zip stamped with the time it was written.
  for (const [name, data] of parts) {
    if (/^word\/embeddings\/[^/]+\.xlsx$/.test(name) && data instanceof Uint8Array)
      parts.set(name, restampZip(data, mtime));
  }
  const zippable: Zippable = {};
  for (const [name, data] of parts) zippable[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime }];
  return zipSync(zippable, { level: 6, mtime });
}

function dateOnly(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '2000-01-01';
}

/** Hyperlink relationships renamed rIdLink1, rIdLink2, ... in the order the document first uses them. */
function renumberHyperlinks(document: string, relationships: string): { document: string; relationships: string } {
  const hyperlinkIds = new Set<string>();
  for (const match of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
    const element = match[0];
    if (!element.includes('/relationships/hyperlink"')) continue;
    const id = /\bId="([^"]+)"/.exec(element)?.[1];
    if (id) hyperlinkIds.add(id);
  }
  if (hyperlinkIds.size === 0) return { document, relationships };
  const names = new Map<string, string>();
  for (const match of document.matchAll(/r:id="([^"]+)"/g)) {
    const id = match[1]!;
    if (hyperlinkIds.has(id) && !names.has(id)) names.set(id, `rIdLink${names.size + 1}`);
  }
  // A relationship the document never uses still gets a stable name, after the used ones.
  for (const id of [...hyperlinkIds].sort()) if (!names.has(id)) names.set(id, `rIdLink${names.size + 1}`);
  const rename = (id: string) => names.get(id) ?? id;
  const ordered = relationships.replace(
    /(<Relationships\b[^>]*>)([\s\S]*)(<\/Relationships>)/,
    (_, open: string, body: string, close: string) => {
      const elements = body.match(/<Relationship\b[^>]*\/>/g) ?? [];
      const renamedElements = elements.map((element) =>
        element.replace(/\bId="([^"]+)"/, (__, id: string) => `Id="${rename(id)}"`),
      );
      // Relationships in a fixed order: the numbered ones as docx wrote them, then the links in document order.
      const links = renamedElements.filter((element) => /Id="rIdLink\d+"/.test(element));
      const others = renamedElements.filter((element) => !/Id="rIdLink\d+"/.test(element));
      links.sort((a, b) => linkNumber(a) - linkNumber(b));
      return `${open}${[...others, ...links].join('')}${close}`;
    },
  );
  return {
    document: document.replace(/r:id="([^"]+)"/g, (_, id: string) => `r:id="${rename(id)}"`),
    relationships: ordered,
  };
}

function linkNumber(element: string): number {
  return Number(/Id="rIdLink(\d+)"/.exec(element)?.[1] ?? 0);
}

/** Bookmark names _Toc1, _Toc2, ... and bookmark ids 1, 2, ... in document order. */
function renumberBookmarks(document: string): string {
  const tocNames = new Map<string, string>();
  const withNames = document.replace(/_Toc(\d+)/g, (name: string) => {
    let renamed = tocNames.get(name);
    if (!renamed) {
      renamed = `_Toc${tocNames.size + 1}`;
      tocNames.set(name, renamed);
    }
    return renamed;
  });
  const ids = new Map<string, number>();
  return withNames.replace(
    /<w:bookmark(Start|End)\b([^>]*?)w:id="(\d+)"/g,
    (_, kind: string, between: string, id: string) => {
      let renumbered = ids.get(id);
      if (renumbered === undefined) {
        renumbered = ids.size + 1;
        ids.set(id, renumbered);
      }
      return `<w:bookmark${kind}${between}w:id="${renumbered}"`;
    },
  );
}

function coreProperties(xml: string, stamp: string): string {
  const dated = xml.replace(
    /(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
    `$1${stamp}$2`,
  );
  if (dated.includes('<dc:language>')) return dated;
  return dated.replace('</cp:coreProperties>', `<dc:language>${DOCUMENT_LANGUAGE}</dc:language></cp:coreProperties>`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function appProperties(company: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>${APPLICATION_NAME}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<Company>${escapeXml(company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>` +
    '<HyperlinksChanged>false</HyperlinksChanged></Properties>'
  );
}

/** The one font the document uses, described so Word and LibreOffice substitute well where Arial is missing. */
function fontTable(xml: string): string {
  const arial =
    '<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>' +
    '<w:pitch w:val="variable"/><w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000" w:csb0="000001FF" w:csb1="00000000"/></w:font>';
  if (xml.includes('w:name="Arial"')) return xml;
  return xml.endsWith('/>')
    ? xml.replace(/\/>$/, `>${arial}</w:fonts>`)
    : xml.replace('</w:fonts>', `${arial}</w:fonts>`);
}

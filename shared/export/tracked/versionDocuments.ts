/**
 * The named version's side of the tracked-changes export, kept once made. A version never changes, so its
 * document (for one set of export options, the export date included) is the same every time: built, compiled
 * and parsed on the first export, then taken from here, and the second and later exports of the changes since
 * that version cost about a plain export and the comparison of the two documents (issue 16's figure).
 *
 * Bounded: each entry is one document.xml of the whole SOA (under a megabyte of text), the blocks that
 * differed from now parsed.
 */
import type { SoaSnapshot } from '../../model/assemble';
import type { ExportOptions } from '../context';
import type { DiffOp } from '../../compare';
import { splitBody, type SplitDocument } from './bodyBlocks';
import type { ParagraphDiffs } from './trackChanges';

/** A version to export the changes since: its id (the key it is kept under) and how to read it if not kept. */
export interface VersionSource {
  readonly versionId: string;
  /** The version's content; called only when its document is not already kept. */
  readonly read: () => SoaSnapshot | Promise<SoaSnapshot>;
  /**
   * Where documents made before, by earlier processes, are kept (the relay's database), by the export
   * options as `optionsKey` gives them; without it only this process keeps them.
   */
  readonly durable?: DurableDocuments;
}

export interface DurableDocuments {
  read(optionsKey: string): string | undefined;
  keep(optionsKey: string, xml: string): void;
  /** The paragraph differences an earlier export with the document kept (as diffsText writes them). */
  readDiffs(optionsKey: string): string | undefined;
  keepDiffs(optionsKey: string, diffs: string): void;
}

/** The version's document, and when it was not kept in this process, the paragraph differences to use and keep. */
export interface VersionDocument {
  readonly document: SplitDocument;
  /** Set for the first export in a process: noting the pairs used, to keep for the next process. */
  readonly diffs: (ParagraphDiffs & { keep(): void }) | null;
}

type Op = readonly [DiffOp['kind'], number];

/** The pairs as JSON: [pair, [[kind, count], ...]] each. */
function diffsText(diffs: ReadonlyMap<string, readonly DiffOp[]>): string {
  return JSON.stringify([...diffs].map(([pair, ops]) => [pair, ops.map((op): Op => [op.kind, op.count])]));
}

function parseDiffs(text: string | undefined): Map<string, readonly DiffOp[]> {
  const diffs = new Map<string, readonly DiffOp[]>();
  if (text === undefined) return diffs;
  try {
    for (const [pair, ops] of JSON.parse(text) as [string, Op[]][])
      diffs.set(
        pair,
        ops.map(([kind, count]) => ({ kind, count })),
      );
  } catch {
    // Unreadable: worked out again.
    diffs.clear();
  }
  return diffs;
}

/** The export options as the key a document is kept under. */
export const optionsKey = (options: ExportOptions): string => JSON.stringify(options);

const KEPT_DOCUMENTS = 4;
const kept = new Map<string, Promise<SplitDocument>>();

/**
 * The version's document.xml cut into blocks: made with `write` (or read from `source.durable`) the first
 * time, then the kept one.
 */
export async function versionDocument(
  source: VersionSource,
  options: ExportOptions,
  write: (version: SoaSnapshot) => Promise<string>,
): Promise<VersionDocument> {
  const key = `${source.versionId}\n${optionsKey(options)}`;
  const found = kept.get(key);
  if (found) {
    // Most recently used last, so the oldest goes first.
    kept.delete(key);
    kept.set(key, found);
    return { document: await found, diffs: null };
  }
  const made = (async () => {
    const stored = source.durable?.read(optionsKey(options));
    if (stored !== undefined) return splitBody(stored);
    const xml = await write(await source.read());
    const split = splitBody(xml);
    source.durable?.keep(optionsKey(options), xml);
    return split;
  })();
  kept.set(key, made);
  // A failure is not kept: the next export tries again.
  made.catch(() => {
    if (kept.get(key) === made) kept.delete(key);
  });
  for (const oldest of kept.keys()) {
    if (kept.size <= KEPT_DOCUMENTS) break;
    kept.delete(oldest);
  }
  const document = await made;
  const durable = source.durable;
  if (!durable) return { document, diffs: null };
  const known = parseDiffs(durable.readDiffs(optionsKey(options)));
  const used = new Map<string, readonly DiffOp[]>();
  const keep = () => {
    // Kept again only when this export needed a pair not kept, or no longer needs one that was.
    if (used.size !== known.size || [...used.keys()].some((pair) => !known.has(pair)))
      durable.keepDiffs(optionsKey(options), diffsText(used));
  };
  return { document, diffs: { known, used, keep } };
}

/** Forgets every kept document (the benchmark measures a first export with this). */
export function forgetVersionDocuments(): void {
  kept.clear();
}

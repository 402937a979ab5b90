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
import { splitBody, type SplitDocument } from './bodyBlocks';

/** A version to export the changes since: its id (the key it is kept under) and how to read it if not kept. */
export interface VersionSource {
  readonly versionId: string;
  /** The version's content; called only when its document is not already kept. */
  readonly read: () => SoaSnapshot | Promise<SoaSnapshot>;
}

const KEPT_DOCUMENTS = 4;
const kept = new Map<string, Promise<SplitDocument>>();

/** The version's document.xml cut into blocks: made with `write` the first time, then the kept one. */
export function versionDocument(
  source: VersionSource,
  options: ExportOptions,
  write: (version: SoaSnapshot) => Promise<string>,
): Promise<SplitDocument> {
  const key = `${source.versionId}\n${JSON.stringify(options)}`;
  const found = kept.get(key);
  if (found) {
    // Most recently used last, so the oldest goes first.
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const made = (async () => splitBody(await write(await source.read())))();
  kept.set(key, made);
  // A failure is not kept: the next export tries again.
  made.catch(() => {
    if (kept.get(key) === made) kept.delete(key);
  });
  for (const oldest of kept.keys()) {
    if (kept.size <= KEPT_DOCUMENTS) break;
    kept.delete(oldest);
  }
  return made;
}

/** Forgets every kept document (the benchmark measures a first export with this). */
export function forgetVersionDocuments(): void {
  kept.clear();
}

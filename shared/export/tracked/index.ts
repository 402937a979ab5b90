/**
 * "Export changes since ...": the SOA now, with its differences from a named version as Word tracked
 * changes, for a reviewer to walk through with Next Change and accept or reject. Both the version and now are
 * exported by the one Word builder, and the two document.xml parts compared (trackChanges.ts); who made each
 * change comes from the comparison of the rooms (shared/compare, attribution.ts).
 */
import { strFromU8 } from 'fflate';
import type { Comparison } from '../../compare';
import type { SoaSnapshot } from '../../model/assemble';
import { buildDocument, type ExportOptions } from '../document';
import { compileParts, finishParts } from '../packaging';
import { cleanLine } from '../sanitize';
import { attributionFrom, type Person } from './attribution';
import { forgetParagraphDiffs, trackChanges } from './trackChanges';
import type { SplitDocument } from './bodyBlocks';
import { forgetVersionDocuments, versionDocument, type VersionDocument, type VersionSource } from './versionDocuments';

export type { Person } from './attribution';
export type { DurableDocuments, VersionSource } from './versionDocuments';
export { optionsKey } from './versionDocuments';

const DOCUMENT = 'word/document.xml';

/** The author of tracked changes no member made: what the document works out from their edits. */
export const FOLLOWS_FROM_OTHER_EDITS = 'SOA Studio (follows from other edits)';

export interface Authorship {
  readonly comparison: Comparison;
  /** Members by id, to name each change's author with their partner. */
  readonly people: ReadonlyMap<string, Person>;
}

/** Forgets what earlier exports kept, so the next export is made as the first in a process is. */
export function forgetKeptExports(): void {
  forgetVersionDocuments();
  forgetParagraphDiffs();
}

function documentXml(parts: Map<string, string | Uint8Array>): string {
  const data = parts.get(DOCUMENT);
  if (data === undefined) throw new Error('The Word library wrote no document part.');
  return typeof data === 'string' ? data : strFromU8(data);
}

/**
 * The .docx of `now` with the differences from `version` tracked. `options` as for exportSoaDocx. A version
 * given by id is exported once per set of options and kept (versionDocuments.ts); a snapshot is exported
 * every time.
 */
export async function exportChangesSinceDocx(
  version: SoaSnapshot | VersionSource,
  now: SoaSnapshot,
  options: ExportOptions,
  authorship: Authorship,
): Promise<Uint8Array> {
  const writeVersion = async (snapshot: SoaSnapshot): Promise<string> =>
    documentXml(await compileParts(buildDocument(snapshot, options)));
  let kept: VersionDocument | null = null;
  let versionXml: SplitDocument | string;
  if ('versionId' in version) versionXml = (kept = await versionDocument(version, options, writeVersion)).document;
  else versionXml = await writeVersion(version);
  const nowParts = await compileParts(buildDocument(now, options));
  // What the export works out itself (a sign-off that lapsed, a count of agreements) is nobody's edit.
  const fallback = { name: FOLLOWS_FROM_OTHER_EDITS, date: `${options.generatedOn.slice(0, 10)}T00:00:00Z` };
  nowParts.set(
    DOCUMENT,
    trackChanges(
      versionXml,
      documentXml(nowParts),
      attributionFrom(authorship.comparison, authorship.people, fallback),
      kept?.diffs ?? undefined,
    ),
  );
  kept?.diffs?.keep();
  return finishParts(nowParts, {
    generatedOn: options.generatedOn,
    company: cleanLine(now.meta.partnershipName).trim(),
  });
}

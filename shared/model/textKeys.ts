/**
 * Which fields of each room are Y.Text (see textFields.ts), their root names and limits, and the step that
 * moves older plain strings into them (schema version 1 to 2, and any string an older app writes later).
 */
import * as Y from 'yjs';
import { TEXT_LIMITS } from './limits';
import { foldLegacyString, textRootName } from './textFields';

export const META_TEXT_KEYS = ['title', 'area', 'partnershipName', 'alternativeFormatsContact'] as const;
export type MetaTextKey = (typeof META_TEXT_KEYS)[number];
export const OUTCOME_TEXT_KEYS = ['title', 'equalityNote', 'gapNote'] as const;
export type OutcomeTextKey = (typeof OUTCOME_TEXT_KEYS)[number];
export const INDICATOR_TEXT_KEYS = ['name', 'definition', 'source'] as const;
export type IndicatorTextKey = (typeof INDICATOR_TEXT_KEYS)[number];
export const COMMITMENT_TEXT_KEYS = ['action'] as const;
export type CommitmentTextKey = (typeof COMMITMENT_TEXT_KEYS)[number];
export const LINK_TEXT_KEYS = ['description'] as const;
export type LinkTextKey = (typeof LINK_TEXT_KEYS)[number];

export const META_TEXT_LIMITS: Readonly<Record<MetaTextKey, number>> = {
  title: TEXT_LIMITS.title,
  area: TEXT_LIMITS.title,
  partnershipName: TEXT_LIMITS.title,
  alternativeFormatsContact: TEXT_LIMITS.contact,
};
export const OUTCOME_TEXT_LIMITS: Readonly<Record<OutcomeTextKey, number>> = {
  title: TEXT_LIMITS.title,
  equalityNote: TEXT_LIMITS.note,
  gapNote: TEXT_LIMITS.note,
};
export const INDICATOR_TEXT_LIMITS: Readonly<Record<IndicatorTextKey, number>> = {
  name: TEXT_LIMITS.title,
  definition: TEXT_LIMITS.note,
  source: TEXT_LIMITS.source,
};

export const metaTextRoot = (key: MetaTextKey) => textRootName('meta', key);
export const outcomeTextRoot = (id: string, key: OutcomeTextKey) => textRootName('outcome', id, key);
export const indicatorTextRoot = (id: string, key: IndicatorTextKey) => textRootName('indicator', id, key);
export const contributionNoteRoot = (outcomeId: string) => textRootName('contributionNote', outcomeId);
export const commitmentTextRoot = (id: string, key: CommitmentTextKey) => textRootName('commitment', id, key);
export const linkTextRoot = (id: string, key: LinkTextKey) => textRootName('indicatorLink', id, key);

/** Moves every plain-string text field of a frame into its Y.Text. Runs inside the caller's transaction. */
export function foldFrameText(doc: Y.Doc): void {
  const meta = doc.getMap('meta');
  for (const key of META_TEXT_KEYS) foldLegacyString(doc, metaTextRoot(key), meta, key);
  for (const [id, outcome] of doc.getMap('outcomes').entries()) {
    if (outcome instanceof Y.Map)
      for (const key of OUTCOME_TEXT_KEYS) foldLegacyString(doc, outcomeTextRoot(id, key), outcome, key);
  }
  for (const [id, indicator] of doc.getMap('indicators').entries()) {
    if (indicator instanceof Y.Map)
      for (const key of INDICATOR_TEXT_KEYS) foldLegacyString(doc, indicatorTextRoot(id, key), indicator, key);
  }
}

/** Moves every plain-string text field of a partner room into its Y.Text. Runs inside the caller's transaction. */
export function foldPartnerText(doc: Y.Doc): void {
  const notes = doc.getMap('contributionNotes');
  for (const outcomeId of [...notes.keys()]) foldLegacyString(doc, contributionNoteRoot(outcomeId), notes, outcomeId);
  for (const [id, commitment] of doc.getMap('commitments').entries()) {
    if (commitment instanceof Y.Map)
      for (const key of COMMITMENT_TEXT_KEYS) foldLegacyString(doc, commitmentTextRoot(id, key), commitment, key);
  }
  for (const [id, link] of doc.getMap('indicatorLinks').entries()) {
    if (link instanceof Y.Map)
      for (const key of LINK_TEXT_KEYS) foldLegacyString(doc, linkTextRoot(id, key), link, key);
  }
}

/** True when a room still holds a plain string where a Y.Text now lives (an older app wrote it). */
export function hasLegacyText(doc: Y.Doc, room: 'frame' | 'partner'): boolean {
  const stringAt = (map: Y.Map<unknown>, keys: readonly string[]) =>
    keys.some((key) => typeof map.get(key) === 'string');
  const anyItem = (map: Y.Map<unknown>, keys: readonly string[]) =>
    [...map.values()].some((item) => item instanceof Y.Map && stringAt(item, keys));
  if (room === 'frame') {
    return (
      stringAt(doc.getMap('meta'), META_TEXT_KEYS) ||
      anyItem(doc.getMap('outcomes'), OUTCOME_TEXT_KEYS) ||
      anyItem(doc.getMap('indicators'), INDICATOR_TEXT_KEYS)
    );
  }
  return (
    doc.getMap('contributionNotes').size > 0 ||
    anyItem(doc.getMap('commitments'), COMMITMENT_TEXT_KEYS) ||
    anyItem(doc.getMap('indicatorLinks'), LINK_TEXT_KEYS)
  );
}

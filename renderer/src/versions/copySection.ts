/**
 * Restore is copying: a section's text from a version written into the current SOA as a new edit, through
 * the same commands as typing (so it is stored, sent and attributed like any edit, and history is never
 * rewritten). Only the written sections can be copied whole: a narrative chapter, a partner's statement, its
 * notes on gaps, and its contribution statement to an outcome; of those, one paragraph can be copied on its
 * own too (copyParagraph.ts).
 */
import * as Y from 'yjs';
import {
  FrameDocument,
  NARRATIVE_KEYS,
  PartnerDocument,
  type NarrativeKey,
  type OutcomeId,
  type PartnerId,
  type RichText,
} from '../../../shared/model';
import type { SectionOwner, Workspace } from '../store/workspace';
import type { VersionDocs } from './versionDocs';

export interface Copyable {
  readonly owner: SectionOwner;
  /** The section's text as the version has it. */
  readonly text: RichText;
  /** Writes the version's text of the section into the current SOA. */
  copy(workspace: Workspace): void;
  /** The section's current text, as the editor binds to it (where one paragraph is copied to). */
  fragment(workspace: Workspace): Y.XmlFragment;
}

/** How to copy the section with this key (shared/compare/soaSections keys), or null when it cannot be copied whole. */
export function copyableSection(key: string, docs: VersionDocs): Copyable | null {
  const narrative = /^narrative\.(.+)$/.exec(key);
  if (narrative && (NARRATIVE_KEYS as readonly string[]).includes(narrative[1] ?? '')) {
    const narrativeKey = narrative[1] as NarrativeKey;
    const text = new FrameDocument(docs.frame).readNarrative(narrativeKey);
    return {
      owner: { kind: 'frame' },
      text,
      copy: (workspace) => workspace.frameCommands.setNarrative(narrativeKey, text),
      fragment: (workspace) => workspace.frameCommands.narrativeFragment(narrativeKey),
    };
  }
  const partner = /^partner\.([A-Za-z0-9_-]+)\.(statement|gapNotes|contribution\.([A-Za-z0-9_-]+))$/.exec(key);
  if (!partner) return null;
  const partnerId = partner[1] as PartnerId;
  const doc: Y.Doc | undefined = docs.partnerDocs.get(partnerId);
  if (!doc) return null;
  const content = new PartnerDocument(doc).read();
  const owner: SectionOwner = { kind: 'partner', partnerId };
  if (partner[2] === 'statement')
    return {
      owner,
      text: content.statement,
      copy: (workspace) => workspace.partnerCommands(partnerId).setStatement(content.statement),
      fragment: (workspace) => workspace.partnerCommands(partnerId).statementFragment(),
    };
  if (partner[2] === 'gapNotes')
    return {
      owner,
      text: content.gapNotes,
      copy: (workspace) => workspace.partnerCommands(partnerId).setGapNotes(content.gapNotes),
      fragment: (workspace) => workspace.partnerCommands(partnerId).gapNotesFragment(),
    };
  const outcomeId = partner[3] as OutcomeId;
  const contribution = content.contributions.find((candidate) => candidate.outcomeId === outcomeId);
  if (!contribution) return null;
  return {
    owner,
    text: contribution.statement,
    copy: (workspace) =>
      workspace.partnerCommands(partnerId).setContributionStatement(outcomeId, contribution.statement),
    fragment: (workspace) => workspace.partnerCommands(partnerId).contributionFragment(outcomeId),
  };
}

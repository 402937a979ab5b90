/**
 * What a partner's agreement covers, and what has changed since. An agreement covers what the partner saw
 * when it agreed: its own room, and the frame sections of each local outcome it delivers (listed by the
 * coordinators or contributing to it). Each of those sections is fingerprinted on its own when the partner
 * agrees, so that later a change shows as "Agreed to an earlier version" with which outcome and which
 * section changed, rather than as a silent "Agreed" or a bare "Draft". Frame changes to outcomes the
 * partner does not deliver, the order of outcomes and the shared narrative are not covered.
 *
 * Coverage keys: `outcome/<outcomeId>/<part>` (CoveredOutcomePart) and `own/<part>` (CoveredOwnPart).
 */
import { fingerprintOf } from './fingerprint';
import { hasTotalResources } from './totalResources';
import type { FrameContent, LocalOutcomeEntry } from './frame';
import type { OutcomeId, PartnerId } from './ids';
import {
  COVERED_OUTCOME_PARTS,
  COVERED_OWN_PARTS,
  fingerprintPartnerContent,
  type CoveredOutcomePart,
  type CoveredOwnPart,
  type EffectiveSignOff,
  type PartnerContent,
  type PartnerDocument,
  type SignOffChange,
  type SignOffCoverage,
} from './partner';

/** How each covered section is named in a list of changes ("the indicators and targets changed"). */
export const COVERED_PART_NAMES: Readonly<Record<CoveredOutcomePart | CoveredOwnPart, string>> = {
  title: 'the title',
  tenYearStatement: 'what will be different in ten years',
  evidence: 'the evidence',
  links: 'the National Outcomes, policy priorities or tags',
  partners: 'the lead partner',
  indicators: 'the indicators and targets',
  equalityNote: 'the equality outcome',
  gapNote: 'the notes on gaps',
  contribution: 'the contribution',
  statement: 'the statement of support',
  gapNotes: 'the notes on gaps still to fill',
  indicatorLinks: 'the links to its own plans',
  looseCommitments: 'the commitments to deleted outcomes',
  totalResources: 'the total resources in the area',
};

/** The outcomes a partner delivers, in frame order: listed by the coordinators, or contributing to them. */
export function deliveredOutcomes(
  frame: FrameContent,
  content: PartnerContent | undefined,
  partnerId: PartnerId,
): LocalOutcomeEntry[] {
  const contributing = new Set<string>(content?.contributions.map((contribution) => contribution.outcomeId) ?? []);
  return frame.outcomes.filter(
    (outcome) => outcome.deliveringPartnerIds.includes(partnerId) || contributing.has(outcome.id),
  );
}

/** The fingerprint of every section an agreement given now would cover. */
export function coverageOf(frame: FrameContent, content: PartnerContent, partnerId: PartnerId): SignOffCoverage {
  const coverage: Record<string, string> = {};
  for (const outcome of deliveredOutcomes(frame, content, partnerId)) {
    const indicators = frame.indicators
      .filter((indicator) => indicator.outcomeId === outcome.id)
      .map(({ order: _order, ...indicator }) => indicator)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const sections: Record<Exclude<CoveredOutcomePart, 'contribution'>, unknown> = {
      title: outcome.title,
      tenYearStatement: outcome.tenYearStatement,
      evidence: outcome.evidence,
      links: {
        nationalOutcomes: [...outcome.nationalOutcomeIds].sort(),
        priorities: [...outcome.priorityIds].sort(),
        tags: outcome.tags,
      },
      // Who leads, not who else delivers: another partner joining or leaving is not something this partner
      // agreed to (its own joining or leaving shows as an outcome added or removed).
      partners: { lead: outcome.leadPartnerId },
      indicators,
      equalityNote: outcome.equalityNote,
      gapNote: outcome.gapNote,
    };
    for (const [part, value] of Object.entries(sections))
      coverage[outcomeKey(outcome.id, part as CoveredOutcomePart)] = fingerprintOf(value);
    coverage[outcomeKey(outcome.id, 'contribution')] = fingerprintOf(null);
  }
  // The partner's own contributions, also to outcomes since deleted (their text is still its to answer for).
  for (const contribution of content.contributions)
    coverage[outcomeKey(contribution.outcomeId, 'contribution')] = fingerprintOf(contribution);
  const own: Record<CoveredOwnPart, unknown> = {
    statement: content.statement,
    gapNotes: content.gapNotes,
    indicatorLinks: content.indicatorLinks,
    looseCommitments: content.looseCommitments,
    // Covered once stated, so an agreement given before the field existed still holds.
    totalResources: hasTotalResources(content.totalResources) ? content.totalResources : undefined,
  };
  for (const part of COVERED_OWN_PARTS) if (own[part] !== undefined) coverage[`own/${part}`] = fingerprintOf(own[part]);
  return coverage;
}

/** Records the partner's agreement to what it sees now: its room and the frame sections of the outcomes it delivers. */
export function recordAgreement(
  partner: Pick<PartnerDocument, 'agree'>,
  frame: FrameContent,
  partnerId: PartnerId,
  officerName: string,
  officerPosition: string,
  dateIso: string,
  versionId: string | null = null,
): void {
  partner.agree(officerName, officerPosition, dateIso, (content) => coverageOf(frame, content, partnerId), versionId);
}

/**
 * The sign-off as it stands now. Content marked ready that has changed is back in draft ('lapsed'); an
 * agreement whose covered sections have changed is 'agreed-earlier-version' with the changes listed.
 */
export function effectiveSignOff(content: PartnerContent, frame: FrameContent, partnerId: PartnerId): EffectiveSignOff {
  const stored = content.signOff;
  const unchanged: EffectiveSignOff = { ...stored, lapsed: false, changes: [] };
  if (stored.state === 'draft') return unchanged;
  if (stored.state === 'ready') {
    return stored.fingerprint === fingerprintPartnerContent(content)
      ? unchanged
      : { ...stored, state: 'draft', lapsed: true, changes: [] };
  }
  if (!stored.covered) {
    // An agreement recorded before sections were fingerprinted: only the room's own content can be compared.
    if (stored.fingerprint === fingerprintPartnerContent(content)) return unchanged;
    const changes: SignOffChange[] = [
      { kind: 'own-changed', outcomeId: null, parts: [], description: 'Its own content changed.' },
    ];
    return { ...stored, state: 'agreed-earlier-version', lapsed: false, changes };
  }
  const changes = changesSince(stored.covered, coverageOf(frame, content, partnerId), frame);
  return changes.length === 0 ? unchanged : { ...stored, state: 'agreed-earlier-version', lapsed: false, changes };
}

/** What differs between the coverage agreed and the coverage now, in document order. */
export function changesSince(agreed: SignOffCoverage, now: SignOffCoverage, frame: FrameContent): SignOffChange[] {
  const changes: SignOffChange[] = [];
  const outcomesIn = (coverage: SignOffCoverage) => {
    const ids = new Set<string>();
    for (const key of Object.keys(coverage)) {
      const parsed = parseOutcomeKey(key);
      if (parsed) ids.add(parsed.outcomeId);
    }
    return ids;
  };
  const delivered = (coverage: SignOffCoverage, id: string) => Object.hasOwn(coverage, outcomeKey(id, 'title'));
  const ids = new Set([...outcomesIn(agreed), ...outcomesIn(now)]);
  const position = new Map(frame.outcomes.map((outcome, index) => [outcome.id as string, index] as const));
  const ordered = [...ids].sort(
    (a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const id of ordered) {
    const index = position.get(id);
    const outcome = index === undefined ? undefined : frame.outcomes[index];
    const label = outcome ? outcomeLabel(outcome, index ?? 0) : null;
    const outcomeId = id as OutcomeId;
    const before = delivered(agreed, id);
    const after = delivered(now, id);
    if (!before && after) {
      changes.push({
        kind: 'outcome-added',
        outcomeId,
        parts: [],
        description: `Now delivers ${label ?? 'a new outcome'}.`,
      });
      continue;
    }
    if (before && !after) {
      changes.push({
        kind: 'outcome-removed',
        outcomeId,
        parts: [],
        description: label ? `No longer delivers ${label}.` : 'An outcome it agreed to has been deleted.',
      });
      continue;
    }
    const parts = COVERED_OUTCOME_PARTS.filter((part) => agreed[outcomeKey(id, part)] !== now[outcomeKey(id, part)]);
    if (parts.length === 0) continue;
    const where = label ? capitalise(label) : 'A deleted outcome';
    changes.push({
      kind: 'outcome-changed',
      outcomeId,
      parts,
      description: `${where}: ${joinWords(parts.map((part) => COVERED_PART_NAMES[part]))} changed.`,
    });
  }
  const ownParts = COVERED_OWN_PARTS.filter((part) => agreed[`own/${part}`] !== now[`own/${part}`]);
  if (ownParts.length > 0) {
    changes.push({
      kind: 'own-changed',
      outcomeId: null,
      parts: ownParts,
      description: `${capitalise(joinWords(ownParts.map((part) => COVERED_PART_NAMES[part])))} changed.`,
    });
  }
  return changes;
}

function outcomeKey(outcomeId: string, part: CoveredOutcomePart): string {
  return `outcome/${outcomeId}/${part}`;
}

function parseOutcomeKey(key: string): { readonly outcomeId: string; readonly part: string } | null {
  const match = /^outcome\/([^/]+)\/([A-Za-z]+)$/.exec(key);
  return match ? { outcomeId: match[1]!, part: match[2]! } : null;
}

function outcomeLabel(outcome: LocalOutcomeEntry, index: number): string {
  return outcome.title.trim() ? `outcome ${index + 1} ("${outcome.title.trim()}")` : `outcome ${index + 1}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The assembled view: one plain, typed snapshot of the whole SOA built from the frame and every partner
 * room. The editor's summaries, the Word export and the completeness check all read this, never the rooms.
 * References across rooms are resolved here; a reference to something that no longer exists (a contribution
 * to a deleted outcome, a lead partner who was removed) is dropped from the view and listed as an orphan.
 */
import { NO_TOTAL_RESOURCES, type TotalResources } from './totalResources';
import * as Y from 'yjs';
import {
  findCatalogueIndicator,
  findNationalOutcome,
  getFramework,
  PARTNER_KIND_LABELS,
  POLICY_PRIORITIES,
  type CatalogueIndicator,
  type Framework,
  type NationalOutcome,
  type PartnerKind,
  type PolicyPriority,
} from '../reference';
import { FrameDocument, type FrameContent, type IndicatorEntry, type NarrativeKey, type SoaMeta } from './frame';
import type { CommitmentId, IndicatorId, OutcomeId, PartnerId, PartnerIndicatorLinkId, SoaId } from './ids';
import { effectiveSignOff } from './agreement';
import type { Commitment, EffectiveSignOff, IndicatorLink, PartnerContent } from './partner';
import { readPartnerRooms, type UnreadableRoom } from './readRooms';
import type { RichText } from './richText';
import type { RoomOwner } from './rooms';

export interface PartnerRef {
  readonly id: PartnerId;
  readonly name: string;
}

export interface PartnerView extends PartnerRef {
  readonly kind: PartnerKind;
  readonly kindLabel: string;
  /** False when this replica has no content of the partner's room yet (not synced, or never written). */
  readonly hasRoom: boolean;
  /**
   * Set when the partner's room exists here but could not be read: its content is then unknown (not empty),
   * and every view of it says so rather than "not written".
   */
  readonly unreadable: UnreadableRoom | null;
  readonly signOff: EffectiveSignOff;
  readonly statement: RichText;
  readonly gapNotes: RichText;
  readonly indicatorLinks: readonly IndicatorLink[];
  /** The partner's total resources deployed in the area (amount, year, basis), beside its SOA commitments. */
  readonly totalResources: TotalResources;
  /** Outcomes (existing ones) this partner writes a contribution to, in outcome order. */
  readonly contributesTo: readonly OutcomeId[];
}

export interface IndicatorView extends IndicatorEntry {
  /** The catalogue entry, when the indicator comes from the CPOP catalogue. */
  readonly catalogue: CatalogueIndicator | null;
  /** Name, definition, source and unit, taking the catalogue's where the frame leaves them blank. */
  readonly displayName: string;
  readonly displayDefinition: string;
  readonly displaySource: string;
  readonly displayUnit: string;
  readonly leadPartner: PartnerRef | null;
}

export interface ContributionView {
  readonly partner: PartnerRef;
  readonly outcomeId: OutcomeId;
  readonly statement: RichText;
  readonly gapNote: string;
  readonly commitments: readonly Commitment[];
  /** Whether the coordinators list this partner as delivering the outcome. */
  readonly listed: boolean;
}

export interface OutcomeView {
  readonly id: OutcomeId;
  /** 1-based position in the SOA, for "Outcome 3". */
  readonly number: number;
  readonly title: string;
  readonly tenYearStatement: RichText;
  readonly evidence: RichText;
  readonly nationalOutcomes: readonly NationalOutcome[];
  readonly priorities: readonly PolicyPriority[];
  readonly tags: readonly string[];
  readonly leadPartner: PartnerRef | null;
  /** Partners listed as delivering the outcome, and partners contributing to it, in partner order. */
  readonly deliveringPartners: readonly PartnerRef[];
  readonly indicators: readonly IndicatorView[];
  /** One per partner that wrote a contribution, in partner order. */
  readonly contributions: readonly ContributionView[];
  readonly equalityNote: string;
  readonly gapNote: string;
}

export interface PartnerResources {
  readonly partner: PartnerRef;
  readonly pounds: number;
  readonly fte: number;
  readonly preventativePounds: number;
  readonly preventativeFte: number;
}

export interface ResourceSummary {
  readonly byPartner: readonly PartnerResources[];
  readonly total: Omit<PartnerResources, 'partner'>;
}

export type OrphanKind =
  | 'contribution-to-missing-outcome'
  | 'commitment-to-missing-outcome'
  | 'indicator-of-missing-outcome'
  | 'missing-lead-partner'
  | 'missing-indicator-lead-partner'
  | 'missing-delivering-partner'
  | 'national-outcome-not-in-framework'
  | 'room-of-missing-partner'
  | 'indicator-link-to-missing';

/** A reference to something that no longer exists, for someone to tidy up. */
export interface Orphan {
  readonly kind: OrphanKind;
  /** Plain English: what is dangling and what to do. */
  readonly message: string;
  /** Whose room holds the dangling reference, i.e. who can tidy it. */
  readonly owner: RoomOwner;
  readonly outcomeId?: OutcomeId;
  readonly partnerId?: PartnerId;
  readonly indicatorId?: IndicatorId;
  readonly commitmentId?: CommitmentId;
  readonly linkId?: PartnerIndicatorLinkId;
  readonly reference?: string;
}

/** The whole SOA as plain data. */
export interface SoaSnapshot {
  readonly soaId: SoaId | null;
  readonly meta: SoaMeta;
  readonly framework: Framework;
  readonly narrative: Readonly<Record<NarrativeKey, RichText>>;
  readonly partners: readonly PartnerView[];
  readonly outcomes: readonly OutcomeView[];
  readonly resources: ResourceSummary;
  /** True when there is at least one partner and every partner has agreed to the current version. */
  readonly allAgreed: boolean;
  readonly orphans: readonly Orphan[];
}

const EMPTY_SIGN_OFF: EffectiveSignOff = {
  state: 'draft',
  officerName: '',
  officerPosition: '',
  date: null,
  fingerprint: '',
  covered: null,
  lapsed: false,
  changes: [],
};

/** What every part of the assembly reads, and the orphans it finds, in the order it finds them. */
interface Assembly {
  readonly frame: FrameContent;
  readonly partnerContents: ReadonlyMap<PartnerId, PartnerContent>;
  readonly unreadable: ReadonlyMap<PartnerId, UnreadableRoom>;
  readonly orphans: Orphan[];
  readonly framework: ReturnType<typeof getFramework>;
  readonly partnerById: ReadonlyMap<PartnerId, FrameContent['partners'][number]>;
  readonly outcomeIds: ReadonlySet<string>;
  readonly indicatorIds: ReadonlySet<string>;
  readonly outcomeOrder: ReadonlyMap<string, number>;
}

/**
 * Builds the snapshot. Pure: the same contents always give an equal snapshot. `unreadable` lists partner
 * rooms that could not be read (readPartnerRooms); they appear with no content and their reason.
 */
export function assembleSoa(
  frame: FrameContent,
  partnerContents: ReadonlyMap<PartnerId, PartnerContent>,
  unreadable: ReadonlyMap<PartnerId, UnreadableRoom> = new Map(),
): SoaSnapshot {
  const assembly: Assembly = {
    frame,
    partnerContents,
    unreadable,
    orphans: [],
    framework: getFramework(frame.meta.framework),
    partnerById: new Map(frame.partners.map((partner) => [partner.id, partner] as const)),
    outcomeIds: new Set<string>(frame.outcomes.map((outcome) => outcome.id)),
    indicatorIds: new Set<string>(frame.indicators.map((indicator) => indicator.id)),
    outcomeOrder: new Map(frame.outcomes.map((outcome, index) => [outcome.id as string, index] as const)),
  };
  findRoomsOfMissingPartners(assembly);
  const partners = frame.partners.map((partner) => partnerView(assembly, partner));
  const outcomes = frame.outcomes.map((outcome, index) => outcomeView(assembly, outcome, index));
  findIndicatorsOfMissingOutcomes(assembly);
  const resources = summariseResources(partners, outcomes);
  return {
    soaId: frame.meta.soaId,
    meta: frame.meta,
    framework: assembly.framework,
    narrative: frame.narrative,
    partners,
    outcomes,
    resources,
    allAgreed: partners.length > 0 && partners.every((partner) => partner.signOff.state === 'agreed'),
    orphans: assembly.orphans,
  };
}

function refOf({ partnerById }: Assembly, id: PartnerId | null): PartnerRef | null {
  const partner = id ? partnerById.get(id) : undefined;
  return partner ? { id: partner.id, name: partner.name } : null;
}

/** Rooms of partners the frame no longer lists. */
function findRoomsOfMissingPartners({ partnerContents, partnerById, orphans }: Assembly): void {
  for (const partnerId of [...partnerContents.keys()].sort()) {
    if (!partnerById.has(partnerId)) {
      orphans.push({
        kind: 'room-of-missing-partner',
        message:
          'A partner room exists for an organisation that is no longer a partner of this SOA. Its content is not included.',
        owner: { kind: 'coordinators' },
        partnerId,
      });
    }
  }
}

/** A partner as the SOA shows it, with the orphans in its room. */
function partnerView(assembly: Assembly, partner: FrameContent['partners'][number]): PartnerView {
  const { frame, partnerContents, unreadable, orphans, outcomeIds, indicatorIds, outcomeOrder } = assembly;
  const content = partnerContents.get(partner.id);
  const contributesTo: OutcomeId[] = [];
  if (content) {
    for (const contribution of content.contributions) {
      if (outcomeIds.has(contribution.outcomeId)) contributesTo.push(contribution.outcomeId);
      else {
        orphans.push({
          kind: 'contribution-to-missing-outcome',
          message: `${partner.name} has a contribution to a local outcome that has been deleted. Move its text to another outcome or remove it.`,
          owner: { kind: 'partner', partnerId: partner.id },
          partnerId: partner.id,
          outcomeId: contribution.outcomeId,
        });
      }
    }
    for (const commitment of content.looseCommitments) {
      if (!outcomeIds.has(commitment.outcomeId)) {
        orphans.push({
          kind: 'commitment-to-missing-outcome',
          message: `${partner.name} has a commitment ("${truncate(commitment.action, 60)}") to a local outcome that has been deleted.`,
          owner: { kind: 'partner', partnerId: partner.id },
          partnerId: partner.id,
          outcomeId: commitment.outcomeId,
          commitmentId: commitment.id,
        });
      }
    }
    for (const link of content.indicatorLinks) {
      const missingOutcome = link.outcomeId !== null && !outcomeIds.has(link.outcomeId);
      const missingIndicator = link.indicatorId !== null && !indicatorIds.has(link.indicatorId);
      if (missingOutcome || missingIndicator) {
        orphans.push({
          kind: 'indicator-link-to-missing',
          message: `${partner.name}'s link "${truncate(link.reference || link.description, 60)}" points to an outcome or indicator that has been deleted.`,
          owner: { kind: 'partner', partnerId: partner.id },
          partnerId: partner.id,
          linkId: link.id,
        });
      }
    }
  }
  contributesTo.sort((a, b) => (outcomeOrder.get(a) ?? 0) - (outcomeOrder.get(b) ?? 0));
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind,
    kindLabel: PARTNER_KIND_LABELS[partner.kind],
    hasRoom: content !== undefined && content.schemaVersion > 0,
    unreadable: unreadable.get(partner.id) ?? null,
    signOff: content ? effectiveSignOff(content, frame, partner.id) : EMPTY_SIGN_OFF,
    statement: content?.statement ?? [],
    gapNotes: content?.gapNotes ?? [],
    indicatorLinks: content?.indicatorLinks ?? [],
    totalResources: content?.totalResources ?? NO_TOTAL_RESOURCES,
    contributesTo,
  };
}

/** A local outcome as the SOA shows it: its links, partners, contributions and indicators. */
function outcomeView(assembly: Assembly, outcome: FrameContent['outcomes'][number], index: number): OutcomeView {
  const { frame, partnerContents, orphans, framework, partnerById } = assembly;
  const nationalOutcomes: NationalOutcome[] = [];
  for (const nationalOutcomeId of outcome.nationalOutcomeIds) {
    const found = findNationalOutcome(framework.id, nationalOutcomeId);
    if (found) nationalOutcomes.push(found);
    else {
      orphans.push({
        kind: 'national-outcome-not-in-framework',
        message: `Local outcome "${truncate(outcome.title, 60)}" is linked to a National Outcome that is not in the ${framework.name}. Choose one from this framework.`,
        owner: { kind: 'coordinators' },
        outcomeId: outcome.id,
        reference: nationalOutcomeId,
      });
    }
  }
  nationalOutcomes.sort((a, b) => a.number - b.number);

  const leadPartner = refOf(assembly, outcome.leadPartnerId);
  if (outcome.leadPartnerId && !leadPartner) {
    orphans.push({
      kind: 'missing-lead-partner',
      message: `Local outcome "${truncate(outcome.title, 60)}" is led by a partner that has been removed. Choose a new lead partner.`,
      owner: { kind: 'coordinators' },
      outcomeId: outcome.id,
      partnerId: outcome.leadPartnerId,
    });
  }

  const listed = new Set<string>();
  for (const partnerId of outcome.deliveringPartnerIds) {
    if (partnerById.has(partnerId)) listed.add(partnerId);
    else {
      orphans.push({
        kind: 'missing-delivering-partner',
        message: `Local outcome "${truncate(outcome.title, 60)}" lists a delivering partner that has been removed.`,
        owner: { kind: 'coordinators' },
        outcomeId: outcome.id,
        partnerId,
      });
    }
  }

  const contributions: ContributionView[] = [];
  for (const partner of frame.partners) {
    const content = partnerContents.get(partner.id);
    const contribution = content?.contributions.find((candidate) => candidate.outcomeId === outcome.id);
    if (!contribution) continue;
    contributions.push({
      partner: { id: partner.id, name: partner.name },
      outcomeId: outcome.id,
      statement: contribution.statement,
      gapNote: contribution.gapNote,
      commitments: contribution.commitments,
      listed: listed.has(partner.id),
    });
  }
  const contributing = new Set<string>(contributions.map((contribution) => contribution.partner.id));
  const deliveringPartners = frame.partners
    .filter((partner) => listed.has(partner.id) || contributing.has(partner.id))
    .map((partner) => ({ id: partner.id, name: partner.name }));

  const indicators = frame.indicators
    .filter((indicator) => indicator.outcomeId === outcome.id)
    .map((indicator) => {
      const view = indicatorView(indicator, refOf(assembly, indicator.leadPartnerId));
      if (indicator.leadPartnerId && !view.leadPartner) {
        orphans.push({
          kind: 'missing-indicator-lead-partner',
          message: `Indicator "${truncate(view.displayName, 60)}" is led by a partner that has been removed. Choose a new lead partner.`,
          owner: { kind: 'coordinators' },
          outcomeId: outcome.id,
          indicatorId: indicator.id,
          partnerId: indicator.leadPartnerId,
        });
      }
      return view;
    });

  const prioritySet = new Set<string>(outcome.priorityIds);
  return {
    id: outcome.id,
    number: index + 1,
    title: outcome.title,
    tenYearStatement: outcome.tenYearStatement,
    evidence: outcome.evidence,
    nationalOutcomes,
    priorities: POLICY_PRIORITIES.filter((priority) => prioritySet.has(priority.id)),
    tags: outcome.tags,
    leadPartner,
    deliveringPartners,
    indicators,
    contributions,
    equalityNote: outcome.equalityNote,
    gapNote: outcome.gapNote,
  };
}

/** Indicators whose outcome has been deleted. */
function findIndicatorsOfMissingOutcomes({ frame, outcomeIds, orphans }: Assembly): void {
  for (const indicator of frame.indicators) {
    if (!outcomeIds.has(indicator.outcomeId)) {
      orphans.push({
        kind: 'indicator-of-missing-outcome',
        message: `Indicator "${truncate(indicatorView(indicator, null).displayName, 60)}" belongs to a local outcome that has been deleted. Move it to another outcome or delete it.`,
        owner: { kind: 'coordinators' },
        outcomeId: indicator.outcomeId,
        indicatorId: indicator.id,
      });
    }
  }
}

/** Reads the documents and assembles them. Partner docs are keyed by partner id; one that fails is marked. */
export function assembleFromDocs(frameDoc: Y.Doc, partnerDocs: ReadonlyMap<PartnerId, Y.Doc>): SoaSnapshot {
  const { contents, unreadable } = readPartnerRooms(partnerDocs);
  return assembleSoa(new FrameDocument(frameDoc).read(), contents, unreadable);
}

function indicatorView(indicator: IndicatorEntry, leadPartner: PartnerRef | null): IndicatorView {
  const catalogue = indicator.catalogueId ? (findCatalogueIndicator(indicator.catalogueId) ?? null) : null;
  return {
    ...indicator,
    catalogue,
    displayName: indicator.name || catalogue?.name || 'Unnamed indicator',
    displayDefinition: indicator.definition || catalogue?.definition || '',
    displaySource: indicator.source || catalogue?.source || '',
    displayUnit: indicator.unit || catalogue?.unit || '',
    leadPartner,
  };
}

function summariseResources(partners: readonly PartnerView[], outcomes: readonly OutcomeView[]): ResourceSummary {
  const byPartner: PartnerResources[] = partners.map((partner) => {
    const sums = { pounds: 0, fte: 0, preventativePounds: 0, preventativeFte: 0 };
    for (const outcome of outcomes) {
      for (const contribution of outcome.contributions) {
        if (contribution.partner.id !== partner.id) continue;
        for (const commitment of contribution.commitments) {
          sums.pounds += commitment.resourcePounds ?? 0;
          sums.fte += commitment.resourceFte ?? 0;
          if (commitment.preventative) {
            sums.preventativePounds += commitment.resourcePounds ?? 0;
            sums.preventativeFte += commitment.resourceFte ?? 0;
          }
        }
      }
    }
    return { partner: { id: partner.id, name: partner.name }, ...sums };
  });
  const total = { pounds: 0, fte: 0, preventativePounds: 0, preventativeFte: 0 };
  for (const row of byPartner) {
    total.pounds += row.pounds;
    total.fte += row.fte;
    total.preventativePounds += row.preventativePounds;
    total.preventativeFte += row.preventativeFte;
  }
  return { byPartner, total };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

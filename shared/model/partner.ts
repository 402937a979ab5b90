/**
 * A partner document (room `soa/<soaId>/partner/<partnerId>`), written only by that partner's members: its
 * contribution to each local outcome it works on, its commitments and resources, links to its own
 * indicators, a general statement, notes on gaps, and its sign-off. Yjs shape:
 *
 *   meta                       Y.Map       { schemaVersion, partnerId }
 *   contributions              Y.Map       outcomeId -> true: the outcomes this partner contributes to
 *   contribution.<outcomeId>   XmlFragment the contribution statement for that outcome (a root type, so two
 *                                          officers who start the same contribution offline merge their text
 *                                          instead of one container replacing the other)
 *   commitments                Y.Map       commitmentId -> Y.Map { outcomeId, order, timescale,
 *                                          resourcePounds, resourceFte (each the text as typed), preventative }
 *   indicatorLinks             Y.Map       linkId -> Y.Map { outcomeId, indicatorId, scheme, reference }
 *   text.contributionNote.<outcomeId>, text.commitment.<id>.action, text.indicatorLink.<id>.description
 *                              Y.Text      notes on gaps, actions, descriptions, merged by character (version
 *                                          1 kept them as strings in contributionNotes and the maps above,
 *                                          which are still read: textFields.ts)
 *   statement                  XmlFragment the partner's general statement of support
 *   gapNotes                   XmlFragment the partner's notes on gaps still to fill
 *   signOff                    Y.Map       { state, officerName, officerPosition, date, fingerprint, covered }
 *   totalResources, text.totalResources.basis   the partner's total resources in the area (totalResources.ts)
 *
 * The sign-off stores a fingerprint of the content it approved (`fingerprint`, this room's content) and, for
 * an agreement, one fingerprint per section it covers (`covered`: this room's sections and the frame
 * sections of the outcomes the partner delivers, see agreement.ts). When content marked ready changes, the
 * partner is back in draft; when what an agreement covers changes, it is "Agreed to an earlier version" with
 * what changed, until the partner confirms again (see effectiveSignOff in agreement.ts).
 */
import * as Y from 'yjs';
import { fingerprintOf } from './fingerprint';
import type { SignOffStatus } from './stateNames';
import {
  isWellFormedId,
  newId,
  type CommitmentId,
  type IndicatorId,
  type OutcomeId,
  type PartnerId,
  type PartnerIndicatorLinkId,
} from './ids';
import { compareOrdered, orderKeyAt, orderKeyAtEnd } from './ordering';
import { ORIGIN_LOCAL, type TransactionOrigin } from './origins';
import { figureFromStored } from '../text/figures';
import { TEXT_LIMITS, withinLimit } from './limits';
import { readRichText, type RichText, writeRichText } from './richText';
import { PARTNER_SCHEMA_VERSION, migratePartner } from './schema';
import { readTextField, replaceText } from './textFields';
import { commitmentTextRoot, contributionNoteRoot, linkTextRoot } from './textKeys';
import {
  hasTotalResources,
  readTotalResources,
  totalResourcesBasis,
  writeTotalResources,
  type TotalResources,
  type TotalResourcesFields,
} from './totalResources';
import { readBoolean, readIsoDate, readNumber, readString, readYMap } from './yValues';

/** A partner's sign-off of its part of the SOA. */
export const SIGN_OFF_STATES = ['draft', 'ready', 'agreed'] as const;
/** draft: still being written; ready: ready for sign-off; agreed: endorsed by the partner. */
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

/** Where a partner's own indicator comes from. */
export const INDICATOR_LINK_SCHEMES = ['heat', 'ldp', 'police-plan', 'fire-plan', 'other'] as const;
export type IndicatorLinkScheme = (typeof INDICATOR_LINK_SCHEMES)[number];

export const INDICATOR_LINK_SCHEME_LABELS: Readonly<Record<IndicatorLinkScheme, string>> = {
  heat: 'NHS HEAT target',
  ldp: 'NHS LDP standard',
  'police-plan': 'Local police plan',
  'fire-plan': 'Local fire and rescue plan',
  other: 'Other plan',
};

export interface Commitment {
  readonly id: CommitmentId;
  readonly outcomeId: OutcomeId;
  readonly order: string;
  /** What the partner will do. */
  readonly action: string;
  /** By when, in words ("by March 2015", "2013-2016"). */
  readonly timescale: string;
  /** Money committed, in pounds; null when none is stated or it is in words. */
  readonly resourcePounds: number | null;
  /** Staff committed, in full-time equivalents; null when none is stated or it is in words. */
  readonly resourceFte: number | null;
  /** The resources as typed ("£120,000", "Within existing budgets"); '' when not stated. */
  readonly resourcePoundsText: string;
  readonly resourceFteText: string;
  /** Whether this is preventative spend (it feeds the prevention plan). */
  readonly preventative: boolean;
}

export type CommitmentFields = Omit<Commitment, 'id' | 'outcomeId' | 'order'>;

/** A plain-text field of a partner room that is a Y.Text (see textFields.ts). */
export type PartnerTextField =
  | { readonly kind: 'contributionNote'; readonly outcomeId: OutcomeId }
  | { readonly kind: 'commitmentAction'; readonly id: CommitmentId }
  | { readonly kind: 'linkDescription'; readonly id: PartnerIndicatorLinkId };

export function partnerTextLimit(_field: PartnerTextField): number {
  return TEXT_LIMITS.note;
}

/** A link from the partner's own plans (HEAT/LDP, police, fire) to an SOA outcome or indicator. */
export interface IndicatorLink {
  readonly id: PartnerIndicatorLinkId;
  readonly outcomeId: OutcomeId | null;
  readonly indicatorId: IndicatorId | null;
  readonly scheme: IndicatorLinkScheme;
  /** The reference in the partner's plan, e.g. "HEAT H4". */
  readonly reference: string;
  readonly description: string;
}

export type IndicatorLinkFields = Omit<IndicatorLink, 'id'>;

export interface StoredSignOff {
  readonly state: SignOffState;
  readonly officerName: string;
  readonly officerPosition: string;
  /** ISO date of the last sign-off change. */
  readonly date: string | null;
  /** Fingerprint of the partner content this sign-off applies to (empty while in draft). */
  readonly fingerprint: string;
  /** For an agreement: the fingerprint of each section it covers when it was given; null before this was recorded. */
  readonly covered: SignOffCoverage | null;
  /**
   * For an agreement: the latest named version of the SOA the app knew when the partner agreed (the relay's
   * versions); null or absent for an agreement given before versions, or with none recorded.
   */
  readonly versionId?: string | null;
}

/**
 * Section key -> fingerprint of that section, for what an agreement covers (keys are built in agreement.ts).
 * Stored as one plain value, so two officers agreeing at once leave one whole record, never a mix.
 */
export type SignOffCoverage = Readonly<Record<string, string>>;

/** A part of an outcome an agreement covers: a frame section of the outcome, or the partner's contribution to it. */
export const COVERED_OUTCOME_PARTS = [
  'title',
  'tenYearStatement',
  'evidence',
  'links',
  'partners',
  'indicators',
  'equalityNote',
  'gapNote',
  'contribution',
] as const;
export type CoveredOutcomePart = (typeof COVERED_OUTCOME_PARTS)[number];

/** A section of the partner's own room outside any outcome that an agreement covers. */
export const COVERED_OWN_PARTS = [
  'statement',
  'gapNotes',
  'indicatorLinks',
  'looseCommitments',
  'totalResources',
] as const;
export type CoveredOwnPart = (typeof COVERED_OWN_PARTS)[number];

/** One thing that changed since a partner agreed: an outcome it now delivers or no longer delivers, or sections that differ. */
export interface SignOffChange {
  readonly kind: 'outcome-added' | 'outcome-removed' | 'outcome-changed' | 'own-changed';
  /** The outcome concerned; null for the partner's own sections outside any outcome. */
  readonly outcomeId: OutcomeId | null;
  /** The sections that differ (empty for an outcome added or removed). */
  readonly parts: readonly (CoveredOutcomePart | CoveredOwnPart)[];
  /** Plain English, e.g. 'Outcome 2 ("Safer communities"): the indicators and targets changed'. */
  readonly description: string;
}

/** The sign-off as it stands now, for every screen and the export. */
export interface EffectiveSignOff extends Omit<StoredSignOff, 'state'> {
  readonly state: SignOffStatus;
  /** True when the partner had marked its content ready but it has changed since, so it is back in draft. */
  readonly lapsed: boolean;
  /** For 'agreed-earlier-version': what changed since the agreement, in document order. Empty otherwise. */
  readonly changes: readonly SignOffChange[];
}

/** One contribution as stored: the statement and notes for one outcome. */
export interface ContributionEntry {
  readonly outcomeId: OutcomeId;
  readonly statement: RichText;
  readonly gapNote: string;
  readonly commitments: readonly Commitment[];
}

/** Everything a partner room holds, as plain data. */
export interface PartnerContent {
  readonly schemaVersion: number;
  readonly partnerId: PartnerId | null;
  readonly contributions: readonly ContributionEntry[];
  /** Commitments whose outcome this partner no longer lists as a contribution. */
  readonly looseCommitments: readonly Commitment[];
  readonly indicatorLinks: readonly IndicatorLink[];
  readonly statement: RichText;
  readonly gapNotes: RichText;
  readonly signOff: StoredSignOff;
  /** The partner's total resources deployed in the area, beside what it commits to the SOA. */
  readonly totalResources: TotalResources;
}

/** The content a sign-off covers: everything the partner wrote except the sign-off itself. */
export function signableContent(content: PartnerContent): unknown {
  return {
    contributions: content.contributions.map((contribution) => ({
      ...contribution,
      commitments: contribution.commitments.map(signableCommitment),
    })),
    looseCommitments: content.looseCommitments.map(signableCommitment),
    indicatorLinks: content.indicatorLinks,
    statement: content.statement,
    gapNotes: content.gapNotes,
    // Left out while empty, so a sign-off made before the field existed still matches.
    ...(hasTotalResources(content.totalResources) ? { totalResources: content.totalResources } : {}),
  };
}

/**
 * A commitment as a sign-off sees it. A resource's text is included only where it says more than its number,
 * so a sign-off made before resources were kept as typed still matches the same content.
 */
function signableCommitment(commitment: Commitment): unknown {
  const { resourcePoundsText, resourceFteText, ...rest } = commitment;
  const said = (text: string, value: number | null) => text !== '' && text !== (value === null ? '' : String(value));
  return {
    ...rest,
    ...(said(resourcePoundsText, commitment.resourcePounds) ? { resourcePoundsText } : {}),
    ...(said(resourceFteText, commitment.resourceFte) ? { resourceFteText } : {}),
  };
}

export function fingerprintPartnerContent(content: PartnerContent): string {
  return fingerprintOf(signableContent(content));
}

/** Typed access to a partner Y.Doc. Nothing outside this class touches a partner room's Y types. */
export class PartnerDocument {
  constructor(readonly doc: Y.Doc) {}

  private get meta(): Y.Map<unknown> {
    return this.doc.getMap('meta');
  }
  private get contributionIndex(): Y.Map<unknown> {
    return this.doc.getMap('contributions');
  }
  private get contributionNotes(): Y.Map<unknown> {
    return this.doc.getMap('contributionNotes');
  }
  private get commitmentsMap(): Y.Map<unknown> {
    return this.doc.getMap('commitments');
  }
  private get indicatorLinksMap(): Y.Map<unknown> {
    return this.doc.getMap('indicatorLinks');
  }
  private get signOffMap(): Y.Map<unknown> {
    return this.doc.getMap('signOff');
  }

  private transact(change: () => void): void {
    this.doc.transact(change, ORIGIN_LOCAL);
  }

  isInitialised(): boolean {
    return typeof this.meta.get('schemaVersion') === 'number';
  }

  initialise(partnerId: PartnerId): void {
    this.transact(() => {
      this.meta.set('schemaVersion', PARTNER_SCHEMA_VERSION);
      this.meta.set('partnerId', partnerId);
    });
  }

  migrate(): void {
    migratePartner(this.doc);
  }

  // ---- plain-text fields (Y.Text) ----

  /** The Y.Text behind a text field, for the editor's binding; null when its commitment or link is gone. */
  text(field: PartnerTextField): Y.Text | null {
    if (field.kind === 'commitmentAction' && !readYMap(this.commitmentsMap, field.id)) return null;
    if (field.kind === 'linkDescription' && !readYMap(this.indicatorLinksMap, field.id)) return null;
    return this.doc.getText(this.textRoot(field));
  }

  readText(field: PartnerTextField): string {
    const [legacy, key] = this.legacyOf(field);
    return readTextField(this.doc, this.textRoot(field), legacy, key, partnerTextLimit(field));
  }

  /**
   * Replaces a text field's content with the smallest change. Throws TextTooLongError over its limit.
   * `origin` is 'typing' for keystrokes (see origins.ts).
   */
  setText(field: PartnerTextField, value: string, origin: TransactionOrigin = ORIGIN_LOCAL): void {
    if (!this.text(field)) return;
    withinLimit(value, 'note', textFieldName(field));
    this.doc.transact(() => {
      if (field.kind === 'contributionNote' && value.length > 0) this.contributionIndex.set(field.outcomeId, true);
      this.writeText(field, value);
    }, origin);
  }

  private writeText(field: PartnerTextField, value: string): void {
    replaceText(this.doc.getText(this.textRoot(field)), value);
    const [legacy, key] = this.legacyOf(field);
    if (legacy && legacy.get(key) !== undefined) legacy.delete(key);
  }

  private textRoot(field: PartnerTextField): string {
    if (field.kind === 'contributionNote') return contributionNoteRoot(field.outcomeId);
    if (field.kind === 'commitmentAction') return commitmentTextRoot(field.id, 'action');
    return linkTextRoot(field.id, 'description');
  }

  private legacyOf(field: PartnerTextField): [Y.Map<unknown> | null, string] {
    if (field.kind === 'contributionNote') return [this.contributionNotes, field.outcomeId];
    if (field.kind === 'commitmentAction') return [readYMap(this.commitmentsMap, field.id), 'action'];
    return [readYMap(this.indicatorLinksMap, field.id), 'description'];
  }

  // ---- fragments the rich-text editor binds to ----

  contributionFragment(outcomeId: OutcomeId): Y.XmlFragment {
    return this.doc.getXmlFragment(`contribution.${outcomeId}`);
  }

  statementFragment(): Y.XmlFragment {
    return this.doc.getXmlFragment('statement');
  }

  gapNotesFragment(): Y.XmlFragment {
    return this.doc.getXmlFragment('gapNotes');
  }

  // ---- reading ----

  contributingOutcomeIds(): OutcomeId[] {
    const ids: OutcomeId[] = [];
    for (const [key, value] of this.contributionIndex.entries()) {
      if (value === true && isWellFormedId(key)) ids.push(key as OutcomeId);
    }
    return ids.sort();
  }

  readCommitments(): Commitment[] {
    const commitments: Commitment[] = [];
    for (const [id, value] of this.commitmentsMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      const outcomeId = value.get('outcomeId');
      if (!isWellFormedId(outcomeId)) continue;
      const pounds = figureFromStored(value.get('resourcePounds'), 'pounds', TEXT_LIMITS.figure);
      const fte = figureFromStored(value.get('resourceFte'), 'fte', TEXT_LIMITS.figure);
      commitments.push({
        id: id as CommitmentId,
        outcomeId: outcomeId as OutcomeId,
        order: readString(value, 'order', 'a0', 200),
        action: this.readText({ kind: 'commitmentAction', id: id as CommitmentId }),
        timescale: readString(value, 'timescale', '', TEXT_LIMITS.timescale),
        resourcePounds: nonNegative(pounds.value),
        resourceFte: nonNegative(fte.value),
        resourcePoundsText: pounds.text,
        resourceFteText: fte.text,
        preventative: readBoolean(value, 'preventative', false),
      });
    }
    return commitments.sort(compareOrdered);
  }

  readIndicatorLinks(): IndicatorLink[] {
    const links: IndicatorLink[] = [];
    for (const [id, value] of this.indicatorLinksMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      const scheme = value.get('scheme');
      const outcomeId = value.get('outcomeId');
      const indicatorId = value.get('indicatorId');
      links.push({
        id: id as PartnerIndicatorLinkId,
        outcomeId: isWellFormedId(outcomeId) ? (outcomeId as OutcomeId) : null,
        indicatorId: isWellFormedId(indicatorId) ? (indicatorId as IndicatorId) : null,
        scheme: (INDICATOR_LINK_SCHEMES as readonly unknown[]).includes(scheme)
          ? (scheme as IndicatorLinkScheme)
          : 'other',
        reference: readString(value, 'reference', '', TEXT_LIMITS.reference),
        description: this.readText({ kind: 'linkDescription', id: id as PartnerIndicatorLinkId }),
      });
    }
    return links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  readStoredSignOff(): StoredSignOff {
    const map = this.signOffMap;
    const state = map.get('state');
    return {
      state: (SIGN_OFF_STATES as readonly unknown[]).includes(state) ? (state as SignOffState) : 'draft',
      officerName: readString(map, 'officerName', '', 200),
      officerPosition: readString(map, 'officerPosition', '', 200),
      date: readIsoDate(map, 'date'),
      fingerprint: readString(map, 'fingerprint', '', 128),
      covered: readCoverage(map.get('covered')),
      versionId: isWellFormedId(map.get('versionId')) ? (map.get('versionId') as string) : null,
    };
  }

  read(): PartnerContent {
    const partnerId = this.meta.get('partnerId');
    const outcomeIds = this.contributingOutcomeIds();
    const contributing = new Set<string>(outcomeIds);
    const commitments = this.readCommitments();
    return {
      schemaVersion: readNumber(this.meta, 'schemaVersion') ?? 0,
      partnerId: isWellFormedId(partnerId) ? (partnerId as PartnerId) : null,
      contributions: outcomeIds.map((outcomeId) => ({
        outcomeId,
        statement: readRichText(this.contributionFragment(outcomeId)),
        gapNote: this.readText({ kind: 'contributionNote', outcomeId }),
        commitments: commitments.filter((commitment) => commitment.outcomeId === outcomeId),
      })),
      looseCommitments: commitments.filter((commitment) => !contributing.has(commitment.outcomeId)),
      indicatorLinks: this.readIndicatorLinks(),
      statement: readRichText(this.statementFragment()),
      gapNotes: readRichText(this.gapNotesFragment()),
      signOff: this.readStoredSignOff(),
      totalResources: readTotalResources(this.doc),
    };
  }

  // ---- total resources in the area ----

  /**
   * Sets the amount, year or basis of the partner's total resources. Throws TextTooLongError over a limit.
   * `origin` is 'typing' for keystrokes (see origins.ts).
   */
  setTotalResources(fields: Partial<TotalResourcesFields>, origin: TransactionOrigin = ORIGIN_LOCAL): void {
    this.doc.transact(() => writeTotalResources(this.doc, fields), origin);
  }

  /** The Y.Text of the basis of the total resources, for the editor's binding. */
  totalResourcesBasisText(): Y.Text {
    return totalResourcesBasis(this.doc);
  }

  // ---- contributions ----

  /** Declares that this partner contributes to the outcome (idempotent; merges with concurrent adds). */
  addContribution(outcomeId: OutcomeId): void {
    this.transact(() => this.contributionIndex.set(outcomeId, true));
  }

  /** Withdraws the contribution: its statement, notes and commitments are removed with it. */
  removeContribution(outcomeId: OutcomeId): void {
    this.transact(() => {
      this.contributionIndex.delete(outcomeId);
      this.writeText({ kind: 'contributionNote', outcomeId }, '');
      const fragment = this.contributionFragment(outcomeId);
      if (fragment.length > 0) fragment.delete(0, fragment.length);
      for (const commitment of this.readCommitments()) {
        if (commitment.outcomeId === outcomeId) this.commitmentsMap.delete(commitment.id);
      }
    });
  }

  setContributionStatement(outcomeId: OutcomeId, text: RichText): void {
    this.transact(() => {
      this.contributionIndex.set(outcomeId, true);
      writeRichText(this.contributionFragment(outcomeId), text);
    });
  }

  setContributionGapNote(outcomeId: OutcomeId, note: string): void {
    this.setText({ kind: 'contributionNote', outcomeId }, note);
  }

  setStatement(text: RichText): void {
    this.transact(() => writeRichText(this.statementFragment(), text));
  }

  setGapNotes(text: RichText): void {
    this.transact(() => writeRichText(this.gapNotesFragment(), text));
  }

  // ---- commitments ----

  /** Adds a commitment. `id` is for callers that must be deterministic (the sample generator); omit it otherwise. */
  addCommitment(
    outcomeId: OutcomeId,
    fields: Partial<CommitmentFields> & { readonly action: string; readonly id?: CommitmentId },
    index?: number,
  ): CommitmentId {
    const id = fields.id ?? newId<CommitmentId>();
    checkCommitmentLimits(fields);
    this.transact(() => {
      this.contributionIndex.set(outcomeId, true);
      const siblings = this.readCommitments().filter((commitment) => commitment.outcomeId === outcomeId);
      const commitment = new Y.Map<unknown>();
      commitment.set('outcomeId', outcomeId);
      commitment.set('order', index === undefined ? orderKeyAtEnd(siblings) : orderKeyAt(siblings, index));
      this.commitmentsMap.set(id, commitment);
      writeCommitmentFields(commitment, { preventative: false, ...fields });
      if (fields.action) this.writeText({ kind: 'commitmentAction', id }, fields.action);
    });
    return id;
  }

  /** Changes a commitment. Text over its limit throws TextTooLongError and changes nothing. */
  updateCommitment(id: CommitmentId, patch: Partial<CommitmentFields>): void {
    const commitment = readYMap(this.commitmentsMap, id);
    if (!commitment) return;
    checkCommitmentLimits(patch);
    this.transact(() => {
      writeCommitmentFields(commitment, patch);
      if (patch.action !== undefined) this.writeText({ kind: 'commitmentAction', id }, patch.action);
    });
  }

  deleteCommitment(id: CommitmentId): void {
    this.transact(() => this.commitmentsMap.delete(id));
  }

  moveCommitment(id: CommitmentId, index: number): void {
    const commitment = readYMap(this.commitmentsMap, id);
    if (!commitment) return;
    const outcomeId = commitment.get('outcomeId');
    const siblings = this.readCommitments().filter(
      (candidate) => candidate.outcomeId === outcomeId && candidate.id !== id,
    );
    this.transact(() => commitment.set('order', orderKeyAt(siblings, index)));
  }

  // ---- own indicators ----

  /** Adds a link to one of the partner's own indicators. `id` is for deterministic callers; omit it otherwise. */
  addIndicatorLink(fields: IndicatorLinkFields & { readonly id?: PartnerIndicatorLinkId }): PartnerIndicatorLinkId {
    const id = fields.id ?? newId<PartnerIndicatorLinkId>();
    checkLinkLimits(fields);
    this.transact(() => {
      const link = new Y.Map<unknown>();
      this.indicatorLinksMap.set(id, link);
      writeIndicatorLinkFields(link, fields);
      if (fields.description) this.writeText({ kind: 'linkDescription', id }, fields.description);
    });
    return id;
  }

  updateIndicatorLink(id: PartnerIndicatorLinkId, patch: Partial<IndicatorLinkFields>): void {
    const link = readYMap(this.indicatorLinksMap, id);
    if (!link) return;
    checkLinkLimits(patch);
    this.transact(() => {
      writeIndicatorLinkFields(link, patch);
      if (patch.description !== undefined) this.writeText({ kind: 'linkDescription', id }, patch.description);
    });
  }

  deleteIndicatorLink(id: PartnerIndicatorLinkId): void {
    this.transact(() => this.indicatorLinksMap.delete(id));
  }

  // ---- sign-off ----

  /** Marks the partner's content as ready for sign-off, fingerprinting what is ready. */
  markReady(officerName: string, dateIso: string): void {
    this.writeSignOff('ready', officerName, '', dateIso);
  }

  /**
   * Records the partner's agreement by a named officer on a date, fingerprinting what was agreed. `cover`
   * gives the fingerprint of each section the agreement covers, from this room's content as it is now
   * (recordAgreement in agreement.ts passes the frame's sections too).
   */
  agree(
    officerName: string,
    officerPosition: string,
    dateIso: string,
    cover: (content: PartnerContent) => SignOffCoverage,
    versionId: string | null = null,
  ): void {
    this.writeSignOff('agreed', officerName, officerPosition, dateIso, cover, versionId);
  }

  /** Returns the partner to draft (for example before editing agreed content). */
  returnToDraft(dateIso: string): void {
    this.transact(() => {
      this.signOffMap.set('state', 'draft');
      this.signOffMap.set('date', dateIso);
      this.signOffMap.set('fingerprint', '');
      this.signOffMap.delete('covered');
      this.signOffMap.delete('versionId');
    });
  }

  private writeSignOff(
    state: SignOffState,
    officerName: string,
    officerPosition: string,
    dateIso: string,
    cover?: (content: PartnerContent) => SignOffCoverage,
    versionId: string | null = null,
  ): void {
    const content = this.read();
    const fingerprint = fingerprintPartnerContent(content);
    const covered = cover ? cover(content) : null;
    this.transact(() => {
      this.signOffMap.set('state', state);
      this.signOffMap.set('officerName', officerName.slice(0, 200));
      this.signOffMap.set('officerPosition', officerPosition.slice(0, 200));
      this.signOffMap.set('date', dateIso);
      this.signOffMap.set('fingerprint', fingerprint);
      if (covered) this.signOffMap.set('covered', { ...covered });
      else this.signOffMap.delete('covered');
      if (versionId && isWellFormedId(versionId)) this.signOffMap.set('versionId', versionId);
      else this.signOffMap.delete('versionId');
    });
  }
}

const MAX_COVERED_SECTIONS = 10_000;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** A stored coverage record, or null when it is missing or not well formed (then only `fingerprint` is checked). */
function readCoverage(value: unknown): SignOffCoverage | null {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Y.AbstractType) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_COVERED_SECTIONS) return null;
  const coverage: Record<string, string> = {};
  for (const [key, fingerprint] of entries) {
    if (key.length > 200 || typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) return null;
    coverage[key] = fingerprint;
  }
  return coverage;
}

function nonNegative(value: number | null): number | null {
  return value !== null && value >= 0 ? value : null;
}

function checkCommitmentLimits(fields: Partial<CommitmentFields>): void {
  if (fields.action !== undefined) withinLimit(fields.action, 'note', 'The action');
  if (fields.timescale !== undefined) withinLimit(fields.timescale, 'timescale', 'The timescale');
  if (fields.resourcePoundsText !== undefined) withinLimit(fields.resourcePoundsText, 'figure', 'The resource');
  if (fields.resourceFteText !== undefined) withinLimit(fields.resourceFteText, 'figure', 'The staff resource');
}

function checkLinkLimits(fields: Partial<IndicatorLinkFields>): void {
  if (fields.reference !== undefined) withinLimit(fields.reference, 'reference', 'The reference');
  if (fields.description !== undefined) withinLimit(fields.description, 'note', 'The description');
}

function writeCommitmentFields(commitment: Y.Map<unknown>, fields: Partial<CommitmentFields>): void {
  if (fields.timescale !== undefined) commitment.set('timescale', fields.timescale);
  for (const key of ['resourcePounds', 'resourceFte'] as const) {
    // As typed (the editor), or a number (code such as the sample generator).
    const typed = fields[`${key}Text`];
    const value = fields[key];
    if (typed !== undefined) {
      if (typed.trim() === '') commitment.delete(key);
      else commitment.set(key, typed);
    } else if (value !== undefined) {
      if (value === null || !Number.isFinite(value) || value < 0) commitment.delete(key);
      else commitment.set(key, value);
    }
  }
  if (fields.preventative !== undefined) commitment.set('preventative', fields.preventative);
}

function textFieldName(field: PartnerTextField): string {
  if (field.kind === 'contributionNote') return 'The notes on gaps';
  if (field.kind === 'commitmentAction') return 'The action';
  return 'The description';
}

function writeIndicatorLinkFields(link: Y.Map<unknown>, fields: Partial<IndicatorLinkFields>): void {
  if (fields.scheme !== undefined) link.set('scheme', fields.scheme);
  if (fields.reference !== undefined) link.set('reference', fields.reference);
  for (const key of ['outcomeId', 'indicatorId'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value === null) link.delete(key);
    else link.set(key, value);
  }
}

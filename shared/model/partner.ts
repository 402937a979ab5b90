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
 *   contributionNotes          Y.Map       outcomeId -> string: notes on gaps for that contribution
 *   commitments                Y.Map       commitmentId -> Y.Map { outcomeId, order, action, timescale,
 *                                          resourcePounds, resourceFte, preventative }
 *   indicatorLinks             Y.Map       linkId -> Y.Map { outcomeId, indicatorId, scheme, reference, description }
 *   statement                  XmlFragment the partner's general statement of support
 *   gapNotes                   XmlFragment the partner's notes on gaps still to fill
 *   signOff                    Y.Map       { state, officerName, officerPosition, date, fingerprint }
 *
 * The sign-off stores a fingerprint of the content it approved; when the content differs, the sign-off is
 * shown as lapsed and the partner as back in draft (see effectiveSignOff).
 */
import * as Y from 'yjs';
import { fingerprintOf } from './fingerprint';
import { isWellFormedId, newId, type CommitmentId, type IndicatorId, type OutcomeId, type PartnerId, type PartnerIndicatorLinkId } from './ids';
import { compareOrdered, orderKeyAt, orderKeyAtEnd } from './ordering';
import { ORIGIN_LOCAL } from './origins';
import { readRichText, type RichText, writeRichText } from './richText';
import { PARTNER_SCHEMA_VERSION, migratePartner } from './schema';
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
  /** Money committed, in pounds; null when none is stated. */
  readonly resourcePounds: number | null;
  /** Staff committed, in full-time equivalents; null when none is stated. */
  readonly resourceFte: number | null;
  /** Whether this is preventative spend (it feeds the prevention plan). */
  readonly preventative: boolean;
}

export type CommitmentFields = Omit<Commitment, 'id' | 'outcomeId' | 'order'>;

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
}

/** The content a sign-off covers: everything the partner wrote except the sign-off itself. */
export function signableContent(content: PartnerContent): unknown {
  return {
    contributions: content.contributions,
    looseCommitments: content.looseCommitments,
    indicatorLinks: content.indicatorLinks,
    statement: content.statement,
    gapNotes: content.gapNotes,
  };
}

export function fingerprintPartnerContent(content: PartnerContent): string {
  return fingerprintOf(signableContent(content));
}

/** The sign-off as it stands now: a sign-off whose fingerprint no longer matches has lapsed to draft. */
export interface EffectiveSignOff extends StoredSignOff {
  /** True when the partner had signed off (ready or agreed) but its content has changed since. */
  readonly lapsed: boolean;
}

export function effectiveSignOff(content: PartnerContent): EffectiveSignOff {
  const stored = content.signOff;
  if (stored.state === 'draft') return { ...stored, lapsed: false };
  if (stored.fingerprint === fingerprintPartnerContent(content)) return { ...stored, lapsed: false };
  return { ...stored, state: 'draft', lapsed: true };
}

const MAX_TEXT = 100_000;

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
      commitments.push({
        id: id as CommitmentId,
        outcomeId: outcomeId as OutcomeId,
        order: readString(value, 'order', 'a0', 200),
        action: readString(value, 'action', '', MAX_TEXT),
        timescale: readString(value, 'timescale', '', 500),
        resourcePounds: nonNegative(readNumber(value, 'resourcePounds')),
        resourceFte: nonNegative(readNumber(value, 'resourceFte')),
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
        scheme: (INDICATOR_LINK_SCHEMES as readonly unknown[]).includes(scheme) ? (scheme as IndicatorLinkScheme) : 'other',
        reference: readString(value, 'reference', '', 200),
        description: readString(value, 'description', '', MAX_TEXT),
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
        gapNote: readString(this.contributionNotes, outcomeId, '', MAX_TEXT),
        commitments: commitments.filter((commitment) => commitment.outcomeId === outcomeId),
      })),
      looseCommitments: commitments.filter((commitment) => !contributing.has(commitment.outcomeId)),
      indicatorLinks: this.readIndicatorLinks(),
      statement: readRichText(this.statementFragment()),
      gapNotes: readRichText(this.gapNotesFragment()),
      signOff: this.readStoredSignOff(),
    };
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
      this.contributionNotes.delete(outcomeId);
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
    this.transact(() => {
      if (note.length === 0) this.contributionNotes.delete(outcomeId);
      else this.contributionNotes.set(outcomeId, note.slice(0, MAX_TEXT));
    });
  }

  setStatement(text: RichText): void {
    this.transact(() => writeRichText(this.statementFragment(), text));
  }

  setGapNotes(text: RichText): void {
    this.transact(() => writeRichText(this.gapNotesFragment(), text));
  }

  // ---- commitments ----

  /** Adds a commitment. `id` is for callers that must be deterministic (the sample generator); omit it otherwise. */
  addCommitment(outcomeId: OutcomeId, fields: Partial<CommitmentFields> & { readonly action: string; readonly id?: CommitmentId }, index?: number): CommitmentId {
    const id = fields.id ?? newId<CommitmentId>();
    this.transact(() => {
      this.contributionIndex.set(outcomeId, true);
      const siblings = this.readCommitments().filter((commitment) => commitment.outcomeId === outcomeId);
      const commitment = new Y.Map<unknown>();
      commitment.set('outcomeId', outcomeId);
      commitment.set('order', index === undefined ? orderKeyAtEnd(siblings) : orderKeyAt(siblings, index));
      writeCommitmentFields(commitment, { preventative: false, ...fields });
      this.commitmentsMap.set(id, commitment);
    });
    return id;
  }

  updateCommitment(id: CommitmentId, patch: Partial<CommitmentFields>): void {
    const commitment = readYMap(this.commitmentsMap, id);
    if (commitment) this.transact(() => writeCommitmentFields(commitment, patch));
  }

  deleteCommitment(id: CommitmentId): void {
    this.transact(() => this.commitmentsMap.delete(id));
  }

  moveCommitment(id: CommitmentId, index: number): void {
    const commitment = readYMap(this.commitmentsMap, id);
    if (!commitment) return;
    const outcomeId = commitment.get('outcomeId');
    const siblings = this.readCommitments().filter((candidate) => candidate.outcomeId === outcomeId && candidate.id !== id);
    this.transact(() => commitment.set('order', orderKeyAt(siblings, index)));
  }

  // ---- own indicators ----

  /** Adds a link to one of the partner's own indicators. `id` is for deterministic callers; omit it otherwise. */
  addIndicatorLink(fields: IndicatorLinkFields & { readonly id?: PartnerIndicatorLinkId }): PartnerIndicatorLinkId {
    const id = fields.id ?? newId<PartnerIndicatorLinkId>();
    this.transact(() => {
      const link = new Y.Map<unknown>();
      writeIndicatorLinkFields(link, fields);
      this.indicatorLinksMap.set(id, link);
    });
    return id;
  }

  updateIndicatorLink(id: PartnerIndicatorLinkId, patch: Partial<IndicatorLinkFields>): void {
    const link = readYMap(this.indicatorLinksMap, id);
    if (link) this.transact(() => writeIndicatorLinkFields(link, patch));
  }

  deleteIndicatorLink(id: PartnerIndicatorLinkId): void {
    this.transact(() => this.indicatorLinksMap.delete(id));
  }

  // ---- sign-off ----

  /** Marks the partner's content as ready for sign-off, fingerprinting what is ready. */
  markReady(officerName: string, dateIso: string): void {
    this.writeSignOff('ready', officerName, '', dateIso);
  }

  /** Records the partner's agreement by a named officer on a date, fingerprinting what was agreed. */
  agree(officerName: string, officerPosition: string, dateIso: string): void {
    this.writeSignOff('agreed', officerName, officerPosition, dateIso);
  }

  /** Returns the partner to draft (for example before editing agreed content). */
  returnToDraft(dateIso: string): void {
    this.transact(() => {
      this.signOffMap.set('state', 'draft');
      this.signOffMap.set('date', dateIso);
      this.signOffMap.set('fingerprint', '');
    });
  }

  private writeSignOff(state: SignOffState, officerName: string, officerPosition: string, dateIso: string): void {
    const fingerprint = fingerprintPartnerContent(this.read());
    this.transact(() => {
      this.signOffMap.set('state', state);
      this.signOffMap.set('officerName', officerName.slice(0, 200));
      this.signOffMap.set('officerPosition', officerPosition.slice(0, 200));
      this.signOffMap.set('date', dateIso);
      this.signOffMap.set('fingerprint', fingerprint);
    });
  }
}

function nonNegative(value: number | null): number | null {
  return value !== null && value >= 0 ? value : null;
}

function writeCommitmentFields(commitment: Y.Map<unknown>, fields: Partial<CommitmentFields>): void {
  if (fields.action !== undefined) commitment.set('action', fields.action.slice(0, MAX_TEXT));
  if (fields.timescale !== undefined) commitment.set('timescale', fields.timescale.slice(0, 500));
  for (const key of ['resourcePounds', 'resourceFte'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value === null || !Number.isFinite(value) || value < 0) commitment.delete(key);
    else commitment.set(key, value);
  }
  if (fields.preventative !== undefined) commitment.set('preventative', fields.preventative);
}

function writeIndicatorLinkFields(link: Y.Map<unknown>, fields: Partial<IndicatorLinkFields>): void {
  if (fields.scheme !== undefined) link.set('scheme', fields.scheme);
  if (fields.reference !== undefined) link.set('reference', fields.reference.slice(0, 200));
  if (fields.description !== undefined) link.set('description', fields.description.slice(0, MAX_TEXT));
  for (const key of ['outcomeId', 'indicatorId'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value === null) link.delete(key);
    else link.set(key, value);
  }
}

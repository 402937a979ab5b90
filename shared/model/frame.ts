/**
 * The frame document (room `soa/<soaId>/frame`), written by the partnership's coordinators: the SOA's
 * title, area, period, framework, status and deadlines; the partners; the local outcomes with their links to
 * National Outcomes and policy priorities; the indicators with baselines and targets; and the shared
 * narrative sections. This module alone knows the document's Yjs shape:
 *
 *   meta        Y.Map      scalar fields of the SOA (see FRAME_META_KEYS)
 *   partners    Y.Map      partnerId -> Y.Map { name, kind, order }
 *   outcomes    Y.Map      outcomeId -> Y.Map { title, order, leadPartnerId, gapNote, equalityNote,
 *                                             tenYear: XmlFragment, evidence: XmlFragment,
 *                                             nationalOutcomes, priorities, tags, deliveringPartners: Y.Map set }
 *   indicators  Y.Map      indicatorId -> Y.Map { outcomeId, order, catalogueId, name, definition, source,
 *                                             unit, higherIsBetter, baselineValue, baselineYear,
 *                                             target1, target3, target10, leadPartnerId }
 *   narrative.<key>  XmlFragment   one per shared narrative section (NARRATIVE_KEYS)
 *
 * Scalars are last-writer-wins per field; sets are Y.Maps of key -> true so concurrent additions merge;
 * order is a fractional key per item (see ordering.ts). Nested containers are only created together with
 * their item, whose id is new, so two replicas never race to create the same container.
 */
import * as Y from 'yjs';
import { isFrameworkId, isPartnerKind, isPolicyPriorityId, type FrameworkId, type PartnerKind, type PolicyPriorityId } from '../reference';
import { isWellFormedId, newId, type IndicatorId, type OutcomeId, type PartnerId, type SoaId } from './ids';
import { compareOrdered, orderKeyAt, orderKeyAtEnd } from './ordering';
import { ORIGIN_LOCAL } from './origins';
import { readRichText, type RichText, writeRichText } from './richText';
import { FRAME_SCHEMA_VERSION, migrateFrame } from './schema';
import { readBoolean, readFragment, readIsoDate, readKeySet, readNumber, readOptionalString, readString, readYMap } from './yValues';

/** Where the SOA stands in its year: drafting, draft sent to the Scottish Government, or agreed. */
export const SOA_STATUSES = ['drafting', 'draft-submitted', 'agreed'] as const;
export type SoaStatus = (typeof SOA_STATUSES)[number];

/** The shared narrative sections the coordinators write (rich text). */
export const NARRATIVE_KEYS = [
  'foreword',
  'purpose',
  'understandingOfPlace',
  'vision',
  'preventionOverview',
  'communityEngagement',
  'equalities',
  'governance',
  'gapNotes',
] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

export const NARRATIVE_TITLES: Readonly<Record<NarrativeKey, string>> = {
  foreword: 'Foreword and summary',
  purpose: 'Purpose and scope',
  understandingOfPlace: 'Our place',
  vision: 'Our vision',
  preventionOverview: 'Prevention plan',
  communityEngagement: 'Community engagement',
  equalities: 'Equalities',
  governance: 'Governance and performance management',
  gapNotes: 'Notes on gaps still to be filled',
};

/** The SOA's own facts, as written in the frame's `meta` map. */
export interface SoaMeta {
  readonly soaId: SoaId | null;
  /** e.g. "Highland Single Outcome Agreement 2013-2023". */
  readonly title: string;
  /** The council area, e.g. "Highland". */
  readonly area: string;
  /** e.g. "Highland Community Planning Partnership". */
  readonly partnershipName: string;
  readonly periodStart: number | null;
  readonly periodEnd: number | null;
  readonly framework: FrameworkId;
  readonly status: SoaStatus;
  /** Document control version shown on the inside cover and footer, e.g. "0.3". */
  readonly version: string;
  /** ISO date the draft is due with the Scottish Government. */
  readonly draftDue: string | null;
  /** ISO date the SOA must be agreed by. */
  readonly agreementDue: string | null;
  /** Who to contact for the document in other formats and languages. */
  readonly alternativeFormatsContact: string;
}

export type SoaMetaPatch = Partial<Omit<SoaMeta, 'soaId'>>;

export interface PartnerEntry {
  readonly id: PartnerId;
  readonly name: string;
  readonly kind: PartnerKind;
  readonly order: string;
}

/** A local outcome as the frame stores it (references not yet resolved). */
export interface LocalOutcomeEntry {
  readonly id: OutcomeId;
  readonly order: string;
  readonly title: string;
  /** What will be different in ten years. */
  readonly tenYearStatement: RichText;
  /** Why this outcome: the evidence from the strategic assessment. */
  readonly evidence: RichText;
  /** National Outcome ids; may include ids from another framework (reported as orphans). */
  readonly nationalOutcomeIds: readonly string[];
  readonly priorityIds: readonly PolicyPriorityId[];
  /** Free tags such as "Fairer Scotland Fund". */
  readonly tags: readonly string[];
  readonly leadPartnerId: PartnerId | null;
  readonly deliveringPartnerIds: readonly PartnerId[];
  /** The equality outcome this local outcome carries, in a sentence. */
  readonly equalityNote: string;
  /** What is still missing and when it will be filled. */
  readonly gapNote: string;
}

export interface IndicatorEntry {
  readonly id: IndicatorId;
  readonly outcomeId: OutcomeId;
  readonly order: string;
  /** The CPOP catalogue entry this indicator comes from, or null for a local definition. */
  readonly catalogueId: string | null;
  readonly name: string;
  readonly definition: string;
  /** Where the data comes from; required for a local indicator. */
  readonly source: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly baselineValue: number | null;
  readonly baselineYear: number | null;
  readonly target1: number | null;
  readonly target3: number | null;
  readonly target10: number | null;
  readonly leadPartnerId: PartnerId | null;
}

export type LocalOutcomeFields = Pick<LocalOutcomeEntry, 'title' | 'equalityNote' | 'gapNote'> & {
  readonly leadPartnerId: PartnerId | null;
};

export type IndicatorFields = Omit<IndicatorEntry, 'id' | 'outcomeId' | 'order'>;

/** Everything the frame holds, as plain data. */
export interface FrameContent {
  readonly schemaVersion: number;
  readonly meta: SoaMeta;
  readonly partners: readonly PartnerEntry[];
  readonly outcomes: readonly LocalOutcomeEntry[];
  readonly indicators: readonly IndicatorEntry[];
  readonly narrative: Readonly<Record<NarrativeKey, RichText>>;
}

export interface NewSoaFields {
  readonly soaId: SoaId;
  readonly title: string;
  readonly area: string;
  readonly partnershipName: string;
  readonly framework: FrameworkId;
  readonly periodStart?: number;
  readonly periodEnd?: number;
  readonly draftDue?: string;
  readonly agreementDue?: string;
}

const MAX_TEXT = 100_000;
const MAX_TITLE = 500;

/** Typed access to a frame Y.Doc. Nothing outside this class touches the frame's Y types directly. */
export class FrameDocument {
  constructor(readonly doc: Y.Doc) {}

  private get meta(): Y.Map<unknown> {
    return this.doc.getMap('meta');
  }
  private get partnersMap(): Y.Map<unknown> {
    return this.doc.getMap('partners');
  }
  private get outcomesMap(): Y.Map<unknown> {
    return this.doc.getMap('outcomes');
  }
  private get indicatorsMap(): Y.Map<unknown> {
    return this.doc.getMap('indicators');
  }

  private transact(change: () => void): void {
    this.doc.transact(change, ORIGIN_LOCAL);
  }

  /** True once the frame has been created (locally or received from the relay). */
  isInitialised(): boolean {
    return typeof this.meta.get('schemaVersion') === 'number';
  }

  /** Writes the first content of a new SOA. */
  initialise(fields: NewSoaFields): void {
    this.transact(() => {
      this.meta.set('schemaVersion', FRAME_SCHEMA_VERSION);
      this.meta.set('soaId', fields.soaId);
      this.meta.set('title', clip(fields.title, MAX_TITLE));
      this.meta.set('area', clip(fields.area, MAX_TITLE));
      this.meta.set('partnershipName', clip(fields.partnershipName, MAX_TITLE));
      this.meta.set('framework', fields.framework);
      this.meta.set('status', 'drafting');
      this.meta.set('version', '0.1');
      if (fields.periodStart !== undefined) this.meta.set('periodStart', fields.periodStart);
      if (fields.periodEnd !== undefined) this.meta.set('periodEnd', fields.periodEnd);
      if (fields.draftDue) this.meta.set('draftDue', fields.draftDue);
      if (fields.agreementDue) this.meta.set('agreementDue', fields.agreementDue);
    });
  }

  /** Upgrades an older document to the current schema (a coordinator's client does this on open). */
  migrate(): void {
    migrateFrame(this.doc);
  }

  schemaVersion(): number {
    return readNumber(this.meta, 'schemaVersion') ?? 0;
  }

  // ---- reading ----

  readMeta(): SoaMeta {
    const meta = this.meta;
    const framework = meta.get('framework');
    const status = meta.get('status');
    const soaId = meta.get('soaId');
    return {
      soaId: isWellFormedId(soaId) ? (soaId as SoaId) : null,
      title: readString(meta, 'title', '', MAX_TITLE),
      area: readString(meta, 'area', '', MAX_TITLE),
      partnershipName: readString(meta, 'partnershipName', '', MAX_TITLE),
      periodStart: readNumber(meta, 'periodStart'),
      periodEnd: readNumber(meta, 'periodEnd'),
      framework: isFrameworkId(framework) ? framework : 'npf-2011',
      status: (SOA_STATUSES as readonly unknown[]).includes(status) ? (status as SoaStatus) : 'drafting',
      version: readString(meta, 'version', '0.1', 20),
      draftDue: readIsoDate(meta, 'draftDue'),
      agreementDue: readIsoDate(meta, 'agreementDue'),
      alternativeFormatsContact: readString(meta, 'alternativeFormatsContact', '', 2000),
    };
  }

  readPartners(): PartnerEntry[] {
    const partners: PartnerEntry[] = [];
    for (const [id, value] of this.partnersMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      const kind = value.get('kind');
      partners.push({
        id: id as PartnerId,
        name: readString(value, 'name', 'Unnamed partner', MAX_TITLE),
        kind: isPartnerKind(kind) ? kind : 'other',
        order: readString(value, 'order', 'a0', 200),
      });
    }
    return partners.sort(compareOrdered);
  }

  readOutcomes(): LocalOutcomeEntry[] {
    const outcomes: LocalOutcomeEntry[] = [];
    for (const [id, value] of this.outcomesMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      outcomes.push(readOutcome(id as OutcomeId, value));
    }
    return outcomes.sort(compareOrdered);
  }

  readIndicators(): IndicatorEntry[] {
    const indicators: IndicatorEntry[] = [];
    for (const [id, value] of this.indicatorsMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      const outcomeId = value.get('outcomeId');
      if (!isWellFormedId(outcomeId)) continue;
      indicators.push(readIndicator(id as IndicatorId, outcomeId as OutcomeId, value));
    }
    return indicators.sort(compareOrdered);
  }

  readNarrative(key: NarrativeKey): RichText {
    return readRichText(this.narrativeFragment(key));
  }

  read(): FrameContent {
    const narrative = {} as Record<NarrativeKey, RichText>;
    for (const key of NARRATIVE_KEYS) narrative[key] = this.readNarrative(key);
    return {
      schemaVersion: this.schemaVersion(),
      meta: this.readMeta(),
      partners: this.readPartners(),
      outcomes: this.readOutcomes(),
      indicators: this.readIndicators(),
      narrative,
    };
  }

  // ---- fragments the rich-text editor binds to ----

  narrativeFragment(key: NarrativeKey): Y.XmlFragment {
    return this.doc.getXmlFragment(`narrative.${key}`);
  }

  outcomeTenYearFragment(outcomeId: OutcomeId): Y.XmlFragment | null {
    const outcome = readYMap(this.outcomesMap, outcomeId);
    return outcome ? readFragment(outcome, 'tenYear') : null;
  }

  outcomeEvidenceFragment(outcomeId: OutcomeId): Y.XmlFragment | null {
    const outcome = readYMap(this.outcomesMap, outcomeId);
    return outcome ? readFragment(outcome, 'evidence') : null;
  }

  // ---- SOA facts ----

  updateMeta(patch: SoaMetaPatch): void {
    this.transact(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (value === null) this.meta.delete(key);
        else this.meta.set(key, typeof value === 'string' ? clip(value, MAX_TITLE) : value);
      }
    });
  }

  setNarrative(key: NarrativeKey, text: RichText): void {
    this.transact(() => writeRichText(this.narrativeFragment(key), text));
  }

  // ---- partners ----

  addPartner(fields: { readonly name: string; readonly kind: PartnerKind; readonly id?: PartnerId }): PartnerId {
    const id = fields.id ?? newId<PartnerId>();
    this.transact(() => {
      const partner = new Y.Map<unknown>();
      partner.set('name', clip(fields.name, MAX_TITLE));
      partner.set('kind', fields.kind);
      partner.set('order', orderKeyAtEnd(this.readPartners()));
      this.partnersMap.set(id, partner);
    });
    return id;
  }

  updatePartner(id: PartnerId, patch: { readonly name?: string; readonly kind?: PartnerKind }): void {
    const partner = readYMap(this.partnersMap, id);
    if (!partner) return;
    this.transact(() => {
      if (patch.name !== undefined) partner.set('name', clip(patch.name, MAX_TITLE));
      if (patch.kind !== undefined) partner.set('kind', patch.kind);
    });
  }

  /** Removes a partner from the frame. Its room and any references to it become orphans to tidy. */
  removePartner(id: PartnerId): void {
    this.transact(() => this.partnersMap.delete(id));
  }

  // ---- local outcomes ----

  /** Adds a local outcome. `id` is for callers that must be deterministic (the sample generator); omit it otherwise. */
  addOutcome(fields: Partial<LocalOutcomeFields> & { readonly title: string; readonly id?: OutcomeId }, index?: number): OutcomeId {
    const id = fields.id ?? newId<OutcomeId>();
    this.transact(() => {
      const outcomes = this.readOutcomes();
      const outcome = new Y.Map<unknown>();
      outcome.set('title', clip(fields.title, MAX_TITLE));
      outcome.set('order', index === undefined ? orderKeyAtEnd(outcomes) : orderKeyAt(outcomes, index));
      if (fields.leadPartnerId) outcome.set('leadPartnerId', fields.leadPartnerId);
      outcome.set('equalityNote', clip(fields.equalityNote ?? '', MAX_TEXT));
      outcome.set('gapNote', clip(fields.gapNote ?? '', MAX_TEXT));
      outcome.set('tenYear', new Y.XmlFragment());
      outcome.set('evidence', new Y.XmlFragment());
      outcome.set('nationalOutcomes', new Y.Map<unknown>());
      outcome.set('priorities', new Y.Map<unknown>());
      outcome.set('tags', new Y.Map<unknown>());
      outcome.set('deliveringPartners', new Y.Map<unknown>());
      this.outcomesMap.set(id, outcome);
    });
    return id;
  }

  updateOutcome(id: OutcomeId, patch: Partial<LocalOutcomeFields>): void {
    const outcome = readYMap(this.outcomesMap, id);
    if (!outcome) return;
    this.transact(() => {
      if (patch.title !== undefined) outcome.set('title', clip(patch.title, MAX_TITLE));
      if (patch.equalityNote !== undefined) outcome.set('equalityNote', clip(patch.equalityNote, MAX_TEXT));
      if (patch.gapNote !== undefined) outcome.set('gapNote', clip(patch.gapNote, MAX_TEXT));
      if (patch.leadPartnerId !== undefined) {
        if (patch.leadPartnerId === null) outcome.delete('leadPartnerId');
        else outcome.set('leadPartnerId', patch.leadPartnerId);
      }
    });
  }

  setOutcomeTenYearStatement(id: OutcomeId, text: RichText): void {
    const fragment = this.outcomeTenYearFragment(id);
    if (fragment) this.transact(() => writeRichText(fragment, text));
  }

  setOutcomeEvidence(id: OutcomeId, text: RichText): void {
    const fragment = this.outcomeEvidenceFragment(id);
    if (fragment) this.transact(() => writeRichText(fragment, text));
  }

  /** Deletes an outcome. Its indicators and partners' contributions to it become orphans to tidy. */
  deleteOutcome(id: OutcomeId): void {
    this.transact(() => this.outcomesMap.delete(id));
  }

  /** Moves an outcome to `index` in the ordered list of outcomes. */
  moveOutcome(id: OutcomeId, index: number): void {
    const outcome = readYMap(this.outcomesMap, id);
    if (!outcome) return;
    const others = this.readOutcomes().filter((candidate) => candidate.id !== id);
    this.transact(() => outcome.set('order', orderKeyAt(others, index)));
  }

  setOutcomeNationalOutcome(id: OutcomeId, nationalOutcomeId: string, linked: boolean): void {
    this.setInOutcomeSet(id, 'nationalOutcomes', nationalOutcomeId, linked);
  }

  setOutcomePriority(id: OutcomeId, priorityId: PolicyPriorityId, linked: boolean): void {
    this.setInOutcomeSet(id, 'priorities', priorityId, linked);
  }

  setOutcomeTag(id: OutcomeId, tag: string, present: boolean): void {
    this.setInOutcomeSet(id, 'tags', clip(tag.trim(), 100), present);
  }

  setDeliveringPartner(id: OutcomeId, partnerId: PartnerId, delivering: boolean): void {
    this.setInOutcomeSet(id, 'deliveringPartners', partnerId, delivering);
  }

  private setInOutcomeSet(id: OutcomeId, setKey: string, member: string, present: boolean): void {
    const outcome = readYMap(this.outcomesMap, id);
    const set = outcome ? readYMap(outcome, setKey) : null;
    if (!set || member.length === 0) return;
    this.transact(() => {
      if (present) set.set(member, true);
      else set.delete(member);
    });
  }

  // ---- indicators ----

  /** Adds an indicator to an outcome. `id` is for callers that must be deterministic; omit it otherwise. */
  addIndicator(outcomeId: OutcomeId, fields: Partial<IndicatorFields> & { readonly name: string; readonly id?: IndicatorId }, index?: number): IndicatorId {
    const id = fields.id ?? newId<IndicatorId>();
    this.transact(() => {
      const siblings = this.readIndicators().filter((indicator) => indicator.outcomeId === outcomeId);
      const indicator = new Y.Map<unknown>();
      indicator.set('outcomeId', outcomeId);
      indicator.set('order', index === undefined ? orderKeyAtEnd(siblings) : orderKeyAt(siblings, index));
      writeIndicatorFields(indicator, { higherIsBetter: true, ...fields });
      this.indicatorsMap.set(id, indicator);
    });
    return id;
  }

  updateIndicator(id: IndicatorId, patch: Partial<IndicatorFields>): void {
    const indicator = readYMap(this.indicatorsMap, id);
    if (!indicator) return;
    this.transact(() => writeIndicatorFields(indicator, patch));
  }

  deleteIndicator(id: IndicatorId): void {
    this.transact(() => this.indicatorsMap.delete(id));
  }

  /** Moves an indicator to `index` among the indicators of its outcome. */
  moveIndicator(id: IndicatorId, index: number): void {
    const indicator = readYMap(this.indicatorsMap, id);
    if (!indicator) return;
    const outcomeId = indicator.get('outcomeId');
    const siblings = this.readIndicators().filter((candidate) => candidate.outcomeId === outcomeId && candidate.id !== id);
    this.transact(() => indicator.set('order', orderKeyAt(siblings, index)));
  }
}

function readOutcome(id: OutcomeId, map: Y.Map<unknown>): LocalOutcomeEntry {
  const tenYear = readFragment(map, 'tenYear');
  const evidence = readFragment(map, 'evidence');
  const leadPartnerId = map.get('leadPartnerId');
  return {
    id,
    order: readString(map, 'order', 'a0', 200),
    title: readString(map, 'title', '', MAX_TITLE),
    tenYearStatement: tenYear ? readRichText(tenYear) : [],
    evidence: evidence ? readRichText(evidence) : [],
    nationalOutcomeIds: readKeySet(readYMap(map, 'nationalOutcomes'), isShortKey),
    priorityIds: readKeySet(readYMap(map, 'priorities'), isPolicyPriorityId),
    tags: readKeySet(readYMap(map, 'tags'), isShortKey),
    leadPartnerId: isWellFormedId(leadPartnerId) ? (leadPartnerId as PartnerId) : null,
    deliveringPartnerIds: readKeySet(readYMap(map, 'deliveringPartners'), isPartnerIdKey),
    equalityNote: readString(map, 'equalityNote', '', MAX_TEXT),
    gapNote: readString(map, 'gapNote', '', MAX_TEXT),
  };
}

function readIndicator(id: IndicatorId, outcomeId: OutcomeId, map: Y.Map<unknown>): IndicatorEntry {
  const leadPartnerId = map.get('leadPartnerId');
  return {
    id,
    outcomeId,
    order: readString(map, 'order', 'a0', 200),
    catalogueId: readOptionalString(map, 'catalogueId', 200),
    name: readString(map, 'name', '', MAX_TITLE),
    definition: readString(map, 'definition', '', MAX_TEXT),
    source: readString(map, 'source', '', MAX_TITLE),
    unit: readString(map, 'unit', '', 50),
    higherIsBetter: readBoolean(map, 'higherIsBetter', true),
    baselineValue: readNumber(map, 'baselineValue'),
    baselineYear: readNumber(map, 'baselineYear'),
    target1: readNumber(map, 'target1'),
    target3: readNumber(map, 'target3'),
    target10: readNumber(map, 'target10'),
    leadPartnerId: isWellFormedId(leadPartnerId) ? (leadPartnerId as PartnerId) : null,
  };
}

const INDICATOR_STRING_FIELDS = ['name', 'definition', 'source', 'unit'] as const;
const INDICATOR_NUMBER_FIELDS = ['baselineValue', 'baselineYear', 'target1', 'target3', 'target10'] as const;

function writeIndicatorFields(indicator: Y.Map<unknown>, fields: Partial<IndicatorFields>): void {
  for (const key of INDICATOR_STRING_FIELDS) {
    const value = fields[key];
    if (value !== undefined) indicator.set(key, clip(value, key === 'definition' ? MAX_TEXT : MAX_TITLE));
  }
  for (const key of INDICATOR_NUMBER_FIELDS) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value === null || !Number.isFinite(value)) indicator.delete(key);
    else indicator.set(key, value);
  }
  if (fields.higherIsBetter !== undefined) indicator.set('higherIsBetter', fields.higherIsBetter);
  if (fields.catalogueId !== undefined) {
    if (fields.catalogueId === null) indicator.delete('catalogueId');
    else indicator.set('catalogueId', fields.catalogueId);
  }
  if (fields.leadPartnerId !== undefined) {
    if (fields.leadPartnerId === null) indicator.delete('leadPartnerId');
    else indicator.set('leadPartnerId', fields.leadPartnerId);
  }
}

function isShortKey(key: string): key is string {
  return key.length > 0 && key.length <= 100;
}

function isPartnerIdKey(key: string): key is PartnerId {
  return isWellFormedId(key);
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

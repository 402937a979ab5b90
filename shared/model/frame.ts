/**
 * The frame document (room `soa/<soaId>/frame`), written by the partnership's coordinators: the SOA's
 * title, area, period, framework, status and deadlines; the partners; the local outcomes with their links to
 * National Outcomes and policy priorities; the indicators with baselines and targets; and the shared
 * narrative sections. This module alone knows the document's Yjs shape:
 *
 *   meta        Y.Map      scalar fields of the SOA (framework, status, version, period, deadlines)
 *   partners    Y.Map      partnerId -> Y.Map { name, kind, order }
 *   outcomes    Y.Map      outcomeId -> Y.Map { order, leadPartnerId,
 *                                             tenYear: XmlFragment, evidence: XmlFragment,
 *                                             nationalOutcomes, priorities, tags, deliveringPartners: Y.Map set }
 *   indicators  Y.Map      indicatorId -> Y.Map { outcomeId, order, catalogueId, unit, higherIsBetter (unset
 *                                             until chosen), baselineValue, baselineYear, target1, target3,
 *                                             target10 (each the text as typed), leadPartnerId }
 *   narrative.<key>  XmlFragment   one per shared narrative section (NARRATIVE_KEYS)
 *   text.meta.<key>, text.outcome.<id>.<key>, text.indicator.<id>.<key>   Y.Text   titles, notes, names,
 *                          definitions and sources (textKeys.ts), merged by character; version 1 kept
 *                          them as strings in the maps above, which are still read (textFields.ts)
 *
 * Scalars are last-writer-wins per field; sets are Y.Maps of key -> true so concurrent additions merge;
 * order is a fractional key per item (see ordering.ts). Nested containers are only created together with
 * their item, whose id is new, so two replicas never race to create the same container.
 */
import * as Y from 'yjs';
import {
  isFrameworkId,
  isPartnerKind,
  isPolicyPriorityId,
  type FrameworkId,
  type PartnerKind,
  type PolicyPriorityId,
} from '../reference';
import { isWellFormedId, newId, type IndicatorId, type OutcomeId, type PartnerId, type SoaId } from './ids';
import { compareOrdered, orderKeyAt, orderKeyAtEnd } from './ordering';
import { ORIGIN_LOCAL, type TransactionOrigin } from './origins';
import { figureFromStored, type FigureKind } from '../text/figures';
import { TEXT_LIMITS, withinLimit } from './limits';
import { readFrameRichText } from './frameRichText';
import { type RichText, writeRichText } from './richText';
import { FRAME_SCHEMA_VERSION, migrateFrame } from './schema';
import { readTextField, replaceText } from './textFields';
import {
  INDICATOR_TEXT_KEYS,
  INDICATOR_TEXT_LIMITS,
  indicatorTextRoot,
  META_TEXT_KEYS,
  META_TEXT_LIMITS,
  metaTextRoot,
  OUTCOME_TEXT_KEYS,
  OUTCOME_TEXT_LIMITS,
  outcomeTextRoot,
  type IndicatorTextKey,
  type MetaTextKey,
  type OutcomeTextKey,
} from './textKeys';
import { readFragment, readIsoDate, readKeySet, readNumber, readOptionalString, readString, readYMap } from './yValues';

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
  /** The period's years as typed ("2013"; an older document's number as text). */
  readonly periodStartText: string;
  readonly periodEndText: string;
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

/** A change to the SOA's facts. The period's years may be given as typed (periodStartText) or as numbers. */
export type SoaMetaPatch = Partial<Omit<SoaMeta, 'soaId'>>;

/** A plain-text field of the frame that is a Y.Text (see textFields.ts). */
export type FrameTextField =
  | { readonly kind: 'meta'; readonly key: MetaTextKey }
  | { readonly kind: 'outcome'; readonly id: OutcomeId; readonly key: OutcomeTextKey }
  | { readonly kind: 'indicator'; readonly id: IndicatorId; readonly key: IndicatorTextKey };

export function frameTextLimit(field: FrameTextField): number {
  if (field.kind === 'meta') return META_TEXT_LIMITS[field.key];
  if (field.kind === 'outcome') return OUTCOME_TEXT_LIMITS[field.key];
  return INDICATOR_TEXT_LIMITS[field.key];
}

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
  /** Better when higher (true) or lower (false); null until someone chooses (see direction.ts). */
  readonly higherIsBetter: boolean | null;
  /** The number read from each figure, or null when blank or words ("Maintain"). */
  readonly baselineValue: number | null;
  readonly baselineYear: number | null;
  readonly target1: number | null;
  readonly target3: number | null;
  readonly target10: number | null;
  /** Each figure as typed ("about 20%", "Below the Scottish average"); what the SOA shows and prints. */
  readonly baselineValueText: string;
  readonly baselineYearText: string;
  readonly target1Text: string;
  readonly target3Text: string;
  readonly target10Text: string;
  readonly leadPartnerId: PartnerId | null;
}

/** The indicator figures, each kept as typed. */
export const INDICATOR_FIGURE_KEYS = ['baselineValue', 'baselineYear', 'target1', 'target3', 'target10'] as const;
export type IndicatorFigureKey = (typeof INDICATOR_FIGURE_KEYS)[number];
const INDICATOR_FIGURE_KINDS: Readonly<Record<IndicatorFigureKey, FigureKind>> = {
  baselineValue: 'baseline',
  baselineYear: 'year',
  target1: 'target',
  target3: 'target',
  target10: 'target',
};

export type LocalOutcomeFields = Pick<LocalOutcomeEntry, 'title' | 'equalityNote' | 'gapNote'> & {
  readonly leadPartnerId: PartnerId | null;
};

export type IndicatorFields = Omit<IndicatorEntry, 'id' | 'outcomeId' | 'order'>;
/** What a write may change: a figure as typed (target1Text) or as a number (target1, from code). */
export type IndicatorPatch = Partial<IndicatorFields>;

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

const MAX_TITLE = TEXT_LIMITS.title;

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
      this.writeText({ kind: 'meta', key: 'title' }, fields.title);
      this.writeText({ kind: 'meta', key: 'area' }, fields.area);
      this.writeText({ kind: 'meta', key: 'partnershipName' }, fields.partnershipName);
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

  // ---- plain-text fields (Y.Text) ----

  /** The Y.Text behind a text field, for the editor's binding; null when its outcome or indicator is gone. */
  text(field: FrameTextField): Y.Text | null {
    if (field.kind === 'outcome' && !readYMap(this.outcomesMap, field.id)) return null;
    if (field.kind === 'indicator' && !readYMap(this.indicatorsMap, field.id)) return null;
    return this.doc.getText(this.textRoot(field));
  }

  readText(field: FrameTextField): string {
    const legacy =
      field.kind === 'meta'
        ? this.meta
        : readYMap(field.kind === 'outcome' ? this.outcomesMap : this.indicatorsMap, field.id);
    return readTextField(this.doc, this.textRoot(field), legacy, field.key, frameTextLimit(field));
  }

  /**
   * Replaces a text field's content with the smallest change. Throws TextTooLongError over its limit.
   * `origin` is 'typing' for keystrokes (see origins.ts).
   */
  setText(field: FrameTextField, value: string, origin: TransactionOrigin = ORIGIN_LOCAL): void {
    if (!this.text(field)) return;
    this.doc.transact(() => this.writeText(field, value), origin);
  }

  private writeText(field: FrameTextField, value: string): void {
    withinLimit(value, limitKind(field), textFieldName(field));
    replaceText(this.doc.getText(this.textRoot(field)), value);
    // An older plain string left beside it would come back if the text were ever emptied.
    const legacy =
      field.kind === 'meta'
        ? this.meta
        : readYMap(field.kind === 'outcome' ? this.outcomesMap : this.indicatorsMap, field.id);
    if (legacy && legacy.get(field.key) !== undefined) legacy.delete(field.key);
  }

  private textRoot(field: FrameTextField): string {
    if (field.kind === 'meta') return metaTextRoot(field.key);
    if (field.kind === 'outcome') return outcomeTextRoot(field.id, field.key);
    return indicatorTextRoot(field.id, field.key);
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
    const periodStart = figureFromStored(meta.get('periodStart'), 'year', TEXT_LIMITS.figure);
    const periodEnd = figureFromStored(meta.get('periodEnd'), 'year', TEXT_LIMITS.figure);
    return {
      soaId: isWellFormedId(soaId) ? (soaId as SoaId) : null,
      title: this.readText({ kind: 'meta', key: 'title' }),
      area: this.readText({ kind: 'meta', key: 'area' }),
      partnershipName: this.readText({ kind: 'meta', key: 'partnershipName' }),
      periodStart: periodStart.value,
      periodEnd: periodEnd.value,
      periodStartText: periodStart.text,
      periodEndText: periodEnd.text,
      framework: isFrameworkId(framework) ? framework : 'npf-2011',
      status: (SOA_STATUSES as readonly unknown[]).includes(status) ? (status as SoaStatus) : 'drafting',
      version: readString(meta, 'version', '0.1', TEXT_LIMITS.version),
      draftDue: readIsoDate(meta, 'draftDue'),
      agreementDue: readIsoDate(meta, 'agreementDue'),
      alternativeFormatsContact: this.readText({ kind: 'meta', key: 'alternativeFormatsContact' }),
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
      outcomes.push(
        readOutcome(id as OutcomeId, value, (key) => this.readText({ kind: 'outcome', id: id as OutcomeId, key })),
      );
    }
    return outcomes.sort(compareOrdered);
  }

  readIndicators(): IndicatorEntry[] {
    const indicators: IndicatorEntry[] = [];
    for (const [id, value] of this.indicatorsMap.entries()) {
      if (!isWellFormedId(id) || !(value instanceof Y.Map)) continue;
      const outcomeId = value.get('outcomeId');
      if (!isWellFormedId(outcomeId)) continue;
      indicators.push(
        readIndicator(id as IndicatorId, outcomeId as OutcomeId, value, (key) =>
          this.readText({ kind: 'indicator', id: id as IndicatorId, key }),
        ),
      );
    }
    return indicators.sort(compareOrdered);
  }

  readNarrative(key: NarrativeKey): RichText {
    return readFrameRichText(this.narrativeFragment(key));
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

  /** Changes the SOA's facts. Text over its limit throws TextTooLongError and changes nothing. */
  updateMeta(patch: SoaMetaPatch): void {
    if (patch.version !== undefined) withinLimit(patch.version, 'version', 'The document version');
    for (const key of META_TEXT_KEYS) {
      const value = patch[key];
      if (value !== undefined)
        withinLimit(value, limitKind({ kind: 'meta', key }), textFieldName({ kind: 'meta', key }));
    }
    for (const key of ['periodStartText', 'periodEndText'] as const) {
      const value = patch[key];
      if (value !== undefined) withinLimit(value, 'figure', 'A year of the period');
    }
    this.transact(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if ((META_TEXT_KEYS as readonly string[]).includes(key)) {
          this.writeText({ kind: 'meta', key: key as MetaTextKey }, String(value));
          continue;
        }
        // The period's years are kept as typed; a number from code is stored as a number.
        if (key === 'periodStartText' || key === 'periodEndText') {
          const stored = key === 'periodStartText' ? 'periodStart' : 'periodEnd';
          if (String(value).trim() === '') this.meta.delete(stored);
          else this.meta.set(stored, value);
          continue;
        }
        if (value === null) this.meta.delete(key);
        else this.meta.set(key, value);
      }
    });
  }

  setNarrative(key: NarrativeKey, text: RichText): void {
    this.transact(() => writeRichText(this.narrativeFragment(key), text));
  }

  // ---- partners ----

  addPartner(fields: { readonly name: string; readonly kind: PartnerKind; readonly id?: PartnerId }): PartnerId {
    const id = fields.id ?? newId<PartnerId>();
    withinLimit(fields.name, 'title', 'The partner’s name');
    this.transact(() => {
      const partner = new Y.Map<unknown>();
      partner.set('name', fields.name);
      partner.set('kind', fields.kind);
      partner.set('order', orderKeyAtEnd(this.readPartners()));
      this.partnersMap.set(id, partner);
    });
    return id;
  }

  updatePartner(id: PartnerId, patch: { readonly name?: string; readonly kind?: PartnerKind }): void {
    const partner = readYMap(this.partnersMap, id);
    if (!partner) return;
    if (patch.name !== undefined) withinLimit(patch.name, 'title', 'The partner’s name');
    this.transact(() => {
      if (patch.name !== undefined) partner.set('name', patch.name);
      if (patch.kind !== undefined) partner.set('kind', patch.kind);
    });
  }

  /** Removes a partner from the frame. Its room and any references to it become orphans to tidy. */
  removePartner(id: PartnerId): void {
    this.transact(() => this.partnersMap.delete(id));
  }

  // ---- local outcomes ----

  /** Adds a local outcome. `id` is for callers that must be deterministic (the sample generator); omit it otherwise. */
  addOutcome(
    fields: Partial<LocalOutcomeFields> & { readonly title: string; readonly id?: OutcomeId },
    index?: number,
  ): OutcomeId {
    const id = fields.id ?? newId<OutcomeId>();
    withinLimit(fields.title, 'title', 'The title of the local outcome');
    this.transact(() => {
      const outcomes = this.readOutcomes();
      const outcome = new Y.Map<unknown>();
      outcome.set('order', index === undefined ? orderKeyAtEnd(outcomes) : orderKeyAt(outcomes, index));
      if (fields.leadPartnerId) outcome.set('leadPartnerId', fields.leadPartnerId);
      this.outcomesMap.set(id, outcome);
      this.writeText({ kind: 'outcome', id, key: 'title' }, fields.title);
      if (fields.equalityNote) this.writeText({ kind: 'outcome', id, key: 'equalityNote' }, fields.equalityNote);
      if (fields.gapNote) this.writeText({ kind: 'outcome', id, key: 'gapNote' }, fields.gapNote);
      outcome.set('tenYear', new Y.XmlFragment());
      outcome.set('evidence', new Y.XmlFragment());
      outcome.set('nationalOutcomes', new Y.Map<unknown>());
      outcome.set('priorities', new Y.Map<unknown>());
      outcome.set('tags', new Y.Map<unknown>());
      outcome.set('deliveringPartners', new Y.Map<unknown>());
    });
    return id;
  }

  updateOutcome(id: OutcomeId, patch: Partial<LocalOutcomeFields>): void {
    const outcome = readYMap(this.outcomesMap, id);
    if (!outcome) return;
    for (const key of OUTCOME_TEXT_KEYS) {
      const value = patch[key];
      if (value !== undefined)
        withinLimit(value, limitKind({ kind: 'outcome', id, key }), textFieldName({ kind: 'outcome', id, key }));
    }
    this.transact(() => {
      for (const key of OUTCOME_TEXT_KEYS) {
        const value = patch[key];
        if (value !== undefined) this.writeText({ kind: 'outcome', id, key }, value);
      }
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
  /**
   * Adds an indicator to an outcome. `id` is for callers that must be deterministic; omit it otherwise. The
   * direction stays unset unless given (a catalogue indicator's is known; a local one's is the author's choice).
   */
  addIndicator(
    outcomeId: OutcomeId,
    fields: IndicatorPatch & { readonly name: string; readonly id?: IndicatorId },
    index?: number,
  ): IndicatorId {
    const id = fields.id ?? newId<IndicatorId>();
    checkIndicatorLimits(fields);
    this.transact(() => {
      const siblings = this.readIndicators().filter((indicator) => indicator.outcomeId === outcomeId);
      const indicator = new Y.Map<unknown>();
      indicator.set('outcomeId', outcomeId);
      indicator.set('order', index === undefined ? orderKeyAtEnd(siblings) : orderKeyAt(siblings, index));
      this.indicatorsMap.set(id, indicator);
      this.writeIndicator(id, indicator, fields);
    });
    return id;
  }

  /** Changes an indicator. Text over its limit throws TextTooLongError and changes nothing. */
  updateIndicator(id: IndicatorId, patch: IndicatorPatch): void {
    const indicator = readYMap(this.indicatorsMap, id);
    if (!indicator) return;
    checkIndicatorLimits(patch);
    this.transact(() => this.writeIndicator(id, indicator, patch));
  }

  private writeIndicator(id: IndicatorId, indicator: Y.Map<unknown>, fields: IndicatorPatch): void {
    for (const key of INDICATOR_TEXT_KEYS) {
      const value = fields[key];
      if (value !== undefined) this.writeText({ kind: 'indicator', id, key }, value);
    }
    writeIndicatorFields(indicator, fields);
  }

  deleteIndicator(id: IndicatorId): void {
    this.transact(() => this.indicatorsMap.delete(id));
  }

  /** Moves an indicator to `index` among the indicators of its outcome. */
  moveIndicator(id: IndicatorId, index: number): void {
    const indicator = readYMap(this.indicatorsMap, id);
    if (!indicator) return;
    const outcomeId = indicator.get('outcomeId');
    const siblings = this.readIndicators().filter(
      (candidate) => candidate.outcomeId === outcomeId && candidate.id !== id,
    );
    this.transact(() => indicator.set('order', orderKeyAt(siblings, index)));
  }
}

function readOutcome(id: OutcomeId, map: Y.Map<unknown>, text: (key: OutcomeTextKey) => string): LocalOutcomeEntry {
  const tenYear = readFragment(map, 'tenYear');
  const evidence = readFragment(map, 'evidence');
  const leadPartnerId = map.get('leadPartnerId');
  return {
    id,
    order: readString(map, 'order', 'a0', 200),
    title: text('title'),
    tenYearStatement: tenYear ? readFrameRichText(tenYear) : [],
    evidence: evidence ? readFrameRichText(evidence) : [],
    nationalOutcomeIds: readKeySet(readYMap(map, 'nationalOutcomes'), isShortKey),
    priorityIds: readKeySet(readYMap(map, 'priorities'), isPolicyPriorityId),
    tags: readKeySet(readYMap(map, 'tags'), isShortKey),
    leadPartnerId: isWellFormedId(leadPartnerId) ? (leadPartnerId as PartnerId) : null,
    deliveringPartnerIds: readKeySet(readYMap(map, 'deliveringPartners'), isPartnerIdKey),
    equalityNote: text('equalityNote'),
    gapNote: text('gapNote'),
  };
}

function readIndicator(
  id: IndicatorId,
  outcomeId: OutcomeId,
  map: Y.Map<unknown>,
  text: (key: IndicatorTextKey) => string,
): IndicatorEntry {
  const leadPartnerId = map.get('leadPartnerId');
  const direction = map.get('higherIsBetter');
  const figure = (key: IndicatorFigureKey) =>
    figureFromStored(map.get(key), INDICATOR_FIGURE_KINDS[key], TEXT_LIMITS.figure);
  const baselineValue = figure('baselineValue');
  const baselineYear = figure('baselineYear');
  const target1 = figure('target1');
  const target3 = figure('target3');
  const target10 = figure('target10');
  return {
    id,
    outcomeId,
    order: readString(map, 'order', 'a0', 200),
    catalogueId: readOptionalString(map, 'catalogueId', 200),
    name: text('name'),
    definition: text('definition'),
    source: text('source'),
    unit: readString(map, 'unit', '', TEXT_LIMITS.unit),
    higherIsBetter: typeof direction === 'boolean' ? direction : null,
    baselineValue: baselineValue.value,
    baselineYear: baselineYear.value,
    target1: target1.value,
    target3: target3.value,
    target10: target10.value,
    baselineValueText: baselineValue.text,
    baselineYearText: baselineYear.text,
    target1Text: target1.text,
    target3Text: target3.text,
    target10Text: target10.text,
    leadPartnerId: isWellFormedId(leadPartnerId) ? (leadPartnerId as PartnerId) : null,
  };
}

function checkIndicatorLimits(fields: IndicatorPatch): void {
  for (const key of INDICATOR_TEXT_KEYS) {
    const value = fields[key];
    if (value !== undefined)
      withinLimit(
        value,
        key === 'definition' ? 'note' : key === 'name' ? 'title' : 'source',
        INDICATOR_FIELD_NAMES[key],
      );
  }
  if (fields.unit !== undefined) withinLimit(fields.unit, 'unit', 'The unit');
  for (const key of INDICATOR_FIGURE_KEYS) {
    const value = fields[`${key}Text`];
    if (value !== undefined) withinLimit(value, 'figure', 'A figure');
  }
}

function writeIndicatorFields(indicator: Y.Map<unknown>, fields: IndicatorPatch): void {
  if (fields.unit !== undefined) indicator.set('unit', fields.unit);
  for (const key of INDICATOR_FIGURE_KEYS) {
    // As typed (the editor), or a number (code such as the sample generator).
    const typed = fields[`${key}Text`];
    const value = fields[key];
    if (typed !== undefined) {
      if (typed.trim() === '') indicator.delete(key);
      else indicator.set(key, typed);
    } else if (value !== undefined) {
      if (value === null || !Number.isFinite(value)) indicator.delete(key);
      else indicator.set(key, value);
    }
  }
  if (fields.higherIsBetter !== undefined) {
    if (fields.higherIsBetter === null) indicator.delete('higherIsBetter');
    else indicator.set('higherIsBetter', fields.higherIsBetter);
  }
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

const INDICATOR_FIELD_NAMES: Readonly<Record<IndicatorTextKey, string>> = {
  name: 'The indicator’s name',
  definition: 'The definition',
  source: 'The source',
};
const META_FIELD_NAMES: Readonly<Record<MetaTextKey, string>> = {
  title: 'The title',
  area: 'The council area',
  partnershipName: 'The partnership name',
  alternativeFormatsContact: 'The contact for other formats',
};
const OUTCOME_FIELD_NAMES: Readonly<Record<OutcomeTextKey, string>> = {
  title: 'The title of the local outcome',
  equalityNote: 'The equality outcome',
  gapNote: 'The notes on gaps',
};

function textFieldName(field: FrameTextField): string {
  if (field.kind === 'meta') return META_FIELD_NAMES[field.key];
  if (field.kind === 'outcome') return OUTCOME_FIELD_NAMES[field.key];
  return INDICATOR_FIELD_NAMES[field.key];
}

function limitKind(field: FrameTextField): 'title' | 'contact' | 'note' | 'source' {
  const limit = frameTextLimit(field);
  if (limit === TEXT_LIMITS.contact) return 'contact';
  if (limit === TEXT_LIMITS.note) return 'note';
  return field.kind === 'indicator' && field.key === 'source' ? 'source' : 'title';
}

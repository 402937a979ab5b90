/**
 * What happened, recorded year by year (issue 18), in whichever room its owner writes, so the relay's
 * room rule enforces ownership as for everything else. The same shape serves every room:
 *
 *   progressValues          Y.Map   recordId -> Y.Map { indicatorId, year, value (as typed), source,
 *                                   published (ISO date), note }: an indicator's value for a reporting
 *                                   year. Written in the room of the indicator's lead partner, or in the
 *                                   frame for an indicator the partnership leads as a whole; a record in
 *                                   any other room is ignored by the model (progress.ts). Each record has
 *                                   its own new id, so two values entered for one indicator and year (two
 *                                   officers offline) both survive and show as a conflict, never one
 *                                   silently replacing the other.
 *   progressCommitments     Y.Map   "<commitmentId>.<startYear>" -> { status, note }: a partner's own
 *                                   commitment, marked for a reporting year (one plain value, last writer
 *                                   wins as a whole, so status and note always belong together).
 *   progress.narrative.<startYear>.<outcomeId>   XmlFragment   a partner's "what we did this year" for an
 *                                   outcome (a root type, so two officers starting the same text offline
 *                                   merge rather than replace); progressNarratives (Y.Map key -> true) marks
 *                                   those written by code (the demo); the editor marks nothing, and a reader
 *                                   lists the root fragments the document holds, so opening a text never
 *                                   writes to the room.
 *   progress.yearText.<startYear>.<key>   XmlFragment   the coordinators' texts for a year (the summary,
 *                                   engagement and equalities updates), marked in progressYearTexts the
 *                                   same way. Frame only.
 *
 * These are new root keys that older versions of the app never read, so they need no schema version or
 * migration: a document without them simply has no progress recorded yet.
 */
import * as Y from 'yjs';
import { figureFromStored, type Figure } from '../text/figures';
import { isWellFormedId, newId, type CommitmentId, type IndicatorId, type OutcomeId } from './ids';
import { TEXT_LIMITS, withinLimit } from './limits';
import { ORIGIN_LOCAL, type TransactionOrigin } from './origins';
import { isReportingYear, reportingYearOf, startYearOf, type ReportingYear } from './reportingYear';
import { readRichText, writeRichText, type RichText } from './richText';
import { isIsoDate, readIsoDate, readString } from './yValues';

export type ValueRecordId = string & { readonly __valueRecord: true };

/** One indicator's value for one reporting year, as recorded. */
export interface ValueRecord {
  readonly id: ValueRecordId;
  readonly indicatorId: IndicatorId;
  readonly year: ReportingYear;
  /** The value as typed, and the number read from it (null when it is words, such as "Not published"). */
  readonly value: Figure;
  /** Where the figure comes from ("ScotPHO profile, November 2015"). */
  readonly source: string;
  /** ISO date the figure was published, or null. */
  readonly published: string | null;
  readonly note: string;
}

export type ValueFields = Pick<ValueRecord, 'indicatorId' | 'year'> & {
  readonly value: string;
  readonly source?: string;
  readonly published?: string | null;
  readonly note?: string;
};

/** Where a partner's commitment stands in a reporting year. */
export const COMMITMENT_PROGRESS_STATES = ['not-started', 'on-track', 'delayed', 'done'] as const;
export type CommitmentProgressState = (typeof COMMITMENT_PROGRESS_STATES)[number];

export const COMMITMENT_PROGRESS_LABELS: Readonly<Record<CommitmentProgressState, string>> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  delayed: 'Delayed',
  done: 'Done',
};

export interface CommitmentProgress {
  readonly commitmentId: CommitmentId;
  readonly year: ReportingYear;
  readonly state: CommitmentProgressState;
  /** A short note for the year ("Two of three sessions held; the third moved to May"). */
  readonly note: string;
}

/** A partner's "what we did this year" for one outcome. */
export interface YearNarrative {
  readonly year: ReportingYear;
  readonly outcomeId: OutcomeId;
  readonly text: RichText;
}

/** The coordinators' texts for a reporting year. */
export const YEAR_TEXT_KEYS = ['summary', 'engagement', 'equalities'] as const;
export type YearTextKey = (typeof YEAR_TEXT_KEYS)[number];

export const YEAR_TEXT_TITLES: Readonly<Record<YearTextKey, string>> = {
  summary: 'Summary of the year',
  engagement: 'Community engagement this year',
  equalities: 'Equalities this year',
};

export interface YearText {
  readonly year: ReportingYear;
  readonly key: YearTextKey;
  readonly text: RichText;
}

/** Everything one room records about progress, as plain data (not yet checked against who leads what). */
export interface ProgressRoomContent {
  readonly values: readonly ValueRecord[];
  readonly commitments: readonly CommitmentProgress[];
  readonly narratives: readonly YearNarrative[];
  readonly yearTexts: readonly YearText[];
}

export const NO_PROGRESS: ProgressRoomContent = { values: [], commitments: [], narratives: [], yearTexts: [] };

const VALUES = 'progressValues';
const COMMITMENTS = 'progressCommitments';
const NARRATIVES = 'progressNarratives';
const YEAR_TEXTS = 'progressYearTexts';
const NARRATIVE_ROOT = 'progress.narrative.';
const YEAR_TEXT_ROOT = 'progress.yearText.';

/** What people call the progress roots that are named whole, and how the per-year ones' names begin. */
const PROGRESS_ROOT_NAMES: Readonly<Record<string, string>> = {
  [VALUES]: 'indicator values',
  [COMMITMENTS]: 'progress on commitments',
  [NARRATIVES]: 'what the partners did each year',
  [YEAR_TEXTS]: 'the annual report',
};
const NARRATIVE_NAME_START = 'what the partners did in ';
const YEAR_TEXT_NAME_START = 'the annual report for ';

/**
 * What people call a progress root of a room (the history names each change by it), or null for a root that
 * is not one of these. `outcomeTitles`: outcome id -> title, from the frame.
 */
export function progressSectionName(rootName: string, outcomeTitles: ReadonlyMap<string, string>): string | null {
  const whole = PROGRESS_ROOT_NAMES[rootName];
  if (whole !== undefined) return whole;
  const narrative = yearAndKey(rootName, NARRATIVE_ROOT);
  if (narrative) {
    const title = outcomeTitles.get(narrative.key);
    return `${NARRATIVE_NAME_START}${narrative.year}${title ? ` for "${title}"` : ''}`;
  }
  const yearText = yearAndKey(rootName, YEAR_TEXT_ROOT);
  if (!yearText) return null;
  const title = (YEAR_TEXT_KEYS as readonly string[]).includes(yearText.key)
    ? YEAR_TEXT_TITLES[yearText.key as YearTextKey]
    : null;
  return `${YEAR_TEXT_NAME_START}${yearText.year}${title ? `: ${title.toLowerCase()}` : ''}`;
}

/** Whether `name` is one progressSectionName gives (the history's filter groups them together). */
export function isProgressSectionName(name: string): boolean {
  return (
    Object.values(PROGRESS_ROOT_NAMES).includes(name) ||
    name.startsWith(NARRATIVE_NAME_START) ||
    name.startsWith(YEAR_TEXT_NAME_START)
  );
}

/** "<prefix><startYear>.<key>" -> its reporting year and key; null for another root. */
function yearAndKey(rootName: string, prefix: string): { year: ReportingYear; key: string } | null {
  if (!rootName.startsWith(prefix)) return null;
  const [start = '', key = ''] = rootName.slice(prefix.length).split('.');
  return /^\d{4}$/.test(start) ? { year: reportingYearOf(Number(start)), key } : null;
}

/** More records than any SOA could hold (40 indicators over 10 years is 400); a room past it is cut, not read whole. */
const MAX_RECORDS = 50_000;

/** Typed access to the progress a room records. Nothing else touches these Y types. */
export class ProgressRoom {
  constructor(readonly doc: Y.Doc) {}

  private get valuesMap(): Y.Map<unknown> {
    return this.doc.getMap(VALUES);
  }
  private get commitmentsMap(): Y.Map<unknown> {
    return this.doc.getMap(COMMITMENTS);
  }
  private get narrativeIndex(): Y.Map<unknown> {
    return this.doc.getMap(NARRATIVES);
  }
  private get yearTextIndex(): Y.Map<unknown> {
    return this.doc.getMap(YEAR_TEXTS);
  }

  // ---- values ----

  readValues(): ValueRecord[] {
    const records: ValueRecord[] = [];
    for (const [id, stored] of this.valuesMap.entries()) {
      if (records.length >= MAX_RECORDS) break;
      if (!isWellFormedId(id) || !(stored instanceof Y.Map)) continue;
      const indicatorId = stored.get('indicatorId');
      const year = stored.get('year');
      if (!isWellFormedId(indicatorId) || !isReportingYear(year)) continue;
      records.push({
        id: id as ValueRecordId,
        indicatorId: indicatorId as IndicatorId,
        year,
        value: figureFromStored(stored.get('value'), 'baseline', TEXT_LIMITS.figure),
        source: readString(stored, 'source', '', TEXT_LIMITS.source),
        published: readIsoDate(stored, 'published'),
        note: readString(stored, 'note', '', TEXT_LIMITS.note),
      });
    }
    return records.sort((a, b) =>
      a.indicatorId < b.indicatorId
        ? -1
        : a.indicatorId > b.indicatorId
          ? 1
          : startYearOf(a.year) - startYearOf(b.year) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /**
   * Records a value. Throws TextTooLongError (nothing written) over a limit. `id` is for deterministic
   * callers (the sample generator); omit it otherwise.
   */
  addValue(
    fields: ValueFields & { readonly id?: ValueRecordId },
    origin: TransactionOrigin = ORIGIN_LOCAL,
  ): ValueRecordId {
    checkValueFields(fields);
    const id = fields.id ?? newId<ValueRecordId>();
    this.doc.transact(() => {
      const record = new Y.Map<unknown>();
      this.valuesMap.set(id, record);
      record.set('indicatorId', fields.indicatorId);
      record.set('year', fields.year);
      writeValueFields(record, fields);
    }, origin);
    return id;
  }

  /** Changes a recorded value's fields (not its indicator or year: record a new value for that). */
  updateValue(
    id: ValueRecordId,
    patch: Partial<Omit<ValueFields, 'indicatorId' | 'year'>>,
    origin: TransactionOrigin = ORIGIN_LOCAL,
  ): void {
    const record = this.valuesMap.get(id);
    if (!(record instanceof Y.Map)) return;
    checkValueFields(patch);
    this.doc.transact(() => writeValueFields(record, patch), origin);
  }

  deleteValue(id: ValueRecordId): void {
    this.doc.transact(() => this.valuesMap.delete(id), ORIGIN_LOCAL);
  }

  // ---- commitments ----

  readCommitmentProgress(): CommitmentProgress[] {
    const marks: CommitmentProgress[] = [];
    for (const [key, stored] of this.commitmentsMap.entries()) {
      if (marks.length >= MAX_RECORDS) break;
      const [commitmentId = '', start = ''] = key.split('.');
      if (!isWellFormedId(commitmentId) || !/^\d{4}$/.test(start)) continue;
      if (!stored || typeof stored !== 'object' || Array.isArray(stored) || stored instanceof Y.AbstractType) continue;
      const { state, note } = stored as { state?: unknown; note?: unknown };
      if (!(COMMITMENT_PROGRESS_STATES as readonly unknown[]).includes(state)) continue;
      marks.push({
        commitmentId: commitmentId as CommitmentId,
        year: reportingYearOf(Number(start)),
        state: state as CommitmentProgressState,
        note: typeof note === 'string' ? note.slice(0, TEXT_LIMITS.note) : '',
      });
    }
    return marks.sort((a, b) =>
      a.commitmentId < b.commitmentId
        ? -1
        : a.commitmentId > b.commitmentId
          ? 1
          : startYearOf(a.year) - startYearOf(b.year),
    );
  }

  /** Marks a commitment for a year; null clears the mark. Throws TextTooLongError over the note's limit. */
  setCommitmentProgress(
    commitmentId: CommitmentId,
    year: ReportingYear,
    mark: { readonly state: CommitmentProgressState; readonly note: string } | null,
  ): void {
    if (mark) withinLimit(mark.note, 'note', 'The note');
    const key = `${commitmentId}.${startYearOf(year)}`;
    this.doc.transact(() => {
      if (mark) this.commitmentsMap.set(key, { state: mark.state, note: mark.note });
      else this.commitmentsMap.delete(key);
    }, ORIGIN_LOCAL);
  }

  // ---- narrative ----

  /** The fragment of a partner's "what we did this year" for an outcome, for the editor. Opening it writes nothing. */
  narrativeFragment(year: ReportingYear, outcomeId: OutcomeId): Y.XmlFragment {
    return this.doc.getXmlFragment(`${NARRATIVE_ROOT}${startYearOf(year)}.${outcomeId}`);
  }

  setNarrative(year: ReportingYear, outcomeId: OutcomeId, text: RichText): void {
    const key = `${startYearOf(year)}.${outcomeId}`;
    this.doc.transact(() => {
      this.narrativeIndex.set(key, true);
      writeRichText(this.narrativeFragment(year, outcomeId), text);
    }, ORIGIN_LOCAL);
  }

  readNarratives(): YearNarrative[] {
    const narratives: YearNarrative[] = [];
    for (const key of this.keys(this.narrativeIndex, NARRATIVE_ROOT)) {
      const [start = '', outcomeId = ''] = key.split('.');
      if (!/^\d{4}$/.test(start) || !isWellFormedId(outcomeId)) continue;
      narratives.push({
        year: reportingYearOf(Number(start)),
        outcomeId: outcomeId as OutcomeId,
        text: readRichText(this.doc.getXmlFragment(`progress.narrative.${key}`)),
      });
    }
    return narratives.sort((a, b) => startYearOf(a.year) - startYearOf(b.year) || (a.outcomeId < b.outcomeId ? -1 : 1));
  }

  // ---- the coordinators' texts for the year ----

  /** The fragment of one of the coordinators' texts for a year, for the editor. Opening it writes nothing. */
  yearTextFragment(year: ReportingYear, key: YearTextKey): Y.XmlFragment {
    return this.doc.getXmlFragment(`${YEAR_TEXT_ROOT}${startYearOf(year)}.${key}`);
  }

  setYearText(year: ReportingYear, key: YearTextKey, text: RichText): void {
    this.doc.transact(() => {
      this.yearTextIndex.set(`${startYearOf(year)}.${key}`, true);
      writeRichText(this.yearTextFragment(year, key), text);
    }, ORIGIN_LOCAL);
  }

  readYearTexts(): YearText[] {
    const texts: YearText[] = [];
    for (const indexKey of this.keys(this.yearTextIndex, YEAR_TEXT_ROOT)) {
      const [start = '', key = ''] = indexKey.split('.');
      if (!/^\d{4}$/.test(start) || !(YEAR_TEXT_KEYS as readonly string[]).includes(key)) continue;
      texts.push({
        year: reportingYearOf(Number(start)),
        key: key as YearTextKey,
        text: readRichText(this.doc.getXmlFragment(`progress.yearText.${indexKey}`)),
      });
    }
    return texts.sort(
      (a, b) =>
        startYearOf(a.year) - startYearOf(b.year) || YEAR_TEXT_KEYS.indexOf(a.key) - YEAR_TEXT_KEYS.indexOf(b.key),
    );
  }

  /**
   * The keys of the texts written: those marked in the index (by setNarrative, setYearText) and every root
   * fragment of that prefix the document holds (typed into in the editor, which marks nothing, so that
   * merely opening a text never writes to the room).
   */
  private keys(index: Y.Map<unknown>, prefix: string): string[] {
    const keys = new Set<string>();
    for (const [key, marked] of index.entries()) if (marked === true) keys.add(key);
    for (const name of this.doc.share.keys()) if (name.startsWith(prefix)) keys.add(name.slice(prefix.length));
    return [...keys];
  }

  read(): ProgressRoomContent {
    return {
      values: this.readValues(),
      commitments: this.readCommitmentProgress(),
      narratives: this.readNarratives(),
      yearTexts: this.readYearTexts(),
    };
  }
}

function checkValueFields(fields: Partial<ValueFields>): void {
  if (fields.value !== undefined) withinLimit(fields.value.trim(), 'figure', 'The value');
  if (fields.source !== undefined) withinLimit(fields.source.trim(), 'source', 'The source');
  if (fields.note !== undefined) withinLimit(fields.note, 'note', 'The note');
  if (
    fields.published !== undefined &&
    fields.published !== null &&
    fields.published !== '' &&
    !isIsoDate(fields.published)
  ) {
    throw new RangeError(`${JSON.stringify(fields.published)} is not a date. Nothing was changed.`);
  }
}

function writeValueFields(record: Y.Map<unknown>, fields: Partial<ValueFields>): void {
  if (fields.value !== undefined) record.set('value', fields.value.trim());
  if (fields.source !== undefined) record.set('source', fields.source.trim());
  if (fields.note !== undefined) record.set('note', fields.note);
  if (fields.published !== undefined) {
    if (fields.published) record.set('published', fields.published);
    else record.delete('published');
  }
}

/**
 * Importing indicator values from a CSV file (the Improvement Service's Community Planning Outcomes Profile,
 * ScotPHO profiles, a partner's own system). Three steps, and nothing changes before the last:
 *   1. map the file's columns (indicator, area, year, value; source optional) once: guessMapping proposes;
 *   2. plan: every row is checked and the changes are listed beside the values they replace, with each bad
 *      row and its line number; rows for other areas are skipped and counted;
 *   3. apply, only when the plan has no problems, in one transaction in the importer's own room.
 * Only indicators the importer records values for (it leads them; the coordinators for those the
 * partnership leads) may be imported; any other is a problem row, so a file can never write someone else's
 * figures (and the relay would refuse them in any case).
 */
import type * as Y from 'yjs';
import type { FrameContent, IndicatorEntry } from '../model/frame';
import type { IndicatorId } from '../model/ids';
import { ORIGIN_LOCAL } from '../model/origins';
import { valuesRecordedBy, type ProgressSnapshot } from '../model/progress';
import { ProgressRoom, type ValueRecordId } from '../model/progressRoom';
import { parseReportingYear, type ReportingYear } from '../model/reportingYear';
import type { RoomOwner } from '../model/rooms';
import { TEXT_LIMITS } from '../model/limits';
import { findCatalogueIndicator } from '../reference';
import { parseFigure } from '../text/figures';
import type { CsvTable } from './csvTable';

/** Which column (0-based) holds what. Area and source are optional. */
export interface ColumnMapping {
  readonly indicator: number;
  readonly year: number;
  readonly value: number;
  readonly area: number | null;
  readonly source: number | null;
}

export const MAPPED_FIELDS = ['indicator', 'area', 'year', 'value', 'source'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const MAPPED_FIELD_LABELS: Readonly<Record<MappedField, string>> = {
  indicator: 'Indicator',
  area: 'Area (optional)',
  year: 'Year',
  value: 'Value',
  source: 'Source (optional)',
};

const HEADER_WORDS: Readonly<Record<MappedField, RegExp>> = {
  indicator: /^(indicator|indicator name|measure|indicator title|outcome indicator)$/i,
  area: /^(area|area name|council|council area|local authority|la|geography|cpp)$/i,
  year: /^(year|period|reporting year|financial year|time period|date)$/i,
  value: /^(value|figure|result|measure value|rate|percentage|number)$/i,
  source: /^(source|data source)$/i,
};

/** A first guess at the mapping from the header row; null for a field no header names. */
export function guessMapping(headers: readonly string[]): Record<MappedField, number | null> {
  const guess = {} as Record<MappedField, number | null>;
  for (const field of MAPPED_FIELDS) {
    const index = headers.findIndex((header) => HEADER_WORDS[field].test(header.trim()));
    guess[field] = index >= 0 ? index : null;
  }
  return guess;
}

/** A stable key for a file's header row, so the app can remember the mapping for the next file of that shape. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((header) => header.trim().toLowerCase()).join('\u001f');
}

export interface PlannedValue {
  readonly line: number;
  readonly indicatorId: IndicatorId;
  readonly indicatorName: string;
  readonly year: ReportingYear;
  /** The value as it will be recorded (as written in the file, trimmed). */
  readonly value: string;
  readonly source: string;
  /** 'new': nothing recorded yet; 'change': replaces `previous`; 'same': already recorded as this. */
  readonly kind: 'new' | 'change' | 'same';
  readonly previous: string | null;
  /** The record a change replaces. */
  readonly replaces: ValueRecordId | null;
}

export interface RowProblem {
  readonly line: number;
  readonly message: string;
}

export interface ImportPlan {
  readonly values: readonly PlannedValue[];
  readonly problems: readonly RowProblem[];
  /** Rows for other areas, left out. */
  readonly otherAreaRows: number;
  /** Names in the file that are no indicator of this SOA, with how many rows each: left out and listed. */
  readonly unknownIndicators: readonly { readonly name: string; readonly rows: number }[];
}

export interface PlanContext {
  readonly frame: FrameContent;
  readonly progress: ProgressSnapshot;
  /** Who is importing: the values go into their room. */
  readonly importer: RoomOwner;
  /** Keep only rows whose area is this (case and spacing ignored); null keeps every row. */
  readonly area: string | null;
  /** The source recorded with each value when the file has no source column ("CPOP, downloaded 3 December 2026"). */
  readonly defaultSource: string;
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Looks an indicator up by the name the SOA shows for it, its id, or its catalogue entry's name or reference.
 * The name shown wins: a local variant may share its catalogue entry ("Healthy birthweight in the most
 * deprived quintile" beside "Healthy birthweight").
 */
function indicatorFinder(frame: FrameContent): (cell: string) => IndicatorEntry | null {
  const byKey = new Map<string, IndicatorEntry>();
  const catalogueNameOf = (indicator: IndicatorEntry) =>
    indicator.catalogueId ? (findCatalogueIndicator(indicator.catalogueId)?.name ?? '') : '';
  for (const indicator of frame.indicators) {
    for (const key of [catalogueNameOf(indicator), indicator.catalogueId ?? ''])
      if (key) byKey.set(normalise(key), indicator);
  }
  for (const indicator of frame.indicators) {
    for (const key of [indicator.name || catalogueNameOf(indicator), indicator.id])
      if (key) byKey.set(normalise(key), indicator);
  }
  return (cell) => byKey.get(normalise(cell)) ?? null;
}

function ownerName(owner: RoomOwner | null, frame: FrameContent): string {
  if (!owner) return 'nobody until the coordinators choose a new lead partner';
  if (owner.kind === 'coordinators') return 'the coordinators';
  return frame.partners.find((partner) => partner.id === owner.partnerId)?.name ?? 'another partner';
}

function sameOwner(a: RoomOwner | null, b: RoomOwner): boolean {
  if (!a) return false;
  if (a.kind === 'coordinators' || b.kind === 'coordinators') return a.kind === b.kind;
  return a.partnerId === b.partnerId;
}

export function planImport(table: CsvTable, mapping: ColumnMapping, context: PlanContext): ImportPlan {
  const { frame, progress, importer } = context;
  const find = indicatorFinder(frame);
  const partnerIds = new Set<string>(frame.partners.map((partner) => partner.id));
  const problems: RowProblem[] = [...table.problems];
  const values: PlannedValue[] = [];
  const unknown = new Map<string, number>();
  const seen = new Map<string, { line: number; value: string }>();
  let otherAreaRows = 0;
  const wantedArea = context.area === null ? null : normalise(context.area);

  for (const row of table.rows) {
    const cell = (index: number | null): string => (index === null ? '' : (row.cells[index] ?? '').trim());
    if (wantedArea !== null && mapping.area !== null && normalise(cell(mapping.area)) !== wantedArea) {
      otherAreaRows++;
      continue;
    }
    const name = cell(mapping.indicator);
    if (name === '') {
      problems.push({ line: row.line, message: 'The indicator cell is empty.' });
      continue;
    }
    const indicator = find(name);
    if (!indicator) {
      unknown.set(name, (unknown.get(name) ?? 0) + 1);
      continue;
    }
    const label =
      indicator.name ||
      (indicator.catalogueId ? findCatalogueIndicator(indicator.catalogueId)?.name : undefined) ||
      name;
    const recorder = valuesRecordedBy(indicator, partnerIds);
    if (!sameOwner(recorder, importer)) {
      problems.push({
        line: row.line,
        message: `"${label}": you do not record its values; ${ownerName(recorder, frame)} ${recorder?.kind === 'coordinators' ? 'do' : 'does'}.`,
      });
      continue;
    }
    const yearCell = cell(mapping.year);
    const year = parseReportingYear(yearCell);
    if (!year) {
      problems.push({
        line: row.line,
        message:
          yearCell === ''
            ? `"${label}": the year is empty.`
            : `"${label}": "${yearCell}" is not a reporting year; write it as 2014/15.`,
      });
      continue;
    }
    const value = cell(mapping.value);
    const figure = parseFigure(value, 'baseline');
    if (figure.reading !== 'number') {
      problems.push({
        line: row.line,
        message:
          value === ''
            ? `"${label}" ${year}: the value is empty.`
            : `"${label}" ${year}: "${value}" is not a number (write 1,234.5 or 12.5%).`,
      });
      continue;
    }
    if (value.length > TEXT_LIMITS.figure) {
      problems.push({
        line: row.line,
        message: `"${label}" ${year}: the value is longer than ${TEXT_LIMITS.figure} characters.`,
      });
      continue;
    }
    const key = `${indicator.id} ${year}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (parseFigure(earlier.value, 'baseline').value !== figure.value) {
        problems.push({
          line: row.line,
          message: `"${label}" ${year}: the file gives two values (${earlier.value} on line ${earlier.line}, ${value} here).`,
        });
      }
      continue;
    }
    seen.set(key, { line: row.line, value });
    const recorded = progress.indicators.get(indicator.id)?.years.find((entry) => entry.year === year);
    if (recorded && recorded.conflict) {
      problems.push({
        line: row.line,
        message: `"${label}" ${year}: two values are already recorded; resolve them on the indicator before importing.`,
      });
      continue;
    }
    const current = recorded?.records[0] ?? null;
    const kind = !current
      ? 'new'
      : current.value.value === figure.value && current.value.text === value
        ? 'same'
        : 'change';
    const source = (cell(mapping.source) || context.defaultSource).slice(0, TEXT_LIMITS.source);
    values.push({
      line: row.line,
      indicatorId: indicator.id,
      indicatorName: label,
      year,
      value,
      source,
      kind,
      previous: current?.value.text ?? null,
      replaces: current?.id ?? null,
    });
  }
  if (table.rows.length === 0) problems.push({ line: 1, message: 'The file has a header row but no values.' });
  return {
    values,
    problems: problems.sort((a, b) => a.line - b.line),
    otherAreaRows,
    unknownIndicators: [...unknown.entries()]
      .map(([name, rows]) => ({ name, rows }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export class ImportHasProblemsError extends Error {
  constructor(readonly problems: readonly RowProblem[]) {
    super(
      `The file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was imported. Correct the rows listed and import it again.`,
    );
    this.name = 'ImportHasProblemsError';
  }
}

/**
 * Records the plan's new and changed values in the importer's room, all in one transaction (so a reader
 * never sees half an import). Refuses, changing nothing, when the plan lists any problem.
 */
export function applyImport(room: Y.Doc, plan: ImportPlan): { readonly added: number; readonly changed: number } {
  if (plan.problems.length > 0) throw new ImportHasProblemsError(plan.problems);
  const progress = new ProgressRoom(room);
  let added = 0;
  let changed = 0;
  room.transact(() => {
    for (const planned of plan.values) {
      if (planned.kind === 'new') {
        progress.addValue({
          indicatorId: planned.indicatorId,
          year: planned.year,
          value: planned.value,
          source: planned.source,
        });
        added++;
      } else if (planned.kind === 'change' && planned.replaces) {
        progress.updateValue(planned.replaces, { value: planned.value, source: planned.source });
        changed++;
      }
    }
  }, ORIGIN_LOCAL);
  return { added, changed };
}

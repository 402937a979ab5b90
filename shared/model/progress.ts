/**
 * Progress assembled: each indicator's values year by year, read only from the room of whoever records them
 * (its lead partner, or the coordinators for an indicator the partnership leads as a whole), its status
 * against the trajectory, the partners' commitments marked for each year, and the year's narrative. Pure:
 * the frame's content and each room's progress in, plain data out.
 *
 * A value record found in any other room (a partner that no longer leads the indicator, or one that wrote
 * a value into its own room for an indicator it never led) is left out and listed, never trusted and never
 * a crash. Two records for one indicator and year are both kept and shown as a conflict to resolve.
 */
import type { FrameContent, IndicatorEntry } from './frame';
import type { CommitmentId, IndicatorId, OutcomeId, PartnerId } from './ids';
import type { CommitmentProgress, ProgressRoomContent, ValueRecord, YearTextKey } from './progressRoom';
import { compareReportingYears, reportingYearsOfPeriod, startYearOf, type ReportingYear } from './reportingYear';
import type { RichText } from './richText';
import type { RoomOwner } from './rooms';
import { judgeProgress, type TrajectoryStatus, type ValuePoint } from './trajectory';

/** The values recorded for one indicator and year: one record, or several (a conflict). */
export interface YearValues {
  readonly year: ReportingYear;
  readonly records: readonly ValueRecord[];
  /** True when more than one record is held for this year: someone must choose. */
  readonly conflict: boolean;
}

export interface IndicatorProgress {
  readonly indicatorId: IndicatorId;
  /** Who records its values: its lead partner, or the coordinators; null when its lead partner was removed. */
  readonly recordedBy: RoomOwner | null;
  /** One entry per year with a value, in year order. */
  readonly years: readonly YearValues[];
}

/** A value record the model does not trust, and why: for the room's owner to tidy up. */
export interface IgnoredValue {
  readonly owner: RoomOwner;
  readonly record: ValueRecord;
  readonly reason: 'not-lead' | 'unknown-indicator';
}

/** Everything recorded about progress across the SOA, checked against who leads what. */
export interface ProgressSnapshot {
  /** The SOA's reporting years, plus any other year a value is recorded for, in order. */
  readonly years: readonly ReportingYear[];
  readonly indicators: ReadonlyMap<IndicatorId, IndicatorProgress>;
  readonly ignored: readonly IgnoredValue[];
  /** Marks of each partner's own commitments, by commitment. */
  readonly commitments: ReadonlyMap<CommitmentId, readonly CommitmentProgress[]>;
  /** What each partner did each year, per outcome: partnerId -> entries. */
  readonly narratives: ReadonlyMap<
    PartnerId,
    readonly { readonly year: ReportingYear; readonly outcomeId: OutcomeId; readonly text: RichText }[]
  >;
  /** The coordinators' texts per year. */
  readonly yearTexts: readonly { readonly year: ReportingYear; readonly key: YearTextKey; readonly text: RichText }[];
  readonly periodStart: number | null;
}

export interface ProgressRooms {
  readonly frame: ProgressRoomContent;
  readonly partners: ReadonlyMap<PartnerId, ProgressRoomContent>;
}

/** Who records an indicator's values: its lead partner if it is a partner of the SOA, the coordinators if none is set. */
export function valuesRecordedBy(
  indicator: Pick<IndicatorEntry, 'leadPartnerId'>,
  partnerIds: ReadonlySet<string>,
): RoomOwner | null {
  if (indicator.leadPartnerId === null) return { kind: 'coordinators' };
  return partnerIds.has(indicator.leadPartnerId) ? { kind: 'partner', partnerId: indicator.leadPartnerId } : null;
}

function sameOwner(a: RoomOwner | null, b: RoomOwner): boolean {
  if (!a) return false;
  if (a.kind === 'coordinators' || b.kind === 'coordinators') return a.kind === b.kind;
  return a.partnerId === b.partnerId;
}

export function assembleProgress(frame: FrameContent, rooms: ProgressRooms): ProgressSnapshot {
  const partnerIds = new Set<string>(frame.partners.map((partner) => partner.id));
  const indicatorById = new Map(frame.indicators.map((indicator) => [indicator.id as string, indicator] as const));
  const recorders = new Map(
    frame.indicators.map((indicator) => [indicator.id as string, valuesRecordedBy(indicator, partnerIds)] as const),
  );
  const trusted = new Map<string, ValueRecord[]>();
  const ignored: IgnoredValue[] = [];
  const yearSet = new Set<ReportingYear>(reportingYearsOfPeriod(frame.meta.periodStart, frame.meta.periodEnd));

  const owners: [RoomOwner, ProgressRoomContent][] = [[{ kind: 'coordinators' }, rooms.frame]];
  // Only the rooms of current partners: a removed partner's room is an orphan already (assemble.ts).
  for (const partner of frame.partners) {
    const content = rooms.partners.get(partner.id);
    if (content) owners.push([{ kind: 'partner', partnerId: partner.id }, content]);
  }
  for (const [owner, content] of owners) {
    for (const record of content.values) {
      if (!indicatorById.has(record.indicatorId)) ignored.push({ owner, record, reason: 'unknown-indicator' });
      else if (!sameOwner(recorders.get(record.indicatorId) ?? null, owner))
        ignored.push({ owner, record, reason: 'not-lead' });
      else {
        const list = trusted.get(record.indicatorId) ?? [];
        list.push(record);
        trusted.set(record.indicatorId, list);
        yearSet.add(record.year);
      }
    }
  }

  const indicators = new Map<IndicatorId, IndicatorProgress>();
  for (const indicator of frame.indicators) {
    const byYear = new Map<ReportingYear, ValueRecord[]>();
    for (const record of trusted.get(indicator.id) ?? []) {
      const list = byYear.get(record.year) ?? [];
      list.push(record);
      byYear.set(record.year, list);
    }
    const years = [...byYear.entries()]
      .sort(([a], [b]) => compareReportingYears(a, b))
      .map(([year, records]) => ({ year, records, conflict: records.length > 1 }));
    indicators.set(indicator.id, { indicatorId: indicator.id, recordedBy: recorders.get(indicator.id) ?? null, years });
  }

  // A commitment's marks count only in the room that holds the commitment: a partner marks its own.
  const commitments = new Map<CommitmentId, CommitmentProgress[]>();
  const narratives = new Map<PartnerId, { year: ReportingYear; outcomeId: OutcomeId; text: RichText }[]>();
  for (const partner of frame.partners) {
    const content = rooms.partners.get(partner.id);
    if (!content) continue;
    for (const mark of content.commitments) {
      const list = commitments.get(mark.commitmentId) ?? [];
      list.push(mark);
      commitments.set(mark.commitmentId, list);
    }
    narratives.set(partner.id, [...content.narratives]);
  }

  return {
    years: [...yearSet].sort(compareReportingYears),
    indicators,
    ignored,
    commitments,
    narratives,
    yearTexts: rooms.frame.yearTexts,
    periodStart: frame.meta.periodStart,
  };
}

/** The value points the trajectory judges: one per year, a conflict where the numbers differ. */
export function valuePoints(progress: IndicatorProgress | undefined): ValuePoint[] {
  if (!progress) return [];
  return progress.years.map((entry) => {
    const numbers = new Set(entry.records.map((record) => record.value.value));
    const only = entry.records[0]?.value.value ?? null;
    return { year: startYearOf(entry.year), value: numbers.size === 1 ? only : null, conflict: numbers.size > 1 };
  });
}

/** An indicator's status as of a reporting year. */
export function indicatorStatus(
  indicator: IndicatorEntry,
  progress: ProgressSnapshot,
  asOf: ReportingYear,
): TrajectoryStatus {
  return judgeProgress(
    indicator,
    progress.periodStart,
    valuePoints(progress.indicators.get(indicator.id)),
    startYearOf(asOf),
  );
}

/** The one value for an indicator and year, or null when there is none or they conflict. */
export function valueFor(
  progress: ProgressSnapshot,
  indicatorId: IndicatorId,
  year: ReportingYear,
): ValueRecord | null {
  const entry = progress.indicators.get(indicatorId)?.years.find((candidate) => candidate.year === year);
  return entry && !entry.conflict ? (entry.records[0] ?? null) : null;
}

/** A commitment's mark for a year, or null. */
export function commitmentMark(
  progress: ProgressSnapshot,
  commitmentId: CommitmentId,
  year: ReportingYear,
): CommitmentProgress | null {
  return progress.commitments.get(commitmentId)?.find((mark) => mark.year === year) ?? null;
}

/**
 * The reporting year to show first: the latest year with any value recorded, within the SOA's period;
 * the period's first year when nothing is recorded yet.
 */
export function latestReportedYear(progress: ProgressSnapshot): ReportingYear | null {
  let latest: ReportingYear | null = null;
  for (const entry of progress.indicators.values()) {
    for (const { year } of entry.years) if (latest === null || compareReportingYears(year, latest) > 0) latest = year;
  }
  return latest ?? progress.years[0] ?? null;
}

/**
 * What the Annual Report says about each indicator and commitment for its year, worked out once from the
 * assembled SOA and its progress, so the summary, the tables and the charts never disagree.
 */
import type { IndicatorView, OutcomeView, SoaSnapshot } from '../../model/assemble';
import type { Commitment } from '../../model/partner';
import { commitmentMark, indicatorStatus, type ProgressSnapshot } from '../../model/progress';
import type { CommitmentProgress, ValueRecord } from '../../model/progressRoom';
import { compareReportingYears, reportingYearOf, startYearOf, type ReportingYear } from '../../model/reportingYear';
import { expectedAt, trajectoryPoints, type TrajectoryState, type TrajectoryStatus } from '../../model/trajectory';

export interface IndicatorFacts {
  readonly indicator: IndicatorView;
  readonly outcome: OutcomeView;
  readonly status: TrajectoryStatus;
  /** The years from the SOA's first to the report's, each with its value (null: none, or a conflict) and the trajectory's. */
  readonly series: readonly {
    readonly year: ReportingYear;
    readonly record: ValueRecord | null;
    readonly conflict: boolean;
    readonly expected: number | null;
  }[];
  /** The value for the report's year itself, when there is exactly one. */
  readonly thisYear: ValueRecord | null;
}

export interface CommitmentFacts {
  readonly partnerName: string;
  readonly commitment: Commitment;
  readonly mark: CommitmentProgress | null;
}

export interface ReportFacts {
  readonly year: ReportingYear;
  readonly years: readonly ReportingYear[];
  readonly indicators: readonly IndicatorFacts[];
  readonly byOutcome: ReadonlyMap<string, readonly IndicatorFacts[]>;
  readonly commitments: ReadonlyMap<string, readonly CommitmentFacts[]>;
  readonly counts: Readonly<Record<TrajectoryState, number>>;
  readonly missingThisYear: number;
}

export function reportFacts(snapshot: SoaSnapshot, progress: ProgressSnapshot, year: ReportingYear): ReportFacts {
  const first = reportingYearOf(snapshot.meta.periodStart ?? startYearOf(year));
  const years = progress.years.filter(
    (candidate) => compareReportingYears(candidate, first) >= 0 && compareReportingYears(candidate, year) <= 0,
  );
  const counts: Record<TrajectoryState, number> = {
    'on-track': 0,
    'some-way-to-go': 0,
    'off-track': 0,
    'no-data': 0,
    'target-not-a-number': 0,
    'direction-not-set': 0,
    conflict: 0,
  };
  const indicators: IndicatorFacts[] = [];
  const byOutcome = new Map<string, IndicatorFacts[]>();
  const commitments = new Map<string, CommitmentFacts[]>();
  let missingThisYear = 0;
  for (const outcome of snapshot.outcomes) {
    const list: IndicatorFacts[] = [];
    for (const indicator of outcome.indicators) {
      const entries = progress.indicators.get(indicator.id)?.years ?? [];
      const points = trajectoryPoints(indicator, progress.periodStart);
      const series = years.map((candidate) => {
        const entry = entries.find((found) => found.year === candidate);
        return {
          year: candidate,
          record: entry && !entry.conflict ? (entry.records[0] ?? null) : null,
          conflict: entry?.conflict === true,
          expected: points && points.length > 1 ? expectedAt(points, startYearOf(candidate)) : null,
        };
      });
      const thisYear = series.find((entry) => entry.year === year)?.record ?? null;
      if (!entries.some((entry) => entry.year === year)) missingThisYear++;
      const status = indicatorStatus(indicator, progress, year);
      counts[status.state]++;
      const facts = { indicator, outcome, status, series, thisYear };
      list.push(facts);
      indicators.push(facts);
    }
    byOutcome.set(outcome.id, list);
    const marks: CommitmentFacts[] = [];
    for (const contribution of outcome.contributions) {
      for (const commitment of contribution.commitments)
        marks.push({
          partnerName: contribution.partner.name,
          commitment,
          mark: commitmentMark(progress, commitment.id, year),
        });
    }
    commitments.set(outcome.id, marks);
  }
  return { year, years, indicators, byOutcome, commitments, counts, missingThisYear };
}

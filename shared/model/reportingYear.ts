/**
 * Reporting years: the year an annual progress report covers, from 1 April to 31 March (the Community
 * Empowerment (Scotland) Act 2015's reporting year), written "2014/15". Officers type "2014/15",
 * "2014-15", "2014/2015" or "2014 to 2015"; the app keeps one canonical form, so one year is one key.
 */

/** A reporting year in its canonical form, "2014/15". */
export type ReportingYear = string & { readonly __reportingYear: true };

const YEAR_TYPED = /^(\d{4})\s*(?:[/\-–]|to)\s*(\d{2}|\d{4})$/i;
const EARLIEST = 1990;
const LATEST = 2100;

/** The canonical reporting year starting in April of `startYear`. */
export function reportingYearOf(startYear: number): ReportingYear {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}` as ReportingYear;
}

/**
 * Reads a reporting year as typed, or null when it is not one: the second year must follow the first
 * ("2014/16" is not a reporting year). A lone "2014" is read as 2014/15.
 */
export function parseReportingYear(typed: string): ReportingYear | null {
  const text = typed.trim();
  const lone = /^(\d{4})$/.exec(text);
  if (lone) return inRange(Number(lone[1]));
  const match = YEAR_TYPED.exec(text);
  if (!match) return null;
  const start = Number(match[1]);
  const second = match[2] ?? '';
  const end = second.length === 4 ? Number(second) : Number(second);
  const expected = second.length === 4 ? start + 1 : (start + 1) % 100;
  return end === expected ? inRange(start) : null;
}

function inRange(start: number): ReportingYear | null {
  return start >= EARLIEST && start <= LATEST ? reportingYearOf(start) : null;
}

/** True for a stored value that is a canonical reporting year. */
export function isReportingYear(value: unknown): value is ReportingYear {
  return typeof value === 'string' && parseReportingYear(value) === value;
}

/** The calendar year the reporting year starts in (2014 for 2014/15). */
export function startYearOf(year: ReportingYear): number {
  return Number(year.slice(0, 4));
}

export function compareReportingYears(a: ReportingYear, b: ReportingYear): number {
  return startYearOf(a) - startYearOf(b);
}

/** The reporting year a date (ISO, YYYY-MM-DD) falls in: 1 April starts a new one. */
export function reportingYearOfDate(isoDate: string): ReportingYear {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return reportingYearOf(month >= 4 ? year : year - 1);
}

/**
 * The reporting years of an SOA's period: from its first year (2013/14 for a 2013-2023 SOA) to the year
 * before its end, ten years when the period is not stated.
 */
export function reportingYearsOfPeriod(periodStart: number | null, periodEnd: number | null): ReportingYear[] {
  const start = periodStart ?? 2013;
  const end = periodEnd !== null && periodEnd > start && periodEnd - start <= 30 ? periodEnd : start + 10;
  const years: ReportingYear[] = [];
  for (let year = start; year < end; year++) years.push(reportingYearOf(year));
  return years;
}

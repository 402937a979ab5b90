/**
 * Dates as the product shows them: UK style, "1 April 2013". Dates are stored as ISO calendar dates
 * (YYYY-MM-DD) and computed in UTC so that every replica and every time zone shows the same day.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2013-04-01" -> "1 April 2013". Returns the input unchanged when it is not an ISO date. */
export function formatUkDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is in the past). */
export function daysBetween(fromIso: string, toIso: string): number {
  const from = Date.parse(`${fromIso}T00:00:00Z`);
  const to = Date.parse(`${toIso}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000);
}

/** Today's date as an ISO date in UTC. Pure code takes `today` as an argument; callers use this at the edge. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "3 days left", "1 day left", "due today", "2 days overdue". */
export function describeDaysLeft(days: number): string {
  if (days === 0) return 'due today';
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} left`;
  const overdue = -days;
  return `${overdue} ${overdue === 1 ? 'day' : 'days'} overdue`;
}

/**
 * The two-minute summary for councillors: how many indicators are on track, which are off track, what the
 * partners delivered, in short plain sentences with the numbers written out.
 */
import { formatNumber } from '../../text/figures';
import { countOf } from '../../text/plural';

/** "1 indicator", "3 indicators", "0 indicators" inside a sentence. */
function plural(count: number, noun: string): string {
  return count === 0 ? `0 ${noun}s` : countOf(count, noun);
}
import type { ReportFacts } from './reportFacts';

export function plainSummary(facts: ReportFacts, area: string): string[] {
  const total = facts.indicators.length;
  const { counts } = facts;
  const judged = counts['on-track'] + counts['some-way-to-go'] + counts['off-track'];
  const sentences: string[] = [];
  if (total === 0)
    return [`The ${area} SOA has no indicators yet, so there is no progress to report for ${facts.year}.`];
  sentences.push(
    `We track ${plural(total, 'indicator')} of how life in ${area} is changing. By the end of ${facts.year}, ` +
      `${formatNumber(counts['on-track'])} ${counts['on-track'] === 1 ? 'was' : 'were'} on track to meet ${counts['on-track'] === 1 ? 'its' : 'their'} targets, ` +
      `${formatNumber(counts['some-way-to-go'])} had improved but had some way to go, and ${formatNumber(counts['off-track'])} ${counts['off-track'] === 1 ? 'was' : 'were'} off track.`,
  );
  const unjudged = total - judged;
  if (unjudged > 0)
    sentences.push(
      `For the other ${plural(unjudged, 'indicator')} there is no up-to-date figure or no numeric target to judge against yet.`,
    );
  if (facts.missingThisYear > 0)
    sentences.push(
      `${plural(facts.missingThisYear, 'indicator')} ${facts.missingThisYear === 1 ? 'has' : 'have'} no figure for ${facts.year} yet, usually because it is published later.`,
    );
  const offTrack = facts.indicators
    .filter((entry) => entry.status.state === 'off-track')
    .map((entry) => entry.indicator.displayName);
  if (offTrack.length > 0)
    sentences.push(
      `Off track: ${offTrack.slice(0, 5).join('; ')}${offTrack.length > 5 ? `; and ${plural(offTrack.length - 5, 'other')}` : ''}. The partners are looking at these first.`,
    );
  const marks = [...facts.commitments.values()].flat();
  const done = marks.filter((entry) => entry.mark?.state === 'done').length;
  const onTrack = marks.filter((entry) => entry.mark?.state === 'on-track').length;
  const delayed = marks.filter((entry) => entry.mark?.state === 'delayed').length;
  if (marks.length > 0) {
    sentences.push(
      `Of the partners\u2019 ${plural(marks.length, 'commitment')}, ${formatNumber(done)} ${done === 1 ? 'is' : 'are'} done, ${formatNumber(onTrack)} on track and ${formatNumber(delayed)} delayed.`,
    );
  }
  return sentences;
}

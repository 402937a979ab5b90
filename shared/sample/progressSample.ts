/**
 * The demo's record of what happened: several reporting years of indicator values, each partner's marks on
 * its commitments, its "what we did this year" per outcome, and the coordinators' summary, engagement and
 * equalities texts, so the Annual Report of the demo is a realistic document from the first run (issue 18).
 *
 * Consistent with the plan: each indicator follows its trajectory with its own steady performance (most a
 * little ahead or close to it, some behind, a few going the wrong way) and year-to-year noise, in the
 * indicator's own units and decimals; values are recorded by whoever leads the indicator. A few indicators
 * lack the latest year's value (not yet published), as in any real year. Deterministic: drawn from its own
 * seeded stream, so the rest of the sample does not change with it.
 */
import type * as Y from 'yjs';
import {
  expectedAt,
  FrameDocument,
  PartnerDocument,
  ProgressRoom,
  reportingYearOf,
  trajectoryPoints,
  type CommitmentProgressState,
  type IndicatorEntry,
  type PartnerId,
  type ReportingYear,
  type RichText,
  type ValueRecordId,
  paragraph,
  bulletList,
} from '../model';
import { SampleRandom } from './random';

export interface SampleProgressOptions {
  /** How many reporting years, from the SOA's first: 4 for the demo (2013/14 to 2016/17), 10 for the benchmark. */
  readonly years: number;
  readonly seed: number;
}

interface Performance {
  /** Where the indicator runs against its expected change from the baseline: 1.1 a little ahead, 0.6 behind, -0.3 going backwards. */
  readonly factor: number;
  readonly noise: number;
}

/** Months after the year's end (31 March) that a figure is published: June to December. */
const PUBLISHERS_DELAY_MONTHS: readonly number[] = [6, 8, 9, 11, 12];

function decimalsOf(text: string): number {
  const match = /\.(\d+)/.exec(text);
  return match ? Math.min((match[1] ?? '').length, 2) : 0;
}

function formatValue(value: number, like: string): string {
  const decimals = decimalsOf(like);
  const fixed = value.toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = Math.abs(value) >= 10_000 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const number = fraction ? `${grouped}.${fraction}` : grouped;
  if (/%\s*$/.test(like)) return `${number}%`;
  if (/^£/.test(like.trim())) return `£${number}`;
  return number;
}

/** Writes the demo's progress into its rooms (the frame and each partner's). */
export function writeSampleProgress(
  frameDoc: Y.Doc,
  partnerDocs: ReadonlyMap<PartnerId, Y.Doc>,
  options: SampleProgressOptions,
): void {
  const random = new SampleRandom(options.seed ^ 0x51a7e);
  const frame = new FrameDocument(frameDoc).read();
  const start = frame.meta.periodStart ?? 2013;
  const years: ReportingYear[] = [];
  for (let index = 0; index < options.years; index++) years.push(reportingYearOf(start + index));
  const lastYear = years[years.length - 1];
  const roomOf = (indicator: IndicatorEntry): Y.Doc | null =>
    indicator.leadPartnerId === null ? frameDoc : (partnerDocs.get(indicator.leadPartnerId) ?? null);

  // ---- indicator values ----
  for (const indicator of frame.indicators) {
    const room = roomOf(indicator);
    const points = trajectoryPoints(indicator, start);
    if (!room || !points || points.length < 2 || indicator.baselineValue === null) continue;
    const baseline = indicator.baselineValue;
    const roll = random.real(0, 1);
    const performance: Performance =
      roll < 0.5
        ? { factor: random.real(1.0, 1.3), noise: 0.08 }
        : roll < 0.8
          ? { factor: random.real(0.4, 0.85), noise: 0.1 }
          : { factor: random.real(-0.5, -0.05), noise: 0.1 };
    const missesLatest = random.chance(0.12);
    const progress = new ProgressRoom(room);
    for (const year of years) {
      if (year === lastYear && missesLatest) continue;
      const yearStart = Number(year.slice(0, 4));
      const expected = expectedAt(points, yearStart) ?? baseline;
      const planned = expected - baseline;
      const scale = Math.max(Math.abs(planned), Math.abs(baseline) * 0.02, 0.1);
      let value = baseline + planned * performance.factor + random.real(-1, 1) * performance.noise * scale;
      if (indicator.unit === '%' || /%/.test(indicator.baselineValueText)) value = Math.min(99.9, value);
      value = Math.max(0, value);
      const published = `${yearStart + 1}-${String(random.pick(PUBLISHERS_DELAY_MONTHS)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      progress.addValue({
        id: random.id<ValueRecordId>(),
        indicatorId: indicator.id,
        year,
        value: formatValue(value, indicator.baselineValueText),
        source: indicator.source || 'Community Planning Outcomes Profile',
        published,
        note: random.chance(0.15) ? random.pick(VALUE_NOTES) : '',
      });
    }
  }

  // ---- commitments and narrative, per partner ----
  const outcomeTitles = new Map(frame.outcomes.map((outcome) => [outcome.id as string, outcome.title] as const));
  for (const [partnerId, doc] of partnerDocs) {
    const partner = new PartnerDocument(doc).read();
    const progress = new ProgressRoom(doc);
    const name = frame.partners.find((candidate) => candidate.id === partnerId)?.name ?? 'The partner';
    const commitments = [...partner.contributions.flatMap((contribution) => contribution.commitments)];
    // Each commitment moves from not started to done over the years, some delayed on the way.
    for (const commitment of commitments) {
      // Most take a few years; some run the whole ten.
      const finishes = random.int(1, 8);
      const slips = random.chance(0.25);
      years.forEach((year, index) => {
        let state: CommitmentProgressState =
          index + 1 >= finishes ? 'done' : index === 0 && random.chance(0.3) ? 'not-started' : 'on-track';
        if (slips && state !== 'done' && index > 0) state = 'delayed';
        const note =
          state === 'delayed'
            ? random.pick(DELAY_NOTES)
            : state === 'done' && index + 1 === finishes
              ? random.pick(DONE_NOTES)
              : '';
        progress.setCommitmentProgress(commitment.id, year, { state, note });
      });
    }
    for (const contribution of partner.contributions) {
      const title = outcomeTitles.get(contribution.outcomeId);
      if (!title) continue;
      const actions = contribution.commitments
        .map((commitment) => commitment.action)
        .filter((action) => action.length > 0);
      for (const year of years)
        progress.setNarrative(year, contribution.outcomeId, narrativeFor(random, name, title, actions, year));
    }
  }

  // ---- the coordinators' texts per year ----
  const coordinators = new ProgressRoom(frameDoc);
  for (const year of years) {
    coordinators.setYearText(year, 'summary', [
      paragraph(
        `In ${year} the partnership ${random.pick(SUMMARY_OPENINGS)} Most indicators moved in the direction the SOA set out, and the partners delivered the commitments they planned for the year, with some delayed by ${random.pick(DELAY_CAUSES)}.`,
      ),
      paragraph(
        `The partnership board reviewed progress in ${random.pick(['June', 'September', 'November'])} ${Number(year.slice(0, 4)) + 1} and agreed where to focus next: ${random.pick(FOCUS)}.`,
      ),
    ]);
    coordinators.setYearText(year, 'engagement', [paragraph(random.pick(ENGAGEMENT))]);
    coordinators.setYearText(year, 'equalities', [paragraph(random.pick(EQUALITIES))]);
  }
}

function narrativeFor(
  random: SampleRandom,
  partner: string,
  outcome: string,
  actions: readonly string[],
  year: ReportingYear,
): RichText {
  const chosen = random.pickSome(actions, 2).map((action) => action.replace(/\.$/, ''));
  const blocks: RichText[number][] = [
    paragraph(`In ${year} ${partner} ${random.pick(NARRATIVE_OPENINGS)} "${outcome.replace(/\.$/, '')}".`),
  ];
  if (chosen.length > 0) blocks.push(bulletList(chosen.map((action) => `${action}: ${random.pick(ACTION_PROGRESS)}`)));
  blocks.push(paragraph(random.pick(NARRATIVE_CLOSINGS)));
  return blocks;
}

const VALUE_NOTES = [
  'Provisional figure; the final figure is due with the next release.',
  'The survey sample was smaller this year, so the figure has a wider margin of error.',
  'Revised by the publisher after the first release.',
];
const DELAY_NOTES = [
  'Recruitment to the new posts took longer than planned.',
  'Waiting for the shared data agreement to be signed.',
  'Moved to next year to align with the new locality plans.',
  'Premises not available until the autumn.',
];
const DONE_NOTES = [
  'Completed and now part of normal service.',
  'Delivered on time and within budget.',
  'Finished; the evaluation report went to the partnership board.',
];
const DELAY_CAUSES = [
  'recruitment',
  'the timing of national funding decisions',
  'the move to new premises',
  'waiting for shared data agreements',
];
const SUMMARY_OPENINGS = [
  'made steady progress towards its ten-year outcomes.',
  'consolidated the new ways of working it agreed in the SOA.',
  'moved more of its joint spending towards prevention.',
  'saw the first results of the early intervention work.',
];
const FOCUS = [
  'the gap between the most and least deprived neighbourhoods',
  'older people living at home for longer',
  'young people leaving school without a positive destination',
  'the indicators that are off track',
];
const ENGAGEMENT = [
  'The partnership held community conversations in every locality, and residents on the locality panels helped choose the year\u2019s priorities for the participatory budgeting round.',
  'The community engagement network met four times; its members fed back on the draft performance report and on the plans for the new community hubs.',
  'Young people\u2019s forums reviewed the services for young people and their recommendations went to the partnership board in March.',
];
const EQUALITIES = [
  'Equality impact assessments were completed for every new joint service, and the partners began reporting indicators by age, sex and disability where the data allows.',
  'The partners trained front-line staff in inclusive communication, and British Sign Language and community languages were offered at every public event.',
  'Data for the most deprived fifth of neighbourhoods is now reported beside the area figures, so the gap is visible in each indicator.',
];
const NARRATIVE_OPENINGS = [
  'continued its work towards',
  'made good progress on its contribution to',
  'focused its resources on',
  'worked with the other partners towards',
];
const ACTION_PROGRESS = [
  'in place across the area',
  'running in two of the localities, with the rest to follow',
  'evaluated and extended',
  'started in the autumn',
  'delivered as planned',
];
const NARRATIVE_CLOSINGS = [
  'Next year the focus moves to reaching the people who have not yet used the service.',
  'Feedback from the people using these services was positive, and the learning has been shared with the other partners.',
  'The work was delivered within existing budgets, with staff time redirected from crisis response to prevention.',
];

/**
 * What one partner writes in its own room: a contribution statement for each outcome it delivers, costed
 * commitments, and a general statement. Pure functions of the Writer's PRNG and the facts passed in.
 */
import { bulletList, heading, paragraph, type RichBlock, type RichText } from '../model';
import type { PartnerKind } from '../reference';
import {
  ABOUT_BY_KIND,
  BULLET_INTROS,
  CASE_STUDIES,
  CHALLENGES,
  PEOPLE_CASE_STUDIES,
  CURRENT_WORK,
  GENERIC_BULLETS,
  LEARNING,
  MEASURE,
  PARTNERSHIP,
  PREVENTION,
  ROLE_BY_KIND,
  STATEMENT,
} from './partnerBanks';
import { capitalise, joinAnd, thousands, type Slots, type Writer } from './prose';
import type { ActionSpec, OutcomeTheme } from './themes';

export interface PartnerFacts {
  readonly name: string;
  /** How the partner refers to itself mid-sentence: "the council", "NHS Strathmore". */
  readonly short: string;
  readonly kind: PartnerKind;
}

export interface OutcomeFacts {
  readonly number: number;
  readonly title: string;
  readonly theme: OutcomeTheme;
  readonly thematic: string;
}

/** Commitments any partner can make to any outcome, when the theme has too few for its kind. */
const GENERIC_ACTIONS: readonly ActionSpec[] = [
  {
    text: 'Second an officer to the {thematic} for two days a week to coordinate our contribution to {topic}',
    kinds: [],
    preventative: false,
    staffOnly: true,
  },
  {
    text: 'Deliver awareness training on {topic} to {big} frontline staff',
    kinds: [],
    preventative: true,
    costs: [8, 45],
  },
  {
    text: "Share anonymised data on {topic} with the partnership's analyst every quarter",
    kinds: [],
    preventative: false,
    staffOnly: true,
  },
  { text: 'Fund a development worker for {topic} based in {hood}', kinds: [], preventative: true, costs: [36, 120] },
  {
    text: 'Review our own policies and service plans against this outcome and publish the changes we make',
    kinds: [],
    preventative: false,
    staffOnly: true,
  },
  {
    text: 'Run a joint test of change on {topic} with two other partners in {town2}',
    kinds: [],
    preventative: true,
    costs: [15, 80],
  },
  {
    text: 'Include a commitment to {topic} in the objectives of every manager working in {area}',
    kinds: [],
    preventative: false,
    staffOnly: true,
  },
];

const TIMESCALES = [
  'By March 2014',
  'By March 2015',
  'By March 2016',
  '2013-2016',
  'Annually from 2013/14',
  'From April 2013, ongoing',
  'By December 2013',
  'By September 2014',
  '2013-2023, reviewed every three years',
  'Pilot in 2013/14, full roll-out by 2015',
];

/** Typical size of a commitment, in pounds, by kind of partner: [min, max] in thousands. */
const POUNDS_RANGE: Readonly<Record<PartnerKind, readonly [number, number]>> = {
  council: [25, 950],
  'health-board': [20, 820],
  police: [5, 120],
  'fire-and-rescue': [5, 90],
  'third-sector-interface': [5, 140],
  'enterprise-agency': [40, 1200],
  'skills-body': [20, 600],
  college: [15, 350],
  'integration-joint-board': [50, 1400],
  'transport-partnership': [20, 400],
  'community-justice-authority': [10, 200],
  other: [5, 100],
};

function slotsFor(partner: PartnerFacts, outcome: OutcomeFacts): Slots {
  return {
    partner: partner.name,
    short: partner.short,
    topic: outcome.theme.topic,
    outcome: outcome.title,
    thematic: outcome.thematic,
  };
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The contribution statement: several paragraphs, a bullet list and sometimes a bold lead-in. */
export function contributionStatement(
  w: Writer,
  partner: PartnerFacts,
  outcome: OutcomeFacts,
  planned: readonly CommitmentDraft[],
  caseStudyChance: number,
): RichText {
  const slots = slotsFor(partner, outcome);
  const r = w.random;
  const roles = ROLE_BY_KIND[partner.kind];
  const committed = new Set(planned.map((commitment) => commitment.template));
  const ownActions = outcome.theme.actions
    .filter((action) => action.kinds.includes(partner.kind) && !committed.has(action.text))
    .map((action) => action.text);
  const bulletTemplates = [...r.pickSome(ownActions, r.int(2, 3)), ...r.pickSome(GENERIC_BULLETS, r.int(2, 3))];
  // The second paragraph tells either what the partner does now or what it learned last time.
  const background = r.chance(0.5) ? CURRENT_WORK : LEARNING;
  const blocks: RichBlock[] = [
    w.para(() => `${w.from(roles, slots)} ${w.from(outcome.theme.evidence, slots)} ${w.from(CURRENT_WORK, slots)}`),
    w.para(() => `${w.several(background, 2, slots)} ${w.from(outcome.theme.evidence, slots)}`),
    ...(r.chance(caseStudyChance)
      ? [caseStudy(w, slots, outcome.theme.key)].filter((block): block is RichBlock => block !== null)
      : []),
    heading(3, r.pick(['What we will do', 'Our commitments', 'Actions for 2013-2016', 'What will change'])),
    paragraph(w.from(BULLET_INTROS, slots)),
    bulletList(
      uniqueBullets(
        w,
        bulletTemplates.map((template) => lowerFirst(w.fill(template, slots))),
      ),
    ),
    w.para(() => resourceSentence(planned, partner)),
  ];
  const prevention = w.fresh(() => w.several(PREVENTION, 2, slots));
  blocks.push(r.chance(0.6) ? w.leadIn('Prevention.', prevention) : paragraph(prevention));
  blocks.push(w.para(() => w.several(PARTNERSHIP, 2, slots)));
  if (r.chance(0.3))
    blocks.push(
      w.leadIn(
        'Equalities.',
        w.fresh(() => `${r.pick(outcome.theme.equality)} ${w.from(GENERIC_EQUALITY, slots)}`),
      ),
    );
  blocks.push(
    w.para(() =>
      [w.several(MEASURE, r.int(1, 2), slots), ...(r.chance(0.6) ? [w.from(CHALLENGES, slots)] : [])].join(' '),
    ),
  );
  return blocks;
}

/**
 * The bullets not yet written anywhere in this SOA: a repeat is swapped for the next unwritten generic bullet
 * that needs no slot filled (so no further random draws), or dropped.
 */
function uniqueBullets(w: Writer, bullets: readonly string[]): string[] {
  const spare = GENERIC_BULLETS.filter((template) => !template.includes('{')).map(lowerFirst);
  return bullets
    .map((bullet) => (w.claim(`bullet:${bullet}`) ? bullet : spare.find((candidate) => w.claim(`bullet:${candidate}`))))
    .filter((bullet): bullet is string => bullet !== undefined);
}

/** A case study not yet told in this SOA (a story about a person for this outcome, or about how partners work), or null when all are told. */
function caseStudy(w: Writer, slots: Slots, themeKey: string): RichBlock | null {
  const people = PEOPLE_CASE_STUDIES[themeKey] ?? [];
  const stories = w.random.chance(0.6)
    ? [...people, ...w.random.shuffle(CASE_STUDIES)]
    : [...w.random.shuffle(CASE_STUDIES), ...people];
  const story = stories.find((candidate) => w.claim(candidate));
  if (!story) return null;
  return {
    type: 'blockquote',
    content: [
      w.leadIn(
        'Case study.',
        w.fresh(() => w.fill(story, slots)),
      ),
    ],
  };
}

const GENERIC_EQUALITY = [
  'We will monitor who benefits from this work by age, sex, disability and ethnicity, and by SIMD quintile.',
  'Our equality impact assessment found that {group} were least likely to use these services, and we will target them.',
  'We will work with {group} to check that our services are accessible to them.',
  'Information about these services will be available in other formats and community languages.',
];

/** "Our commitments to this outcome amount to £420,000 and 6.5 FTE, of which ..." */
function resourceSentence(planned: readonly CommitmentDraft[], partner: PartnerFacts): string {
  const pounds = planned.reduce((sum, commitment) => sum + (commitment.resourcePounds ?? 0), 0);
  const fte = planned.reduce((sum, commitment) => sum + (commitment.resourceFte ?? 0), 0);
  const preventative = planned.filter((commitment) => commitment.preventative).length;
  const preventativePounds = planned.reduce(
    (sum, commitment) => sum + (commitment.preventative ? (commitment.resourcePounds ?? 0) : 0),
    0,
  );
  const parts = [
    pounds > 0 ? `£${thousands(pounds)}` : '',
    fte > 0 ? `${(Math.round(fte * 10) / 10).toFixed(1)} full-time equivalent staff` : '',
  ].filter(Boolean);
  const who = partner.short.startsWith('the ') ? capitalise(partner.short) : partner.short;
  // The preventative share is worked out from the same commitments the tables add up, so text and tables agree.
  const share =
    preventative === 0 || preventative === planned.length || preventativePounds === 0
      ? ''
      : preventativePounds === pounds
        ? ` (all of the money, £${thousands(preventativePounds)})`
        : ` (£${thousands(preventativePounds)}, ${Math.round((100 * preventativePounds) / pounds)}% of the money)`;
  return `${who} commits ${joinAnd(parts)} to this outcome through the ${planned.length} commitments set out in the table below, ${preventative === planned.length ? 'all of them preventative' : preventative === 0 ? 'none of which is classed as preventative, although each supports earlier intervention by others' : `${preventative} of them preventative${share}`}. These figures are in addition to the mainstream services described above, which are funded through our core budget.`;
}

export interface CommitmentDraft {
  /** The template the action was written from, so the statement's bullets can avoid repeating it. */
  readonly template: string;
  readonly action: string;
  readonly timescale: string;
  readonly resourcePounds: number | null;
  readonly resourceFte: number | null;
  readonly preventative: boolean;
}

/** Two to five commitments, each with a timescale and money, staff time or both. */
export function commitments(w: Writer, partner: PartnerFacts, outcome: OutcomeFacts): CommitmentDraft[] {
  const slots = slotsFor(partner, outcome);
  const own = outcome.theme.actions.filter((action) => action.kinds.includes(partner.kind));
  const count = w.random.int(2, 5);
  // No commitment twice in one SOA: an action another partner (or this one elsewhere) already has is passed over.
  const candidates = [...w.random.shuffle(own), ...w.random.shuffle(GENERIC_ACTIONS)];
  const chosen: typeof candidates = [];
  for (const action of candidates) {
    if (chosen.length === count) break;
    // Keyed by the action with this partner's and outcome's slots filled in, which draws nothing at random.
    const known = action.text.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole);
    if (w.claim(`commitment:${known}`)) chosen.push(action);
  }
  // When the banks run dry, an action taken again is tied to a place, so it still reads as its own commitment.
  for (const action of candidates) {
    if (chosen.length >= Math.min(count, 2)) break;
    if (!chosen.includes(action)) chosen.push({ ...action, text: `${action.text}, starting in {town}` });
  }
  const [min, max] = POUNDS_RANGE[partner.kind];
  return chosen.map((action) => {
    const kind = w.random.int(0, 9);
    // Prevention starts small: a preventative commitment is costed in the lower part of the partner's range, so
    // the preventative share of the money is a realistic minority, as it was in the 2013 SOAs.
    const [low, high] =
      action.costs ?? (action.preventative ? [min, Math.max(min, Math.round(min + (max - min) * 0.15))] : [min, max]);
    const pounds = kind < 7 && !action.staffOnly ? w.random.int(low, high) * 1000 : null;
    const fte =
      kind >= 4 || pounds === null
        ? Math.round(w.random.real(0.2, partner.kind === 'police' ? 14 : 8) * 10) / 10
        : null;
    return {
      template: action.text,
      action: w.fill(action.text, slots),
      timescale: w.random.pick(TIMESCALES),
      resourcePounds: pounds,
      resourceFte: fte,
      preventative: action.preventative,
    };
  });
}

/** The partner's general statement of support. */
export function generalStatement(w: Writer, partner: PartnerFacts, outcomes: readonly OutcomeFacts[]): RichText {
  const slots: Slots = { partner: partner.name, short: partner.short };
  const numbers = outcomes.map((outcome) => String(outcome.number));
  // Eleven different sentences, so no statement says the same thing twice.
  const lines = w.random.pickSome(STATEMENT, 11).map((line) => w.fill(line, slots));
  const take = (from: number, to: number) => lines.slice(from, to).join(' ');
  return [
    w.para(() => w.several(ABOUT_BY_KIND[partner.kind], 2, slots)),
    w.para(() => take(0, 3)),
    w.para(
      () =>
        `${partner.name} contributes to local outcomes ${joinAnd(numbers)}: ${joinAnd(outcomes.map((outcome) => outcome.theme.topic))}. ${take(3, 5)}`,
    ),
    w.para(() => take(5, 8)),
    w.para(() => take(8, 11)),
  ];
}

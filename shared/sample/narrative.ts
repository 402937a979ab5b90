/**
 * The shared narrative sections of the sample SOA (the frame's NARRATIVE_KEYS), written as a coordinator
 * would: headings, paragraphs, bullet lists, a few tables, bold lead-ins and the odd link. Each builder
 * draws its sentences from the banks below through the seeded Writer, so two seeds read differently.
 */
import type { PartnerKind, PolicyPriorityId } from '../reference';
import { bulletList, heading, orderedList, paragraph, simpleTable, type RichBlock, type RichText } from '../model';
import { formatUkDate } from '../text/dates';
import type { SampleArea } from './places';
import { joinAnd, thousands, type Writer } from './prose';

export interface NarrativePartner {
  readonly name: string;
  readonly kind: PartnerKind;
}

export interface NarrativeOutcome {
  readonly number: number;
  readonly title: string;
  readonly themeKey: string;
  readonly topic: string;
  readonly priorities: readonly PolicyPriorityId[];
  readonly leadName: string;
  readonly equality: string;
  readonly gapNote: string;
  /** Evidence sentence templates of the outcome's theme, for the place chapter. */
  readonly evidence: readonly string[];
  readonly heading: string;
}

export interface NarrativeCommitment {
  readonly outcomeNumber: number;
  readonly partnerName: string;
  readonly action: string;
  readonly timescale: string;
  readonly pounds: number | null;
  readonly fte: number | null;
}

export interface NarrativeResources {
  readonly name: string;
  readonly pounds: number;
  readonly fte: number;
  readonly preventativePounds: number;
}

export interface NarrativeContext {
  readonly writer: Writer;
  readonly area: SampleArea;
  readonly towns: readonly string[];
  readonly neighbourhoods: readonly string[];
  readonly partners: readonly NarrativePartner[];
  readonly outcomes: readonly NarrativeOutcome[];
  readonly resources: readonly NarrativeResources[];
  readonly chair: string;
  readonly contactEmail: string;
  readonly partnerGaps: readonly string[];
  /** ISO date the agreement is due with the Scottish Government (the round's own deadline). */
  readonly agreementDue: string;
  /** Every preventative commitment partners made, for the prevention plan. */
  readonly preventative: readonly NarrativeCommitment[];
}

function link(text: string, href: string, before: string, after: string): RichBlock {
  return {
    type: 'paragraph',
    content: [
      { type: 'text', text: before },
      { type: 'text', text, marks: { link: href } },
      { type: 'text', text: after },
    ],
  };
}

// ---- foreword ---------------------------------------------------------------------------------------

const FOREWORD_OPEN = [
  "I am pleased to introduce the {cpp}'s Single Outcome Agreement for 2013 to 2023, our shared plan for the future of {area}.",
  'This Single Outcome Agreement sets out what the partners in {area} will achieve together over the next ten years, and how.',
  'On behalf of the {cpp}, I welcome this Single Outcome Agreement, which is the result of many months of work by partners and communities across {area}.',
];
const FOREWORD_CONTEXT = [
  'It comes at a time of real pressure on public services: budgets are falling, demand is rising as our population ages, and the welfare reforms will affect many of the households that already struggle most.',
  'The Christie Commission was clear that public services must work together, focus on prevention and involve communities much more closely; this agreement is our response.',
  'The Statement of Ambition agreed by the Scottish Government and COSLA puts community planning at the heart of public service reform, and asks every partnership to agree a plan for its place.',
  'Since our first SOA in 2008, partners have learned a great deal about working together, but we have not yet made enough difference to the gaps in outcomes between our communities.',
  'The guidance issued in December {year} asked partnerships to be sharper: fewer priorities, clear evidence, and hard-edged commitments from every partner.',
];
const FOREWORD_SHAPE = [
  'We have chosen a small number of local outcomes that matter most to people in {area} and where working together will make the biggest difference.',
  'Each chapter says what will be different in ten years, how we will measure progress, and what each partner will contribute.',
  'We have tried to write the agreement in plain language, so that residents can hold us to account for what we promise.',
  'The agreement is not a list of everything partners do: it concentrates on what we can only achieve together.',
];
const FOREWORD_CHANGE = [
  'This agreement is different from its predecessors in three ways: it is shorter on aspiration and longer on commitment; every partner has set out what it will contribute; and it includes, for the first time, a plan for shifting resources to prevention.',
  'Partners have been honest about the scale of the challenge: some outcomes will take longer than ten years to change, and the agreement says so.',
  'We have learned that strategies do not change lives on their own; what changes lives is what staff and communities do differently, and this agreement is written to guide that.',
  'The partnership board will review the agreement every year, and we will not hesitate to change course where the evidence tells us to.',
  'We have tried to make every commitment specific enough that residents can see whether it has been kept.',
];
const FOREWORD_CLOSE = [
  'I would like to thank everyone who has contributed: the staff of every partner, the community councils, the voluntary organisations and the many residents who came to our events or answered our surveys.',
  'The real test of this agreement will be whether life is better in {hood} and in every other community in {area} by 2023. That is the test we set ourselves.',
  'We will report on our progress every year, openly and honestly, including where we are falling short.',
  'The partners have signed up to this agreement not as a formality but as a commitment to the people of {area}.',
];

function foreword(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    paragraph(`${w.from(FOREWORD_OPEN)} ${w.several(FOREWORD_CONTEXT, 2)}`),
    paragraph(w.several(FOREWORD_CONTEXT, 2)),
    paragraph(`${w.several(FOREWORD_SHAPE, 2)} Our local outcomes are:`),
    bulletList(ctx.outcomes.map((outcome) => outcome.title)),
    paragraph(w.several(FOREWORD_SHAPE, 2)),
    w.para(() => w.several(FOREWORD_CHANGE, 3)),
    heading(2, 'Summary'),
    paragraph(
      `${ctx.area.name} is home to around ${thousands(ctx.area.population)} people. ${w.fill(ctx.area.character === 'urban' ? 'Most live in and around {town} and {town2}, in a close network of towns and neighbourhoods.' : 'Most live in and around {town} and {town2}, but a significant share live in small rural settlements.')} ${w.fill(
        'The strategic assessment shows that outcomes are generally good, but that they are much poorer in a small number of communities, notably {hood}.',
      )}`,
    ),
    w.leadIn(
      'Prevention.',
      w.fill(
        'Partners have committed to shift resources towards prevention and early intervention, and the prevention plan in this agreement quantifies that shift for the first time. {cpp} partners will report each year on how much of their spend is preventative.',
      ),
    ),
    w.leadIn(
      'Communities.',
      w.fill(
        'The agreement was shaped by what people told us, and communities will be involved in delivering it through local partnership forums in each area, beginning in {town2}.',
      ),
    ),
    w.leadIn(
      'Accountability.',
      'Each partner has set out its contribution and signed up to the agreement through its own board. Progress will be reported publicly each year.',
    ),
    paragraph(w.several(FOREWORD_CLOSE, 3)),
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: ctx.chair, marks: { bold: true } },
        { type: 'hardBreak' },
        { type: 'text', text: `Chair, ${ctx.writer.place.partnershipName}` },
      ],
    },
  ];
}

// ---- purpose -----------------------------------------------------------------------------------------

const PURPOSE_WHAT = [
  'A Single Outcome Agreement is an agreement between a Community Planning Partnership and the Scottish Government about the outcomes the partnership will improve for its area.',
  "This agreement is the {cpp}'s plan for place: it describes the area, sets out the outcomes partners will work towards together, and commits each partner to a contribution.",
  'The SOA replaces the agreement of 2009-2012 and covers the ten years from 2013 to 2023, with a rolling three-year delivery plan that will be refreshed each year.',
];
const PURPOSE_SCOPE = [
  'It covers the work of all community planning partners in {area}, not only the council, and the whole of their resources, not only the funds they hold jointly.',
  'It is written against the refreshed National Performance Framework of December 2011, and each local outcome is linked to one or more of its sixteen National Outcomes.',
  'It addresses the six policy priorities the guidance asks every partnership to focus on: economic recovery and growth; employment; early years; safer and stronger communities and reducing offending; health inequalities and physical activity; and outcomes for older people.',
  'It includes a prevention plan, a statement of how communities have been and will be engaged, and the governance and performance arrangements by which partners will be held to account.',
  'It is consistent with, and does not repeat, the detailed plans of individual partners and thematic partnerships, which are listed below.',
];
const PURPOSE_PREVIOUS = [
  'The 2009 agreement had more than forty local outcomes and over a hundred indicators; partners agreed that this spread attention too thinly.',
  'Progress under the previous agreement was real, notably on {topic1}, but gaps between communities did not narrow as much as partners hoped.',
  'The previous agreement was largely a council document with partner contributions attached; this one has been written by all partners together.',
  "Audit Scotland's national reports on community planning found that partnerships needed clearer priorities and stronger performance management, and we have taken that advice.",
  'Since the last agreement, budgets have fallen in real terms for every partner, which makes it more important to align what remains.',
];
const RELATED_PLANS = [
  "the council's corporate plan and service plans",
  "the health board's Local Delivery Plan",
  'the local policing plan for {area}',
  'the local fire and rescue plan for {area}',
  "the integrated children's services plan",
  'the joint commissioning strategy for older people',
  'the local housing strategy',
  'the economic development strategy',
  'the Alcohol and Drug Partnership strategy',
  'the community learning and development plan',
  'the local transport strategy',
];

const POLICY_CONTEXT = [
  '**The Christie Commission (June 2011)**: its call for public services built around people and communities, with a decisive shift to prevention, underpins this agreement.',
  '**The Statement of Ambition (March 2012)**: agreed by the Scottish Government and COSLA, it puts community planning at the core of public service reform.',
  '**Health and social care integration**: the proposed legislation will require the council and health board to integrate adult health and social care, changing how outcome 6 is delivered.',
  '**Police and fire reform**: from 1 April 2013 Police Scotland and the Scottish Fire and Rescue Service replace the regional services, with local plans for each council area.',
  '**Welfare reform**: the UK Welfare Reform Act 2012 will change the benefits of thousands of households in the area, and partners are preparing together.',
  '**The Children and Young People Bill**: expected to put Getting it Right for Every Child on a statutory footing and extend early learning and childcare.',
  '**The Community Empowerment and Renewal Bill**: expected to strengthen community planning and give communities new rights to take on land and buildings.',
  '**Post-16 education reform**: college regionalisation and Opportunities for All will change how young people are supported into learning and work.',
];

function purpose(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    heading(2, 'What this agreement is'),
    paragraph(w.several(PURPOSE_WHAT, 3)),
    heading(2, 'Scope'),
    paragraph(w.several(PURPOSE_SCOPE, 3)),
    paragraph(w.several(PURPOSE_SCOPE, 2)),
    paragraph(
      'The agreement sits above, and is delivered through, the plans of partners and thematic groups, including:',
    ),
    w.bullets(RELATED_PLANS, 7),
    heading(2, 'What has changed since the last agreement'),
    w.para(() => w.several(PURPOSE_PREVIOUS, 3, { topic1: w.random.pick(ctx.outcomes).topic })),
    heading(2, 'Policy context'),
    paragraph(
      ctx.writer.fill(
        'The agreement responds to a changing national landscape, which will shape how partners in {area} work over the next ten years:',
      ),
    ),
    boldLeadBullets(ctx.writer.random.pickSome(POLICY_CONTEXT, 6)),
    heading(2, 'How to read this document'),
    orderedList([
      'Our place: what the evidence tells us about the area and its communities.',
      'Our vision and local outcomes, with matrices linking them to the policy priorities and the National Outcomes.',
      `One chapter for each of the ${ctx.outcomes.length} local outcomes: the evidence, what will be different in ten years, the indicators and targets, and each partner's contribution.`,
      'The prevention plan and the resources partners are committing.',
      'Community engagement, equalities, and governance and performance management.',
      'Annexes: indicator definitions, partner statements and notes on gaps still to be filled.',
    ]),
    link(
      'Single Outcome Agreements: Guidance to Community Planning Partnerships',
      'https://www.gov.scot/publications/single-outcome-agreements-guidance-community-planning-partnerships/',
      'The agreement follows the Scottish Government and COSLA ',
      ' (December 2012).',
    ),
  ];
}

// ---- understanding of place -------------------------------------------------------------------------

const PLACE_GEOGRAPHY: Readonly<Record<SampleArea['character'], readonly string[]>> = {
  rural: [
    '{area} is a large and mainly rural area, stretching from the coast to the hills, with a population spread across market towns, villages and scattered settlements.',
    'More than half of the population lives outside the main towns, and some communities are more than an hour by road from {town}.',
    "The landscape and coast are among the area's greatest assets, attracting visitors and new residents, but distance and sparsity raise the cost of delivering every public service.",
  ],
  mixed: [
    '{area} combines busy towns in the east with farming and former mining communities in the west, and a long stretch of coast to the north.',
    'Most people live in and around {town} and {town2}, which are linked to the cities by road and rail, while the smaller settlements depend on infrequent bus services.',
    'The area has a strong industrial heritage, and the decline of traditional industries still shapes some of its communities.',
  ],
  urban: [
    '{area} is a compact and largely urban area, with a dense network of towns and neighbourhoods along the river valley.',
    'Most residents live within a few miles of {town}, and travel-to-work links with the neighbouring cities are strong.',
    'The area was shaped by heavy industry, and although much of it has gone, its legacy remains in the health and employment of some communities.',
  ],
};
const LARGEST_TOWN_NOTE =
  "the largest settlement and administrative centre, with the main hospital, the college campus and most of the area's employment land";
const LOCALITY_NOTES = [
  'a market town with a growing retired population and a busy high street, but few jobs for young people',
  'a former mining community where outcomes on health and employment are among the poorest in the area',
  'a coastal town whose economy depends on fishing, tourism and the harbour, with marked seasonal unemployment',
  'a commuter settlement that has grown quickly, with a young population and pressure on school places',
  'a small town serving a wide rural hinterland, where access to services depends on the car',
  'an industrial town undergoing regeneration, with new housing on former works sites',
  'a town with strong community organisations and a community-owned hall, but high levels of fuel poverty',
];
const PLACE_POPULATION = [
  'The population has grown slightly since 2001, but the number of people aged over 75 is projected to rise by around {pct2} over the next ten years while the working-age population falls.',
  'Around {pct2} of residents are aged under 16 and around {pct3} are of pensionable age.',
  'Household numbers are rising faster than population, driven by more people living alone, particularly in later life.',
  'Young people continue to leave the area for education and work, and relatively few return in their twenties and thirties.',
  'The area has a small but growing minority ethnic population, and an established Gypsy/Traveller community.',
];
const PLACE_DEPRIVATION = [
  'Most of {area} is not deprived, but {n} datazones are among the 15% most deprived in Scotland, and several have been in that group since the index began.',
  'Deprivation in the rural parts of {area} is hidden: it is spread thinly, rather than concentrated in datazones, and the index does not pick it up well.',
  'The gap between the best and worst outcomes in the area is wide: life expectancy, attainment, employment and crime all follow the same pattern.',
  'Residents of {hood} are around three times more likely to be claiming out-of-work benefits than the average for the area.',
  'Fuel poverty is high, particularly among older people in homes that are off the gas grid.',
  'Child poverty is concentrated in {hood} and the neighbouring datazones, where more than one child in three lives in a low-income family.',
];
const PLACE_ASSETS = [
  "The area's greatest asset is its people: levels of volunteering are high, and community organisations run many local facilities.",
  'The natural environment, from the coast to the hills, supports tourism, food and drink, and renewable energy, and is valued by residents.',
  '{town} has a growing reputation for food and drink, and its harbour and station give it good links for business and visitors.',
  'The college and the schools have strong links with local employers, which give young people real routes into work.',
  'Partners own a large estate of buildings and land which, used together, could support more joined-up local services.',
  'The area has a strong tradition of community ownership, including a community-owned wind turbine and several village halls.',
  'Broadband improvements due over the next three years will open new opportunities for home working and small businesses in the rural communities.',
];
const PLACE_FINDINGS = [
  'outcomes for most people are good and improving, but the gap between the most and least deprived communities is not narrowing',
  'the ageing of the population will increase demand for health and social care much faster than budgets will grow',
  'too many young people leave school without a sustained positive destination, especially in {hood}',
  'alcohol is a common thread in poor health, violence, fires and family breakdown',
  'the local economy relies heavily on the public sector and on small businesses, and productivity is low',
  'people in rural communities face real barriers in reaching services, jobs and learning',
  'communities are willing to do more for themselves but need support to do so',
  'early intervention in the first years of life offers the greatest long-term return on public investment',
];
const PLACE_ENGAGEMENT = [
  "The strategic assessment drew on the partners' own data, on national statistics from Scottish Neighbourhood Statistics, and on what residents, businesses and the third sector told us.",
  "Community councils, tenants' groups and the youth forum each contributed to the assessment, and their comments are reflected in the priorities.",
  'The business community contributed through the chamber of commerce and a survey of {big} local firms.',
  'The third sector interface ran a series of workshops with voluntary organisations, which highlighted the growth in demand for advice and support services.',
];

function understandingOfPlace(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  const random = w.random;
  // The settlements, the rest of the area and the whole area: the populations add up to the area's, and the
  // area's shares are the population-weighted averages of its parts.
  const places = ctx.towns.slice(0, 6).map((town, index) => ({
    name: town,
    population:
      Math.round((ctx.area.population * (index === 0 ? random.real(0.22, 0.32) : random.real(0.02, 0.09))) / 100) * 100,
  }));
  places.push({
    name: `Rest of ${ctx.area.name} (villages and rural areas)`,
    population: ctx.area.population - places.reduce((sum, place) => sum + place.population, 0),
  });
  const shares = places.map(() => [random.int(14, 26), random.int(0, 38), random.int(6, 22)] as const);
  const whole = [0, 1, 2].map((column) =>
    Math.round(
      places.reduce((sum, place, index) => sum + place.population * (shares[index]?.[column] ?? 0), 0) /
        ctx.area.population,
    ),
  );
  const rows = [
    ...places.map((place, index) => [
      place.name,
      thousands(place.population),
      ...(shares[index] ?? []).map((share) => `${share}%`),
    ]),
    [`All of ${ctx.area.name}`, thousands(ctx.area.population), ...whole.map((share) => `${share}%`)],
  ];
  return [
    heading(2, 'Our area'),
    paragraph(w.several(PLACE_GEOGRAPHY[ctx.area.character], 3)),
    paragraph(
      `${ctx.area.name} has an estimated population of ${thousands(ctx.area.population)}. ${w.several(PLACE_POPULATION, 3)}`,
    ),
    paragraph(w.several(PLACE_POPULATION, 2)),
    simpleTable(
      ['Settlement', 'Population (2011)', 'Aged 65+', 'Share in 15% most deprived datazones', 'Out-of-work benefits'],
      rows,
    ),
    heading(2, 'Our localities'),
    paragraph(
      `Partners plan services around ${Math.min(5, ctx.towns.length)} localities, each centred on one of the main towns. In brief:`,
    ),
    bulletList(
      [LARGEST_TOWN_NOTE, ...w.random.pickSome(LOCALITY_NOTES, 4)]
        .slice(0, Math.min(5, ctx.towns.length))
        .map((note, index) => `${ctx.towns[index] ?? ctx.area.name}: ${note}`),
    ),
    heading(2, 'Inequalities between communities'),
    paragraph(w.several(PLACE_DEPRIVATION, 3)),
    paragraph(w.several(PLACE_DEPRIVATION, 3)),
    paragraph(
      `The communities with the poorest outcomes across several indicators are ${joinAnd(ctx.neighbourhoods.slice(0, 4))}. These are the communities where partners will concentrate their effort first.`,
    ),
    ...ctx.outcomes.flatMap((outcome) => [
      heading(3, outcome.heading),
      w.para(() =>
        w.random
          .pickSome(outcome.evidence, 3)
          .map((fact) => w.fill(fact))
          .join(' '),
      ),
    ]),
    heading(2, 'Assets and opportunities'),
    w.para(() => w.several(PLACE_ASSETS, 3)),
    w.para(() => w.several(PLACE_ASSETS, 2)),
    heading(2, 'What the evidence tells us'),
    paragraph('Taken together, the strategic assessment tells us that:'),
    w.bullets(PLACE_FINDINGS, 6),
    heading(2, 'How the assessment was built'),
    paragraph(w.several(PLACE_ENGAGEMENT, 2)),
    paragraph(w.several(PLACE_ENGAGEMENT, 2)),
    link(
      'Scottish Neighbourhood Statistics',
      'http://www.sns.gov.uk',
      'Much of the data is available, for each datazone, from ',
      '. Partners will refresh the assessment every three years.',
    ),
  ];
}

// ---- vision -----------------------------------------------------------------------------------------

const VISION_STATEMENTS = [
  '{area}: a place where everyone has the opportunity to live a healthy, safe and fulfilling life, in strong and sustainable communities.',
  'A fairer, healthier and more prosperous {area}, where people are supported to reach their potential at every stage of life.',
  'Thriving communities, a growing economy and a better quality of life for everyone in {area}.',
];
const VISION_VALUES = [
  '**Prevention first**: we will act early, before problems become crises.',
  '**Closing the gap**: we will concentrate on the communities and people with the poorest outcomes.',
  '**Working as one**: we will plan, budget and deliver together where that works better.',
  '**Communities in the lead**: we will do things with communities, not to them.',
  '**Evidence and honesty**: we will base decisions on evidence and report progress openly.',
  '**Best value**: we will use our combined resources to get the best outcomes for every pound.',
];

const PILLARS = [
  '**Prevention**: a decisive shift of resources, over the life of this agreement, towards preventing problems and intervening early.',
  '**Integration and partnership**: joint planning, budgets and teams, starting with health and social care and with services for families in {hood}.',
  '**Workforce development**: staff of every partner trained together, with the skills to work with communities and across organisations.',
  '**Improving performance**: a shared performance framework, honest reporting and the use of improvement methods to test and spread what works.',
];
const VISION_APPROACH = [
  'Our outcomes are few by design: the partnership concluded that a long list of priorities had spread effort too thinly under the previous agreement.',
  'Each outcome was chosen because the evidence shows a significant gap, because partners can only close it together, and because communities told us it matters.',
  'The outcomes are linked, and progress on one supports the others: a good start in life, a job and a safe community are each part of a longer, healthier life.',
  'We will judge success by whether outcomes improve fastest in the communities where they are poorest, not only by the average for {area}.',
  'The partners have agreed to align their own plans and budgets with these outcomes, and to explain publicly where they cannot.',
  'Our vision was tested with residents, staff and businesses during the engagement, and shortened at their request.',
  'The vision and outcomes will remain stable for ten years; the commitments that deliver them will be refreshed each year.',
  'We will not pursue every good idea; a clear set of outcomes means being willing to say no to work that does not contribute to them.',
];

function boldLeadBullets(lines: readonly string[]): RichBlock {
  return {
    type: 'bulletList',
    items: lines.map((line) => {
      const match = /^\*\*(.+?)\*\*(.*)$/.exec(line);
      const content: RichBlock = match
        ? {
            type: 'paragraph',
            content: [
              { type: 'text', text: match[1] ?? '', marks: { bold: true } },
              { type: 'text', text: match[2] ?? '' },
            ],
          }
        : paragraph(line);
      return { content: [content] };
    }),
  };
}

function vision(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    paragraph(w.from(VISION_STATEMENTS), { bold: true }),
    paragraph(
      w.fill(
        'The partners share this vision and will pursue it through the local outcomes below. The vision is deliberately long-term: some of the changes we want to see in {area} will take a generation, but each of our outcomes has targets for the first and third years as well as the tenth.',
      ),
    ),
    heading(2, 'Our principles'),
    boldLeadBullets(w.random.pickSome(VISION_VALUES, 5)),
    heading(2, 'The four pillars of public service reform'),
    paragraph(
      w.fill(
        "The partnership's approach follows the four pillars of the Scottish Government's programme of public service reform. In {area} they mean:",
      ),
    ),
    boldLeadBullets(PILLARS.map((pillar) => w.fill(pillar))),
    w.para(() => w.several(VISION_APPROACH, 3)),
    w.para(() => w.several(VISION_APPROACH, 3)),
    heading(2, 'Our local outcomes'),
    // Which priorities each outcome addresses, and who leads it, are in the matrices and chapters that follow.
    paragraph(
      `The partnership has agreed ${ctx.outcomes.length} local outcomes. Each is led by one partner on behalf of all, and each addresses one or more of the six policy priorities.`,
    ),
    paragraph(
      w.fill(
        'The matrices in this chapter show how the local outcomes relate to the policy priorities and to the National Outcomes. A local outcome that contributes to several National Outcomes is written once and cross-referenced, so that partners work to one set of commitments.',
      ),
    ),
  ];
}

// ---- prevention plan ---------------------------------------------------------------------------------

const PREVENTION_WHY = [
  'Around 40% of public spending in Scotland is estimated to go on dealing with problems that could have been prevented. In {area} the figure is likely to be similar.',
  'Demand for acute and crisis services is rising faster than budgets; unless partners invest now in prevention, that gap will grow every year.',
  'Prevention means acting early: in the first years of life, at the first sign of a problem, and before a crisis requires an emergency response.',
  'Much preventative activity is already under way, but it is often short-term, funded separately by each partner, and rarely evaluated.',
  'The Early Years, Reshaping Care and Reducing Reoffending change funds have shown that joint investment in prevention can work, and we intend to build on them.',
];
const PREVENTION_HOW = [
  'Each partner has identified which of its commitments in this agreement are preventative, and has quantified them in money or staff time.',
  'Partners will increase the share of their combined spend that is preventative in each year of the agreement, and will report that share annually.',
  'Savings achieved through prevention will, wherever possible, be reinvested in further preventative activity rather than taken as cuts.',
  'The partnership will create a joint prevention fund, starting in {year2}, into which each partner will contribute a proportion of its budget.',
  "Evaluation will be built into every preventative programme from the start, using the partnership's improvement methods.",
  'The third sector has a central role in prevention, and partners will move away from short-term grants to longer-term agreements for proven preventative services.',
];
const PREVENTION_THEMES = [
  '**Early years**: universal and targeted support to families from pregnancy to school age.',
  '**Keeping people well**: anticipatory care, health checks and support for self-management.',
  '**Safer homes and streets**: home fire safety visits, community policing and diversion of young people.',
  '**Independence in later life**: reablement, telecare, adaptations and support for carers.',
  '**Routes to work**: early support for young people at risk of leaving school without a destination.',
  '**Community capacity**: helping communities to do more for themselves.',
];

function describeResource(commitment: NarrativeCommitment): string {
  const parts = [commitment.timescale.charAt(0).toLowerCase() + commitment.timescale.slice(1)];
  if (commitment.pounds !== null) parts.push(`£${thousands(commitment.pounds)}`);
  if (commitment.fte !== null) parts.push(`${commitment.fte.toFixed(1)} FTE`);
  return parts.join('; ');
}

function preventionOverview(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  const totals = ctx.resources.reduce(
    (sum, row) => ({ pounds: sum.pounds + row.pounds, prevention: sum.prevention + row.preventativePounds }),
    { pounds: 0, prevention: 0 },
  );
  const share = totals.pounds > 0 ? Math.round((100 * totals.prevention) / totals.pounds) : 0;
  return [
    heading(2, 'Why prevention'),
    paragraph(w.several(PREVENTION_WHY, 3)),
    paragraph(w.several(PREVENTION_WHY, 2)),
    heading(2, 'Our approach'),
    paragraph(w.several(PREVENTION_HOW, 3)),
    paragraph('Our preventative work is organised around six themes:'),
    boldLeadBullets(PREVENTION_THEMES),
    heading(2, 'Resources committed to prevention'),
    paragraph(
      `Across all partners, the commitments in this agreement amount to £${thousands(totals.pounds)}, of which £${thousands(totals.prevention)} (${share}%) is preventative. The tables at the end of this chapter show each partner's share and the preventative commitments by outcome; each commitment is set out in full in its outcome chapter.`,
    ),
    w.para(() => w.several(PREVENTION_HOW, 2)),
    // The tables of resources by partner and by outcome are the export's own, computed from the commitments:
    // printing them here as well would say everything twice.
    heading(2, 'Our largest preventative commitments'),
    paragraph('The largest preventative commitments are:'),
    bulletList(
      [...ctx.preventative]
        .sort((a, b) => (b.pounds ?? 0) - (a.pounds ?? 0))
        .slice(0, 6)
        .map(
          (commitment) =>
            `${commitment.partnerName}: ${commitment.action} (outcome ${commitment.outcomeNumber}; ${describeResource(commitment)}).`,
        ),
    ),
    w.leadIn(
      'Shifting the balance.',
      w.fill(
        'By the end of the third year, partners aim to have increased the preventative share of their combined commitments by at least {n} percentage points, and will publish the figure in each annual report.',
      ),
    ),
  ];
}

// ---- community engagement ----------------------------------------------------------------------------

const ENGAGEMENT_DONE = [
  'Engagement on this agreement began with a series of events in each of the main towns, including {town} and {town2}.',
  "More than {big} people responded to the partnership's survey on priorities, and the citizens' panel was asked about each of the draft outcomes.",
  'Young people shaped the agreement through the youth forum and the Members of the Scottish Youth Parliament for the area.',
  'Staff from every partner were asked what they see in their work and what would make the most difference.',
  'Community councils received a briefing and a draft of the agreement, and several held special meetings to discuss it.',
  'The third sector interface ran a consultation with voluntary organisations and collated their responses.',
];
const ENGAGEMENT_PLAN = [
  'Community engagement will be planned jointly by partners through a single engagement calendar, so that communities are not asked the same questions by different bodies.',
  'Partners will fund a community engagement team, hosted by the council, with officers from the third sector interface and the health board.',
  'All partners have adopted the National Standards for Community Engagement and will train their staff in them.',
  'Local partnership forums will bring partners and communities together in each locality at least four times a year.',
  "The citizens' panel will be refreshed so that it better reflects the population, especially young people and people from minority ethnic communities.",
  'Community capacity building will be targeted at the communities with the least capacity, which are often those with the poorest outcomes.',
];

const CAPACITY = [
  'Community capacity building is the work of helping community groups to organise, plan and act for themselves, and it is the foundation of co-production.',
  "The council's community learning and development service and the third sector interface will jointly plan capacity building, targeting the communities with the least organised capacity.",
  'Experience in {hood} shows that a small investment in a development worker can unlock far larger community effort and external funding.',
  'Partners will support community anchor organisations in each locality, which can hold assets, employ staff and speak for their communities.',
  'Training for community representatives will cover how partners make decisions and budgets, so that they can influence them effectively.',
  'Capacity building will include young people, through youth forums and pupil councils, so that the next generation of community leaders is supported.',
];
const ENGAGEMENT_RESOURCES = [
  'Partners will contribute staff time to a joint engagement team of around {n} full-time equivalent posts, drawn from community learning and development, health improvement and the third sector.',
  'A small engagement budget, held jointly, will pay for venues, transport, childcare and interpreters, so that cost is never a barrier to taking part.',
  "Each partner has named a lead officer for community engagement, who will attend the engagement network and report on their organisation's activity.",
  'Engagement activity will be recorded on a shared database, so that partners can see what has already been asked and avoid consultation fatigue.',
  'The results of every consultation will be published, with a note of what partners did in response.',
];
const ENGAGEMENT_MEASURES = [
  "the proportion of citizens' panel members who feel they can influence decisions rises each year",
  'every local partnership forum has an action plan agreed with its community by March 2014',
  'participatory budgeting involves at least {big} residents by 2015',
  'engagement reaches people who are seldom heard, measured through equality monitoring of every consultation',
  'community councils report that partners respond to their concerns within agreed timescales',
  'the number of community groups receiving capacity building support rises to {n2} a year',
];

function communityEngagement(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    heading(2, 'How communities shaped this agreement'),
    paragraph(w.several(ENGAGEMENT_DONE, 3)),
    paragraph(w.several(ENGAGEMENT_DONE, 2)),
    paragraph('The main messages from the engagement were:'),
    bulletList([
      w.fill('people want services to be joined up and local, and to see the same worker over time'),
      w.fill('residents of {hood} want more say over how money is spent in their area'),
      w.fill('older people want to stay in their own homes and be connected to their community'),
      w.fill('young people want better transport, more to do in the evenings and real routes into work'),
      w.fill('businesses want a simpler route to public sector support and contracts'),
    ]),
    heading(2, 'How we will engage from now on'),
    paragraph(w.several(ENGAGEMENT_PLAN, 3)),
    simpleTable(
      ['Method', 'Who leads', 'How often', 'Measured by'],
      [
        [
          "Citizens' panel survey",
          ctx.partners[0]?.name ?? 'The council',
          'Twice a year',
          'Response rate and representativeness',
        ],
        [
          'Local partnership forums',
          ctx.partners.find((partner) => partner.kind === 'third-sector-interface')?.name ?? 'Third sector interface',
          'Quarterly in each locality',
          'Attendance and actions taken',
        ],
        ['Participatory budgeting', ctx.partners[0]?.name ?? 'The council', 'Annually', 'Number of residents voting'],
        ['Youth forum', ctx.partners[0]?.name ?? 'The council', 'Monthly', 'Issues raised and resolved'],
      ],
    ),
    w.para(() => w.several(ENGAGEMENT_PLAN, 2)),
    w.para(() => w.several(ENGAGEMENT_RESOURCES, 3)),
    heading(2, 'Building community capacity'),
    w.para(() => w.several(CAPACITY, 3)),
    w.para(() => w.several(CAPACITY, 2)),
    heading(2, 'How we will know engagement is working'),
    bulletList(w.random.pickSome(ENGAGEMENT_MEASURES, 4).map((line) => w.fill(line))),
    link(
      'National Standards for Community Engagement',
      'https://www.scdc.org.uk/what/national-standards',
      'Our engagement follows the ',
      '.',
    ),
  ];
}

// ---- equalities --------------------------------------------------------------------------------------

const EQUALITY_GENERAL = [
  'Every public body in the partnership is subject to the public sector equality duty of the Equality Act 2010 and has published its own equality outcomes.',
  'The partners have agreed to weave equalities through every local outcome rather than treat it separately, and each outcome chapter states the equality outcome it carries.',
  'An equality impact assessment of this agreement was carried out while it was drafted, with the participation of local equality groups.',
  'Equality outcomes have been set for each local outcome, so that the gaps experienced by protected groups are measured alongside the gaps between communities.',
  'Where data allows, indicators in this agreement will be reported by sex, age and disability as well as by locality.',
  "The partners' own equality outcomes, published in April 2013, have been aligned with the equality outcomes in this agreement.",
  'People with protected characteristics were involved in the engagement on this agreement through the equality forum and targeted focus groups.',
  'Data on outcomes by protected characteristic is incomplete; partners will improve the collection and sharing of equality data over the life of the agreement.',
  'Socio-economic disadvantage is not a protected characteristic, but partners have agreed to treat it as one in assessing the impact of their decisions.',
];

const EQUALITY_ISSUES: readonly (readonly [string, string, string])[] = [
  [
    'Age',
    'The number of people aged 75 and over will rise by around {pct2} in ten years; youth unemployment remains high',
    'Older people; employment',
  ],
  [
    'Disability',
    'Disabled people are around half as likely to be in work as non-disabled people',
    'Employment; health',
  ],
  [
    'Sex',
    'Women provide most unpaid care and are most affected by domestic abuse; men die younger',
    'Safer communities; health; older people',
  ],
  [
    'Race',
    'Minority ethnic communities are small and dispersed and are under-represented in engagement',
    'Communities; employment',
  ],
  [
    'Gypsy/Travellers',
    'Poor access to health care and education, and experience of discrimination',
    'Health; early years',
  ],
  [
    'Sexual orientation',
    'Under-reporting of hate crime and poorer mental health among LGBT people',
    'Safer communities; health',
  ],
  [
    'Religion or belief',
    'Low levels of reported religious hate crime, but concerns raised in engagement',
    'Safer communities',
  ],
  [
    'Pregnancy and maternity',
    'Smoking in pregnancy and low breastfeeding rates in the most deprived communities',
    'Early years',
  ],
  [
    'Gender reassignment',
    'Little local data; national evidence of discrimination in services and employment',
    'All outcomes',
  ],
];

const EQUALITY_MAINSTREAM = [
  'Each partner will assess the equality impact of significant decisions taken to deliver this agreement, and publish the assessments.',
  'Staff of every partner will receive equality training, including on the needs of people whose first language is not English and people with sensory impairments.',
  'Partners will share equality monitoring data through the partnership analyst, so that gaps in outcomes for protected groups can be identified.',
  'Equality groups, including the disability forum and the minority ethnic communities network, will be invited to review the annual report before it is published.',
  'Where services are commissioned from the third sector or the private sector, contracts will require equality monitoring and accessible information.',
];

function equalities(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    paragraph(w.several(EQUALITY_GENERAL, 3)),
    paragraph(w.several(EQUALITY_GENERAL, 2)),
    heading(2, 'What the evidence tells us about equality'),
    simpleTable(
      ['Protected characteristic', 'Key issue in the area', 'Outcomes most concerned'],
      w.random.pickSome(EQUALITY_ISSUES, 6).map((row) => [row[0], w.fill(row[1]), row[2]]),
    ),
    w.para(() => w.several(EQUALITY_GENERAL, 2)),
    // Each outcome's equality outcome is written in its chapter; the export points to them from this chapter.
    heading(2, 'Mainstreaming equality'),
    w.para(() => w.several(EQUALITY_MAINSTREAM, 3)),
    heading(2, 'Who leads'),
    paragraph(
      w.fill(
        'The equality and diversity forum, chaired by {partner} and including representatives of local equality groups, will review progress on the equality outcomes each year and report to the partnership board.',
      ),
    ),
  ];
}

// ---- governance ----------------------------------------------------------------------------------------

const GOVERNANCE_STRUCTURE = [
  'The {cpp} board is the body accountable for this agreement. It is chaired by the leader of the council and includes the chairs and chief officers of every statutory partner and the third sector interface.',
  "A chief officers' group meets every six weeks to oversee delivery, resolve issues between partners and prepare business for the board.",
  "Each local outcome is overseen by a thematic partnership, which reports to the chief officers' group on progress against the indicators and commitments.",
  "The council's community planning team supports the partnership, coordinates the agreement and its annual report, and keeps the performance management system.",
];
const GOVERNANCE_PERFORMANCE = [
  "Progress against every indicator will be reported to the chief officers' group every six months, with exception reports where performance is off track.",
  'The partnership uses a shared performance management system, which all partners can update and view.',
  'Each thematic partnership will carry out a self-assessment every two years, using the Public Service Improvement Framework.',
  'The board will hold a development session each year to review the agreement and refresh the three-year delivery plan.',
  "The Scottish Government's Location Director will attend the board twice a year and will be given the annual report in draft.",
  "Partners' own scrutiny arrangements (council committees, the health board, the police and fire scrutiny committees) will receive the parts of the annual report that concern them.",
];
const GOVERNANCE_REPORTING = [
  'An annual report on each local outcome will be published by the end of September each year, covering the previous financial year.',
  'A summary of the report will be distributed to every household, and the full report will be available online and in other formats on request.',
  'Where targets are missed, the report will say why and what partners will do differently.',
];

const GOVERNANCE_MEMBERS = [
  'Each thematic partnership includes the partners delivering its outcome, the third sector and, where appropriate, community representatives.',
  'Thematic partnerships will agree an annual action plan which translates the commitments in this agreement into specific, timed actions.',
  "The board's membership was reviewed in {year} to include the third sector interface, the college and the chair of the community councils' forum.",
  "Elected members scrutinise the agreement through the council's scrutiny committee, which will receive the annual report.",
  "Board meetings are held in public, and their papers are published on the partnership's website a week in advance.",
  "Partners have agreed a short memorandum setting out the roles of the board, the chief officers' group and the thematic partnerships.",
];
const GOVERNANCE_RISK = [
  'Partners have signed a common information sharing protocol, which allows personal data to be shared where this is necessary to protect people or deliver joint services.',
  'The partnership keeps a risk register for the SOA; the main risks are reducing budgets, rising demand, and the organisational change that reform of police, fire and health and social care will bring.',
  'A partnership analyst, jointly funded by the council and the health board, will maintain the strategic assessment and the performance data.',
  "Where a partner cannot deliver a commitment, it will report this to the chief officers' group with a proposal for what will happen instead.",
  "Internal audit teams of the council and health board will review the partnership's governance arrangements in the second year of the agreement.",
];

function governance(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  const thematicName = (outcome: NarrativeOutcome) => THEMATIC_NAMES[outcome.themeKey] ?? 'Thematic partnership';
  return [
    heading(2, 'Structure'),
    paragraph(w.several(GOVERNANCE_STRUCTURE, 2)),
    paragraph(w.several(GOVERNANCE_STRUCTURE, 2)),
    simpleTable(
      ['Group', 'Chaired by', 'Local outcomes overseen'],
      ctx.outcomes.map((outcome) => [thematicName(outcome), outcome.leadName, `Outcome ${outcome.number}`]),
    ),
    w.para(() => w.several(GOVERNANCE_MEMBERS, 3)),
    heading(2, 'Performance management'),
    paragraph(w.several(GOVERNANCE_PERFORMANCE, 3)),
    paragraph(w.several(GOVERNANCE_PERFORMANCE, 3)),
    heading(2, 'The annual cycle'),
    simpleTable(
      ['When', 'What happens'],
      [
        ['April', 'Year-end data collected for every indicator; partners confirm resources for the year'],
        ['June', 'Thematic partnerships review progress and propose changes to commitments'],
        ['September', 'Annual report published; board development session reviews priorities'],
        ['November', "Six-monthly performance report to the chief officers' group"],
        ['January', 'Partners align budget proposals with the SOA for the coming year'],
        ['March', 'Three-year delivery plan refreshed and agreed by the board'],
      ],
    ),
    heading(2, 'Information sharing and risk'),
    w.para(() => w.several(GOVERNANCE_RISK, 3)),
    heading(2, 'Public reporting'),
    paragraph(w.several(GOVERNANCE_REPORTING, 3)),
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Comments on the agreement and its annual reports are welcome at any time: write to ' },
        { type: 'text', text: ctx.contactEmail, marks: { link: `mailto:${ctx.contactEmail}` } },
        { type: 'text', text: '.' },
      ],
    },
  ];
}

/** Names of the thematic partnerships, by theme key. */
export const THEMATIC_NAMES: Readonly<Record<string, string>> = {
  economy: 'Economic Partnership',
  employment: 'Employability Partnership',
  'early-years': "Children and Young People's Partnership",
  safer: 'Community Safety Partnership',
  health: 'Health Improvement Partnership',
  'older-people': 'Reshaping Care for Older People Partnership',
  communities: 'Stronger Communities Partnership',
  environment: 'Sustainability Partnership',
};

// ---- gaps ------------------------------------------------------------------------------------------------

function gapNotes(ctx: NarrativeContext): RichText {
  const w = ctx.writer;
  return [
    // The gaps themselves are listed once, below this text, by outcome and by partner.
    paragraph(
      w.fill(
        'This draft is as complete as we can make it by the date it is due with the Scottish Government. The guidance accepts that drafts may be incomplete, provided the gaps are noted. The gaps still to be filled are listed below, by outcome and by partner.',
      ),
    ),
    paragraph(
      `The partnership will complete these before the agreement is due on ${formatUkDate(ctx.agreementDue)}, or will set out in the agreement when they will be completed.`,
    ),
  ];
}

export function buildNarrative(
  ctx: NarrativeContext,
): Record<
  | 'foreword'
  | 'purpose'
  | 'understandingOfPlace'
  | 'vision'
  | 'preventionOverview'
  | 'communityEngagement'
  | 'equalities'
  | 'governance'
  | 'gapNotes',
  RichText
> {
  return {
    foreword: foreword(ctx),
    purpose: purpose(ctx),
    understandingOfPlace: understandingOfPlace(ctx),
    vision: vision(ctx),
    preventionOverview: preventionOverview(ctx),
    communityEngagement: communityEngagement(ctx),
    equalities: equalities(ctx),
    governance: governance(ctx),
    gapNotes: gapNotes(ctx),
  };
}

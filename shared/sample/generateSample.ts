/**
 * The deterministic sample SOA: a fictional Scottish Community Planning Partnership with six or seven
 * partners, six to eight local outcomes, about forty indicators, and every partner's contributions,
 * commitments and sign-off, written through the model's public API. Tests, benchmarks and the demo use it.
 *
 * Invariant: the same options give byte-identical `Y.encodeStateAsUpdate` of every document. Every choice
 * and every id is drawn from one seeded lib0 PRNG in a fixed order, each Y.Doc's clientID comes from it,
 * and nothing reads the clock or the platform's random source.
 */
import * as Y from 'yjs';
import {
  FrameDocument,
  isWellFormedId,
  NARRATIVE_KEYS,
  PartnerDocument,
  recordAgreement,
  bulletList,
  heading,
  paragraph,
  simpleTable,
  type RichBlock,
  type CommitmentId,
  type IndicatorId,
  type IndicatorLinkScheme,
  type OutcomeId,
  type PartnerId,
  type PartnerIndicatorLinkId,
  type RichText,
  type SoaId,
} from '../model';
import { findCatalogueIndicator, type FrameworkId, type PartnerKind } from '../reference';
import {
  buildNarrative,
  THEMATIC_NAMES,
  type NarrativeCommitment,
  type NarrativeOutcome,
  type NarrativeResources,
} from './narrative';
import { CONTRIBUTION_GAPS, PARTNER_GAPS, POSITIONS } from './partnerBanks';
import {
  commitments,
  contributionStatement,
  generalStatement,
  type OutcomeFacts,
  type PartnerFacts,
} from './partnerText';
import { personName, pickArea, pickNeighbourhoods, pickTowns } from './places';
import { capitalise, thousands, Writer } from './prose';
import { SampleRandom } from './random';
import { sampleTotalResources } from './totalResources';
import { writeSampleProgress } from './progressSample';
import { THEMES, type IndicatorSpec, type OutcomeTheme } from './themes';

export interface SampleSoa {
  readonly soaId: SoaId;
  /** e.g. "Glenmore Community Planning Partnership" (a fictional area). */
  readonly partnershipName: string;
  readonly area: string;
  /** e.g. "Glenmore Single Outcome Agreement 2013-2023". */
  readonly title: string;
  readonly framework: FrameworkId;
  readonly partners: readonly { readonly id: PartnerId; readonly name: string; readonly kind: PartnerKind }[];
  /** The frame room. */
  readonly frame: Y.Doc;
  /** One room per partner, keyed by partner id. */
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
}

/** Partners beyond the core five; a sample has one or two of them. */
const EXTRA_KINDS: readonly PartnerKind[] = ['enterprise-agency', 'skills-body', 'college', 'integration-joint-board'];

/** Themes every sample has, so that all six policy priorities are covered. */
const CORE_THEMES = ['employment', 'early-years', 'safer', 'health', 'older-people'];

interface PartnerPlan extends PartnerFacts {
  readonly id: PartnerId;
}

interface OutcomePlan extends OutcomeFacts {
  readonly id: OutcomeId;
  readonly leadId: PartnerId;
  readonly delivering: PartnerId[];
  readonly indicators: {
    readonly id: IndicatorId;
    readonly spec: IndicatorSpec;
    readonly leadKind: PartnerKind | null;
  }[];
  readonly gapNote: string;
  readonly equalityNote: string;
}

/** The place the sample is set in, drawn first. */
interface Place {
  readonly area: ReturnType<typeof pickArea>;
  readonly towns: ReturnType<typeof pickTowns>;
  readonly neighbourhoods: ReturnType<typeof pickNeighbourhoods>;
  readonly partnershipName: string;
  readonly title: string;
}

/** A partner's sign-off to record once the frame is written (an agreement covers the frame's sections). */
interface PendingAgreement {
  readonly room: PartnerDocument;
  readonly partnerId: PartnerId;
  readonly officer: string;
  readonly position: string;
  readonly date: string;
}

/** What the partner rooms give the frame's narrative. */
interface PartnerRooms {
  readonly partnerDocs: Map<PartnerId, Y.Doc>;
  readonly resources: NarrativeResources[];
  readonly partnerGaps: string[];
  readonly preventative: NarrativeCommitment[];
  readonly agreements: PendingAgreement[];
}

type SampleOptions = {
  readonly seed: number;
  readonly soaId?: SoaId;
  readonly partnerIds?: readonly PartnerId[];
  readonly today?: string;
  readonly progressYears?: number;
};
type SampleRound = ReturnType<typeof sampleRound>;

/**
 * Generates the sample SOA for `seed`. `soaId` defaults to one drawn from the seed. `partnerIds`, when given,
 * are the partners' ids in order (the relay passes its database ids); it must hold 6 or 7 distinct ids and
 * sets the number of partners (RangeError otherwise). With the seed's own partner count, the content is the same
 * as without ids, apart from the ids.
 *
 * The phases run in a fixed order and each draws from the one PRNG, so their order is part of the output.
 */
export function generateSampleSoa(options: SampleOptions): SampleSoa {
  const random = new SampleRandom(options.seed);
  const round = sampleRound(options.today ?? ROUND_OF_2013);
  const place = drawPlace(random);
  const drawnSoaId = random.id<SoaId>();
  const soaId = options.soaId ?? drawnSoaId;
  const partners = drawPartners(random, place, options.partnerIds);
  const writer = new Writer(random, {
    area: place.area.name,
    partnershipName: place.partnershipName,
    towns: place.towns,
    neighbourhoods: place.neighbourhoods,
    partnerNames: partners.map((partner) => partner.name),
  });
  const outcomes = planOutcomes(random, writer, place, partners);
  const rooms = writePartnerRooms(random, writer, place, partners, outcomes, round);
  const frameDoc = writeFrame(random, writer, place, soaId, partners, outcomes, rooms, round);
  // What happened in the first years (issue 18); 0 years leaves the SOA as first agreed.
  writeSampleProgress(frameDoc, rooms.partnerDocs, { years: options.progressYears ?? 4, seed: options.seed });

  return {
    soaId,
    partnershipName: place.partnershipName,
    area: place.area.name,
    title: place.title,
    framework: 'npf-2011',
    partners: partners.map((partner) => ({ id: partner.id, name: partner.name, kind: partner.kind })),
    frame: frameDoc,
    partnerDocs: rooms.partnerDocs,
  };
}

function drawPlace(random: SampleRandom): Place {
  const area = pickArea(random);
  const towns = pickTowns(random, area);
  const neighbourhoods = pickNeighbourhoods(random, towns);
  return {
    area,
    towns,
    neighbourhoods,
    partnershipName: `${area.name} Community Planning Partnership`,
    title: `${area.name} Single Outcome Agreement ${PERIOD_START}-${PERIOD_END}`,
  };
}

/** The core five partners and one or two more, with ids drawn or given. */
function drawPartners(
  random: SampleRandom,
  { area }: Place,
  partnerIds: readonly PartnerId[] | undefined,
): PartnerPlan[] {
  // Drawn even when ids are given, so that the rest of the content does not depend on whether they were.
  const drawnCount = random.int(6, 7);
  const partnerCount = partnerIds ? checkPartnerIds(partnerIds) : drawnCount;
  const extras = random.pickSome(EXTRA_KINDS, partnerCount - 5);
  const partnerFacts: PartnerFacts[] = [
    { kind: 'council', name: `${area.name} Council`, short: 'the council' },
    { kind: 'health-board', name: area.healthBoard, short: area.healthBoard },
    { kind: 'police', name: 'Police Scotland', short: 'Police Scotland' },
    { kind: 'fire-and-rescue', name: 'Scottish Fire and Rescue Service', short: 'the fire and rescue service' },
    { kind: 'third-sector-interface', name: area.tsi, short: 'the third sector interface' },
    ...extras.map((kind) => extraPartner(kind, area.name, area.college)),
  ];
  return partnerFacts.map((facts, index) => {
    const drawn = random.id<PartnerId>();
    return { ...facts, id: partnerIds?.[index] ?? drawn };
  });
}

function partnerOfKind(partners: readonly PartnerPlan[], kind: PartnerKind): PartnerPlan | undefined {
  return partners.find((partner) => partner.kind === kind);
}

/** Six to eight local outcomes with their leads, delivering partners and indicators. */
function planOutcomes(
  random: SampleRandom,
  writer: Writer,
  { area }: Place,
  partners: readonly PartnerPlan[],
): OutcomePlan[] {
  const byKind = (kind: PartnerKind) => partnerOfKind(partners, kind);
  const outcomeCount = random.int(6, 8);
  const optional = THEMES.filter((theme) => !CORE_THEMES.includes(theme.key));
  const chosenKeys = new Set([
    ...CORE_THEMES,
    ...random.pickSome(optional, outcomeCount - CORE_THEMES.length).map((theme) => theme.key),
  ]);
  const themes = THEMES.filter((theme) => chosenKeys.has(theme.key));
  const indicatorTotal = random.int(38, 42);
  const perOutcome = spread(
    indicatorTotal,
    themes.map((theme) => theme.indicators.length),
  );

  const outcomes: OutcomePlan[] = themes.map((theme, index) => {
    const lead = theme.leadKinds.map(byKind).find((partner) => partner !== undefined) ?? (partners[0] as PartnerPlan);
    const suited = theme.deliveringKinds
      .map(byKind)
      .filter((partner): partner is PartnerPlan => partner !== undefined && partner.id !== lead.id);
    const others = partners.filter((partner) => partner.id !== lead.id && !suited.includes(partner));
    // Fewer partners per outcome when there are more outcomes, so the SOA stays about a hundred pages.
    const extra = outcomeCount === 6 ? random.int(2, 4) : outcomeCount === 7 ? random.int(2, 3) : 2;
    const delivering = [
      lead.id,
      ...[...random.shuffle(suited), ...random.shuffle(others)].slice(0, extra).map((partner) => partner.id),
    ];
    // Most indicators come from the CPOP catalogue, as the guidance prefers; each outcome keeps one local measure.
    const pool = theme.indicators.map((spec, order) => ({ spec, order }));
    const locals = random.shuffle(pool.filter(({ spec }) => !spec.catalogueId));
    const catalogued = random.shuffle(pool.filter(({ spec }) => spec.catalogueId));
    const specs = [...locals.slice(0, 1), ...catalogued, ...locals.slice(1)]
      .slice(0, perOutcome[index] ?? 5)
      .sort((a, b) => a.order - b.order);
    return {
      id: random.id<OutcomeId>(),
      number: index + 1,
      title: writer.fill(random.pick(theme.titles)),
      theme,
      thematic: `${area.name} ${THEMATIC_NAMES[theme.key] ?? 'thematic partnership'}`,
      leadId: lead.id,
      delivering,
      indicators: specs.map(({ spec }) => ({
        id: random.id<IndicatorId>(),
        spec,
        leadKind: spec.leadKinds.find((kind) => byKind(kind)) ?? null,
      })),
      gapNote: random.chance(0.4) ? writer.fill(random.pick(theme.gaps)) : '',
      equalityNote: random.pick(theme.equality),
    };
  });
  // Every partner delivers at least three outcomes, preferring those its kind usually works on.
  const minimumOutcomes = 3;
  for (const partner of partners) {
    const mine = () => outcomes.filter((outcome) => outcome.delivering.includes(partner.id));
    const suited = random.shuffle(
      outcomes.filter(
        (outcome) => !outcome.delivering.includes(partner.id) && outcome.theme.deliveringKinds.includes(partner.kind),
      ),
    );
    const others = random.shuffle(
      outcomes.filter(
        (outcome) => !outcome.delivering.includes(partner.id) && !outcome.theme.deliveringKinds.includes(partner.kind),
      ),
    );
    for (const outcome of [...suited, ...others]) {
      if (mine().length >= minimumOutcomes) break;
      outcome.delivering.push(partner.id);
    }
  }
  return outcomes;
}

/** Each partner's room: contributions, commitments, links, statement, notes, resources and sign-off state. */
function writePartnerRooms(
  random: SampleRandom,
  writer: Writer,
  { area }: Place,
  partners: readonly PartnerPlan[],
  outcomes: readonly OutcomePlan[],
  round: SampleRound,
): PartnerRooms {
  const rooms: PartnerRooms = {
    partnerDocs: new Map(),
    resources: [],
    partnerGaps: [],
    preventative: [],
    agreements: [],
  };
  const draftCount = random.int(1, 2);
  const readyCount = random.int(1, 2);
  const signOrder = random.shuffle(partners.map((partner) => partner.id));
  // Case studies fill out the SOA when there are fewer contributions, keeping it near a hundred pages.
  const contributionCount = outcomes.reduce((sum, outcome) => sum + outcome.delivering.length, 0);
  const caseStudyChance = Math.max(0.25, Math.min(0.8, (32 - contributionCount) / 10));
  for (const partner of partners) {
    const doc = new Y.Doc();
    doc.clientID = random.clientId();
    const room = new PartnerDocument(doc);
    room.initialise(partner.id);
    const mine = outcomes.filter((outcome) => outcome.delivering.includes(partner.id));
    let pounds = 0;
    let fte = 0;
    let preventativePounds = 0;
    for (const outcome of mine) {
      const planned = commitments(writer, partner, outcome);
      room.setContributionStatement(
        outcome.id,
        contributionStatement(writer, partner, outcome, planned, caseStudyChance),
      );
      for (const commitment of planned) {
        const { action, timescale, resourcePounds, resourceFte, preventative: isPreventative } = commitment;
        room.addCommitment(outcome.id, {
          id: random.id<CommitmentId>(),
          action,
          timescale,
          resourcePounds,
          resourceFte,
          preventative: isPreventative,
        });
        pounds += commitment.resourcePounds ?? 0;
        fte += commitment.resourceFte ?? 0;
        if (commitment.preventative) {
          preventativePounds += commitment.resourcePounds ?? 0;
          rooms.preventative.push({
            outcomeNumber: outcome.number,
            partnerName: partner.name,
            action: commitment.action,
            timescale: commitment.timescale,
            pounds: commitment.resourcePounds,
            fte: commitment.resourceFte,
          });
        }
      }
      if (random.chance(0.15)) room.setContributionGapNote(outcome.id, writer.fill(random.pick(CONTRIBUTION_GAPS)));
    }
    for (const link of indicatorLinks(partner.kind, mine)) {
      room.addIndicatorLink({ ...link, id: random.id<PartnerIndicatorLinkId>() });
    }
    room.setStatement(generalStatement(writer, partner, mine));
    if (random.chance(0.6)) {
      // A note another partner has already written is swapped for the bank's next unwritten one: no note twice.
      const drawn = random
        .pickSome(PARTNER_GAPS, 2)
        .map((gap) => writer.fill(gap, { number: String(random.pick(mine).number) }));
      const gaps = drawn
        .map((gap) =>
          writer.claim(`gap:${gap}`)
            ? gap
            : PARTNER_GAPS.filter((template) => !template.includes('{')).find((template) =>
                writer.claim(`gap:${template}`),
              ),
        )
        .filter((gap): gap is string => gap !== undefined);
      room.setGapNotes([paragraph('Notes on what is still to be completed:'), bulletList(gaps)]);
      rooms.partnerGaps.push(...gaps.map((gap) => `${partner.name}: ${gap}`));
    }
    room.setTotalResources(sampleTotalResources(random, partner.kind, area.population, PERIOD_START));
    const rank = signOrder.indexOf(partner.id);
    const officer = personName(random);
    if (rank >= draftCount && rank < draftCount + readyCount) {
      room.markReady(officer, round.daysBefore(random.int(1, 10)));
    } else if (rank >= draftCount + readyCount) {
      // Recorded once the frame is written: an agreement covers the frame sections of the partner's outcomes.
      const position = random.pick(POSITIONS[partner.kind]);
      rooms.agreements.push({
        room,
        partnerId: partner.id,
        officer,
        position,
        date: round.daysBefore(random.int(2, 21)),
      });
    }
    rooms.partnerDocs.set(partner.id, doc);
    rooms.resources.push({ name: partner.name, pounds, fte: Math.round(fte * 10) / 10, preventativePounds });
  }
  return rooms;
}

/** The frame room: details, partners, outcomes with their indicators and text, the narrative; then the agreements. */
function writeFrame(
  random: SampleRandom,
  writer: Writer,
  place: Place,
  soaId: SoaId,
  partners: readonly PartnerPlan[],
  outcomes: readonly OutcomePlan[],
  rooms: PartnerRooms,
  round: SampleRound,
): Y.Doc {
  const { area, towns } = place;
  const frameDoc = new Y.Doc();
  frameDoc.clientID = random.clientId();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId,
    title: place.title,
    area: area.name,
    partnershipName: place.partnershipName,
    framework: 'npf-2011',
    periodStart: PERIOD_START,
    periodEnd: PERIOD_END,
    draftDue: round.draftDue,
    agreementDue: round.agreementDue,
  });
  const contactEmail = `communityplanning@${area.name.toLowerCase()}.gov.uk`;
  frame.updateMeta({
    version: `0.${random.int(3, 6)}`,
    alternativeFormatsContact: `This document is available in large print, Braille, audio and community languages on request. Contact the Community Planning Team, ${area.name} Council, ${contactEmail}, telephone 01${random.int(300, 899)} ${random.int(100000, 999999)}.`,
  });
  for (const partner of partners) frame.addPartner({ id: partner.id, name: partner.name, kind: partner.kind });

  for (const outcome of outcomes) {
    const theme = outcome.theme;
    frame.addOutcome({
      id: outcome.id,
      title: outcome.title,
      leadPartnerId: outcome.leadId,
      equalityNote: outcome.equalityNote,
      gapNote: outcome.gapNote,
    });
    const nationalOutcomes = [
      theme.nationalOutcomes[0] as string,
      ...random.pickSome(theme.nationalOutcomes.slice(1), random.int(0, theme.nationalOutcomes.length - 1)),
    ];
    for (const id of nationalOutcomes) frame.setOutcomeNationalOutcome(outcome.id, id, true);
    for (const priority of theme.priorities) frame.setOutcomePriority(outcome.id, priority, true);
    if (random.chance(0.5)) frame.setOutcomeTag(outcome.id, random.pick(theme.tags), true);
    for (const partnerId of outcome.delivering) frame.setDeliveringPartner(outcome.id, partnerId, true);
    const measured = outcome.indicators.map((indicator) => ({
      ...indicator,
      fields: indicatorFields(random, indicator.spec),
    }));
    frame.setOutcomeTenYearStatement(
      outcome.id,
      tenYearStatement(
        writer,
        theme,
        area.name,
        measured.map((indicator) => indicator.fields),
      ),
    );
    frame.setOutcomeEvidence(outcome.id, evidence(writer, theme, towns, measured[0]?.fields));
    for (const indicator of measured) {
      const lead = indicator.leadKind ? partnerOfKind(partners, indicator.leadKind) : undefined;
      frame.addIndicator(outcome.id, {
        id: indicator.id,
        ...indicator.fields,
        leadPartnerId: (lead ?? { id: outcome.leadId }).id,
      });
    }
  }
  // Fairer Scotland Fund: at least one outcome carries the tag, as 2008-style SOAs did.
  const fsfOutcome = outcomes.find((outcome) => outcome.theme.tags.includes('Fairer Scotland Fund'));
  if (fsfOutcome) frame.setOutcomeTag(fsfOutcome.id, 'Fairer Scotland Fund', true);

  const narrativeOutcomes: NarrativeOutcome[] = outcomes.map((outcome) => ({
    number: outcome.number,
    title: outcome.title,
    themeKey: outcome.theme.key,
    topic: outcome.theme.topic,
    priorities: outcome.theme.priorities,
    leadName: partners.find((partner) => partner.id === outcome.leadId)?.name ?? '',
    equality: outcome.equalityNote,
    gapNote: outcome.gapNote,
    evidence: outcome.theme.evidence,
    heading: capitalise(outcome.theme.topic),
  }));
  const narrative = buildNarrative({
    writer,
    area,
    towns,
    neighbourhoods: place.neighbourhoods,
    partners,
    outcomes: narrativeOutcomes,
    resources: rooms.resources,
    chair: `Councillor ${personName(random)}`,
    contactEmail,
    partnerGaps: rooms.partnerGaps,
    preventative: rooms.preventative,
    agreementDue: round.agreementDue,
  });
  for (const key of NARRATIVE_KEYS) frame.setNarrative(key, narrative[key]);
  const frameContent = frame.read();
  for (const { room, partnerId, officer, position, date } of rooms.agreements)
    recordAgreement(room, frameContent, partnerId, officer, position, date);
  return frameDoc;
}

/**
 * The SOA's own period: the demo is a 2013 SOA under the December 2012 guidance, the 2011 National Performance
 * Framework and the Menu of Local Outcome Indicators, and its text, targets and milestones belong to that period.
 */
const PERIOD_START = 2013;
const PERIOD_END = 2023;

/**
 * The date the round is dated from when none is given: in the 2013 round itself (a draft due on 1 April 2013).
 * The demo (`soa-relay demo`) and the in-app sample pass today, so their deadlines lie ahead and their
 * sign-offs in the last few weeks, instead of thirteen years overdue.
 */
const ROUND_OF_2013 = '2013-03-04';

/** The sign-off round around `today`: the draft due in four weeks, the agreement in thirteen, sign-offs dated before today. */
function sampleRound(today: string): {
  readonly draftDue: string;
  readonly agreementDue: string;
  readonly daysBefore: (days: number) => string;
} {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
    throw new RangeError(`today must be an ISO date, not ${JSON.stringify(today)}`);
  const shifted = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { draftDue: shifted(28), agreementDue: shifted(91), daysBefore: (days) => shifted(-days) };
}

function checkPartnerIds(ids: readonly PartnerId[]): number {
  if (ids.length !== 6 && ids.length !== 7) throw new RangeError(`partnerIds must hold 6 or 7 ids, not ${ids.length}`);
  if (!ids.every(isWellFormedId) || new Set(ids).size !== ids.length)
    throw new RangeError('partnerIds must be distinct, well-formed ids');
  return ids.length;
}

function extraPartner(kind: PartnerKind, area: string, college: string): PartnerFacts {
  switch (kind) {
    case 'enterprise-agency':
      return { kind, name: 'Scottish Enterprise', short: 'Scottish Enterprise' };
    case 'skills-body':
      return { kind, name: 'Skills Development Scotland', short: 'Skills Development Scotland' };
    case 'college':
      return { kind, name: college, short: 'the college' };
    default:
      // In 2013 integration was still a bill: partnerships worked in shadow form until 2015.
      return {
        kind,
        name: `${area} Shadow Health and Social Care Partnership`,
        short: 'the shadow health and social care partnership',
      };
  }
}

/** Splits `total` into parts no larger than each cap, as evenly as the caps allow. */
function spread(total: number, caps: readonly number[]): number[] {
  const parts = caps.map(() => 0);
  let left = total;
  while (left > 0) {
    let placed = false;
    for (let i = 0; i < parts.length && left > 0; i++) {
      if ((parts[i] ?? 0) < (caps[i] ?? 0)) {
        parts[i] = (parts[i] ?? 0) + 1;
        left--;
        placed = true;
      }
    }
    if (!placed) break;
  }
  return parts;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Baseline and targets that move the right way: up when higher is better, down otherwise. */
function indicatorFields(random: SampleRandom, spec: IndicatorSpec) {
  const catalogue = spec.catalogueId ? findCatalogueIndicator(spec.catalogueId) : undefined;
  const higherIsBetter = spec.higherIsBetter ?? catalogue?.highIsPositive ?? true;
  const unit = spec.unit ?? catalogue?.unit ?? '';
  const baseline = round(random.real(spec.baseline[0], spec.baseline[1]), spec.decimals);
  const change = baseline * spec.change10 * random.real(0.8, 1.2);
  let target10 = higherIsBetter ? baseline + change : baseline - change;
  if (unit === '%') target10 = Math.min(target10, 99);
  target10 = Math.max(0, target10);
  const step = (fraction: number) => round(baseline + (target10 - baseline) * fraction, spec.decimals);
  return {
    catalogueId: spec.catalogueId ?? null,
    name: spec.name ?? '',
    definition: spec.definition ?? '',
    source: spec.source ?? '',
    unit,
    higherIsBetter,
    baselineValue: baseline,
    baselineYear: random.int(2010, 2012),
    target1: step(random.real(0.08, 0.15)),
    target3: step(random.real(0.3, 0.4)),
    target10: round(target10, spec.decimals),
  };
}

const TEN_YEAR_OPENERS = [
  'By 2023, {area} will be a place where:',
  "In ten years' time:",
  'By the end of this agreement we expect that:',
  'What will be different by 2023:',
];
const TEN_YEAR_CLOSERS = [
  "These are ambitious aims. Progress over the first year will be modest, and the targets reflect that; the three-year targets are where we expect to see partners' combined effort begin to show.",
  'We will know we are succeeding when the gap between the communities with the best and worst outcomes begins to narrow, not only when the average for {area} improves.',
  'None of this can be achieved by any one partner alone. The contributions that follow set out what each partner will do.',
  'The ten-year aims were tested with residents at the engagement events in {town} and {town2}, who asked us to be specific about what would change for them.',
  'Our short-term targets focus on the things partners can change quickly; the longer-term aims depend on sustained investment in prevention.',
];

type IndicatorValues = ReturnType<typeof indicatorFields>;

function indicatorLabel(indicator: IndicatorValues): string {
  if (indicator.name) return indicator.name;
  return (indicator.catalogueId ? findCatalogueIndicator(indicator.catalogueId)?.name : undefined) ?? 'Indicator';
}

function withUnit(value: number, unit: string): string {
  if (unit === '%') return `${value}%`;
  if (unit === 'GBP') return `£${thousands(value)}`;
  if (unit === 'GBP million') return `£${value} million`;
  if (unit === 'score' || unit === 'index' || unit === '') return thousands(value);
  return `${thousands(value)} ${unit}`;
}

/** "Employment rate: from 68.2% (2011) to 68.9% by March 2014" for each indicator, at one horizon. */
function milestones(indicators: readonly IndicatorValues[], horizon: 'target1' | 'target3', by: string): string[] {
  return indicators.map((indicator) => {
    const target = indicator[horizon];
    const verb =
      target === indicator.baselineValue ? 'held at' : target > indicator.baselineValue ? 'up to' : 'down to';
    return `${indicatorLabel(indicator)}: ${verb} ${withUnit(target, indicator.unit)} ${by}, from ${withUnit(indicator.baselineValue, indicator.unit)} in ${indicator.baselineYear}`;
  });
}

const MILESTONE_INTROS = [
  'The contributory outcomes by which partners will show progress on {topic} are set out below, with the full indicator table at the end of this chapter.',
  'Progress towards the ten-year aims for {topic} will be tracked through short- and medium-term milestones, drawn from the indicators in this chapter.',
  'Partners have agreed milestones on {topic} for the first and third years; these are deliberately realistic, given the time prevention takes to show results.',
  'The milestones below show how partners expect {topic} to improve in the first and third years of the agreement.',
];

function tenYearStatement(
  w: Writer,
  theme: OutcomeTheme,
  area: string,
  indicators: readonly IndicatorValues[],
): RichText {
  const shortList = w.random.pickSome(indicators, Math.min(indicators.length, w.random.int(3, 4)));
  const mediumList = w.random.pickSome(indicators, Math.min(indicators.length, w.random.int(3, 5)));
  return [
    paragraph(w.from(TEN_YEAR_OPENERS, { area })),
    bulletList(w.random.pickSome(theme.tenYear, w.random.int(4, 6)).map((line) => w.fill(line))),
    w.para(() => w.several(TEN_YEAR_CLOSERS, 2)),
    // Real headings, not bold lead-ins, so screen readers and the navigation pane reach them.
    heading(2, 'Contributory outcomes and milestones'),
    paragraph(w.from(MILESTONE_INTROS, { topic: theme.topic })),
    heading(3, 'In the short term (by March 2014)'),
    bulletList(milestones(shortList, 'target1', 'by March 2014')),
    heading(3, 'In the medium term (by March 2016)'),
    bulletList(milestones(mediumList, 'target3', 'by March 2016')),
  ];
}

const EVIDENCE_LINKS = [
  'The full strategic assessment, including the data for each datazone, is available from the community planning team.',
  "These figures come from the partnership's strategic assessment, updated with the latest published statistics in {month} {year}.",
  'The differences between localities are at least as important as the figures for {area} as a whole, and the table shows the latest position.',
  'Local figures are compared with Scotland as a whole and with a family of similar council areas.',
];

function evidence(
  w: Writer,
  theme: OutcomeTheme,
  towns: readonly string[],
  first: IndicatorValues | undefined,
): RichText {
  const facts = w.random.shuffle(theme.evidence);
  const blocks: RichBlock[] = [
    w.para(() =>
      facts
        .slice(0, 3)
        .map((fact) => w.fill(fact))
        .join(' '),
    ),
    w.para(() =>
      facts
        .slice(3, 6)
        .map((fact) => w.fill(fact))
        .join(' '),
    ),
    heading(3, 'Key points from the strategic assessment'),
    bulletList(facts.slice(6, 10).map((fact) => w.fill(fact))),
  ];
  if (first) {
    const label = indicatorLabel(first);
    const rows = towns.slice(0, 5).map((town) => {
      const value = round(first.baselineValue * w.random.real(0.8, 1.2), first.unit === '%' ? 1 : 0);
      return [town, withUnit(value, first.unit)];
    });
    blocks.push(paragraph(`${label}, by locality (${first.baselineYear}):`));
    blocks.push(
      simpleTable(['Locality', label], [...rows, [`All of the area`, withUnit(first.baselineValue, first.unit)]]),
    );
  }
  const lastFact = facts[10];
  blocks.push(w.para(() => [...(lastFact ? [w.fill(lastFact)] : []), w.several(EVIDENCE_LINKS, 2)].join(' ')));
  return blocks;
}

interface LinkDraft {
  readonly outcomeId: OutcomeId | null;
  readonly indicatorId: IndicatorId | null;
  readonly scheme: IndicatorLinkScheme;
  readonly reference: string;
  readonly description: string;
}

/** Partners' own targets by theme: NHS HEAT/LDP, the local police plan and the local fire and rescue plan. */
const OWN_TARGETS: Readonly<
  Partial<
    Record<
      PartnerKind,
      Readonly<
        Record<
          string,
          readonly { scheme: IndicatorLinkScheme; reference: string; description: string; catalogueId?: string }[]
        >
      >
    >
  >
> = {
  'health-board': {
    'early-years': [
      {
        scheme: 'heat',
        reference: 'HEAT: antenatal access',
        description:
          'At least 80% of pregnant women in each SIMD quintile booked for antenatal care by the 12th week of gestation.',
        catalogueId: 'cpop-healthy-birthweight',
      },
      {
        scheme: 'heat',
        reference: 'HEAT: child healthy weight',
        description: 'Child healthy weight interventions delivered to children aged 2-15.',
        catalogueId: 'cpop-p1-bmi',
      },
    ],
    health: [
      {
        scheme: 'heat',
        reference: 'HEAT: alcohol brief interventions',
        description: 'Alcohol brief interventions delivered in priority settings in line with the national standard.',
      },
      {
        scheme: 'heat',
        reference: 'HEAT: smoking cessation',
        description: 'Successful quits at 12 weeks in the 40% most deprived SIMD areas.',
      },
      {
        scheme: 'ldp',
        reference: 'LDP: drug and alcohol treatment waiting times',
        description:
          '90% of clients wait no longer than three weeks from referral to appropriate drug or alcohol treatment.',
      },
    ],
    'older-people': [
      {
        scheme: 'heat',
        reference: 'HEAT: emergency bed days 75+',
        description: 'Reduction in emergency inpatient bed days for people aged 75 and over.',
        catalogueId: 'cpop-emergency-admissions-65',
      },
      {
        scheme: 'heat',
        reference: 'HEAT: dementia post-diagnostic support',
        description: "All people newly diagnosed with dementia to have a minimum of a year's post-diagnostic support.",
      },
      {
        scheme: 'heat',
        reference: 'HEAT: delayed discharge',
        description: 'No people waiting more than four weeks from when they are clinically ready for discharge.',
      },
    ],
    employment: [
      {
        scheme: 'ldp',
        reference: 'LDP: psychological therapies',
        description:
          '18 weeks from referral to treatment for psychological therapies, supporting people with mental health conditions to stay in work.',
      },
    ],
  },
  police: {
    safer: [
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: violence, disorder and antisocial behaviour',
        description: 'Reduce violent crime and antisocial behaviour, focusing on the night-time economy.',
        catalogueId: 'cpop-crime-rate',
      },
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: road safety',
        description: 'Reduce the number of people killed or seriously injured on the roads.',
      },
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: protecting people',
        description: 'Increase the detection rate for domestic abuse and reduce repeat victimisation.',
      },
    ],
    health: [
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: drugs and alcohol',
        description: 'Disrupt drug supply and reduce alcohol-related crime in the town centres.',
      },
    ],
    'older-people': [
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: protecting vulnerable people',
        description: 'Reduce doorstep crime and bogus callers targeting older people.',
      },
    ],
    'early-years': [
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: child protection',
        description: 'Share concerns about children affected by domestic abuse promptly with named persons.',
      },
    ],
    communities: [
      {
        scheme: 'police-plan',
        reference: 'Local Policing Plan: community engagement',
        description: 'Ward plans agreed with local communities in every multi-member ward.',
      },
    ],
  },
  'fire-and-rescue': {
    safer: [
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: accidental dwelling fires',
        description: 'Reduce accidental dwelling fires and fire casualties.',
        catalogueId: 'cpop-dwelling-fires',
      },
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: deliberate fire setting',
        description: 'Reduce deliberate secondary fires through youth engagement and partnership work.',
      },
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: road traffic collisions',
        description: 'Contribute to reducing road casualties through education and intervention.',
      },
    ],
    'older-people': [
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: home fire safety',
        description: 'Home fire safety visits to households of people over 65 and those receiving care at home.',
      },
    ],
    health: [
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: fire casualties',
        description: 'Reduce fire casualties linked to alcohol and smoking.',
      },
    ],
    communities: [
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: community resilience',
        description: 'Support communities to prepare for severe weather and other emergencies.',
      },
    ],
    environment: [
      {
        scheme: 'fire-plan',
        reference: 'Local Fire and Rescue Plan: wildfire',
        description: 'Reduce wildfires through joint work with land managers.',
      },
    ],
  },
};

function indicatorLinks(kind: PartnerKind, outcomes: readonly OutcomePlan[]): LinkDraft[] {
  const byTheme = OWN_TARGETS[kind];
  if (!byTheme) return [];
  const links: LinkDraft[] = [];
  for (const outcome of outcomes) {
    for (const target of byTheme[outcome.theme.key] ?? []) {
      const indicator = target.catalogueId
        ? outcome.indicators.find(
            (candidate) => candidate.spec.catalogueId === target.catalogueId && !candidate.spec.name,
          )
        : undefined;
      links.push({
        outcomeId: outcome.id,
        indicatorId: indicator?.id ?? null,
        scheme: target.scheme,
        reference: target.reference,
        description: target.description,
      });
    }
  }
  return links;
}

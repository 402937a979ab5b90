/**
 * Small SOAs for the export tests, written through FrameDocument and PartnerDocument as the app writes them:
 * a tidy one (`smallSoa`) and one full of the content that must never break the file (`badContentSoa`).
 */
import * as Y from 'yjs';
import {
  asId,
  assembleFromDocs,
  bulletList,
  FrameDocument,
  recordAgreement,
  heading,
  PartnerDocument,
  paragraph,
  simpleTable,
  type OutcomeId,
  type PartnerId,
  type RichText,
  type SoaId,
  type SoaSnapshot,
} from '../../shared/model';

export interface Fixture {
  readonly snapshot: SoaSnapshot;
  readonly partnerIds: readonly PartnerId[];
  readonly outcomeTitles: readonly string[];
  readonly indicatorNames: readonly string[];
  readonly statementOpenings: readonly string[];
}

const RICH: RichText = [
  heading(1, 'Where we are now'),
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Glenmore is a ' },
      { type: 'text', text: 'largely rural', marks: { bold: true } },
      { type: 'text', text: ' area with ' },
      { type: 'text', text: 'pockets of deprivation', marks: { italic: true, underline: true } },
      { type: 'text', text: '. See the ' },
      { type: 'text', text: 'strategic assessment', marks: { link: 'https://www.glenmore.gov.uk/soa/assessment' } },
      { type: 'text', text: ' for the evidence.' },
      { type: 'hardBreak' },
      { type: 'text', text: 'A second line after a hard break.' },
    ],
  },
  {
    type: 'bulletList',
    items: [
      {
        content: [
          paragraph('Population of 98,000'),
          { type: 'bulletList', items: [{ content: [paragraph('Nested point about towns')] }] },
        ],
      },
      { content: [paragraph('Ageing faster than Scotland as a whole')] },
    ],
  },
  {
    type: 'orderedList',
    start: 3,
    items: [{ content: [paragraph('First step')] }, { content: [paragraph('Second step')] }],
  },
  simpleTable(
    ['Ward', 'SIMD 15% datazones'],
    [
      ['Glenmore North', '4'],
      ['Glenmore South', '7'],
    ],
  ),
  { type: 'blockquote', content: [paragraph('Quoted words from a community event.')] },
];

/** A tidy SOA: three partners, two outcomes with indicators, every narrative section written. */
export function smallSoa(options: { agreed?: boolean } = {}): Fixture {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa-glenmore'),
    title: 'Glenmore Single Outcome Agreement 2013-2023',
    area: 'Glenmore',
    partnershipName: 'Glenmore Community Planning Partnership',
    framework: 'npf-2011',
    periodStart: 2013,
    periodEnd: 2023,
    draftDue: '2013-04-01',
    agreementDue: '2013-06-28',
  });
  frame.updateMeta({
    version: '0.3',
    alternativeFormatsContact: 'Community Planning Team, 01234 567890, soa@glenmore.gov.uk',
  });
  const council = frame.addPartner({ name: 'Glenmore Council', kind: 'council', id: asId<PartnerId>('p-council') });
  const nhs = frame.addPartner({ name: 'NHS Glenmore', kind: 'health-board', id: asId<PartnerId>('p-nhs') });
  const tsi = frame.addPartner({
    name: 'Voluntary Action Glenmore',
    kind: 'third-sector-interface',
    id: asId<PartnerId>('p-tsi'),
  });
  for (const key of [
    'foreword',
    'purpose',
    'understandingOfPlace',
    'vision',
    'preventionOverview',
    'communityEngagement',
    'equalities',
    'governance',
    'gapNotes',
  ] as const) {
    frame.setNarrative(
      key,
      key === 'understandingOfPlace' ? RICH : [paragraph(`The ${key} section of the Glenmore SOA.`)],
    );
  }
  const outcomeTitles = ['Glenmore has a thriving economy', 'Our children have the best start in life'];
  const outcomes: OutcomeId[] = outcomeTitles.map((title, index) => {
    const id = frame.addOutcome({
      title,
      id: asId<OutcomeId>(`o-${index + 1}`),
      leadPartnerId: index === 0 ? council : nhs,
      equalityNote: 'Gaps between areas narrow.',
    });
    frame.setOutcomeTenYearStatement(id, [paragraph(`In ten years ${title.toLowerCase()}.`)]);
    frame.setOutcomeEvidence(id, [
      paragraph('The strategic assessment shows why.'),
      bulletList(['Fact one', 'Fact two']),
    ]);
    frame.setOutcomeNationalOutcome(id, index === 0 ? 'npf2011-01' : 'npf2011-05', true);
    frame.setOutcomePriority(id, index === 0 ? 'economic-recovery-growth' : 'early-years', true);
    frame.setDeliveringPartner(id, council, true);
    frame.setDeliveringPartner(id, tsi, true);
    const name = index === 0 ? 'Business start-up rate per 10,000 adults' : 'Children with a healthy birth weight';
    frame.addIndicator(id, {
      name,
      source: 'Scottish Government',
      unit: index === 0 ? 'per 10,000 adults' : '%',
      baselineValue: 21.5,
      baselineYear: 2011,
      target1: 22,
      target3: 24,
      target10: 30,
      leadPartnerId: index === 0 ? council : nhs,
    });
    return id;
  });
  frame.addIndicator(outcomes[1]!, {
    name: '',
    catalogueId: 'cpop-child-poverty',
    baselineValue: 18,
    baselineYear: 2012,
    target1: 17.5,
    target3: null,
    target10: 12,
    leadPartnerId: council,
  });

  const partnerDocs = new Map<PartnerId, Y.Doc>();
  const statementOpenings: string[] = [];
  [council, nhs, tsi].forEach((partnerId, index) => {
    const doc = new Y.Doc();
    const partner = new PartnerDocument(doc);
    partner.initialise(partnerId);
    const opening = `Statement of support number ${index + 1}: we back this agreement`;
    statementOpenings.push(opening);
    partner.setStatement([paragraph(`${opening} and will deliver our part of it.`)]);
    for (const outcomeId of outcomes) {
      if (index === 1 && outcomeId === outcomes[0]) continue;
      partner.setContributionStatement(outcomeId, [paragraph(`Contribution of partner ${index + 1} to ${outcomeId}.`)]);
      partner.addCommitment(outcomeId, {
        action: `Action by partner ${index + 1}`,
        timescale: 'By March 2015',
        resourcePounds: 100_000 * (index + 1),
        resourceFte: 2.5,
        preventative: index !== 2,
      });
    }
    partner.setContributionGapNote(outcomes[1]!, 'Figures for 2014 still to come.');
    partner.addIndicatorLink({
      outcomeId: outcomes[1]!,
      indicatorId: null,
      scheme: 'heat',
      reference: 'HEAT H4',
      description: 'Smoking cessation',
    });
    if (options.agreed || index === 0)
      recordAgreement(partner, frame.read(), partnerId, `Officer ${index + 1}`, 'Chief Executive', '2013-06-20');
    partnerDocs.set(partnerId, doc);
  });
  const snapshot = assembleFromDocs(frameDoc, partnerDocs);
  return {
    snapshot,
    partnerIds: [council, nhs, tsi],
    outcomeTitles,
    indicatorNames: indicatorNamesOf(snapshot),
    statementOpenings,
  };
}

/** Text no editor should let through but a paste or a bad sync could: the export must still make a valid file. */
/** Every indicator's name as the document shows it. */
export function indicatorNamesOf(snapshot: SoaSnapshot): string[] {
  return snapshot.outcomes.flatMap((outcome) => outcome.indicators.map((indicator) => indicator.displayName));
}

export const CONTROL_CHARS = 'Bell\u0007 null\u0000 vertical tab\u000B form feed\u000C escape\u001B end';
export const LONE_SURROGATES = 'High \uD83D alone and low \uDE00 alone';
export const ARABIC = 'خطة المجتمع المحلي لمدينة غلينمور';
export const HEBREW = 'תוכנית הקהילה המקומית';
export const EMOJI = 'Community café ☕ and families 👨‍👩‍👧 thriving 🎉';

/** A 50,000-character paragraph of sentences. */
export function longParagraph(): string {
  const sentences: string[] = [];
  let length = 0;
  for (let index = 0; length < 50_000; index++) {
    const sentence = `Sentence ${index} of a very long pasted paragraph about community planning in Glenmore. `;
    sentences.push(sentence);
    length += sentence.length;
  }
  return sentences.join('').slice(0, 50_000);
}

/** An SOA full of bad content: control characters, unpaired surrogates, RTL text, emoji, a huge paragraph, empty sections and a 400-row table. */
export function badContentSoa(): Fixture & { readonly bigTableRows: number } {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa-bad'),
    title: `Bad ${CONTROL_CHARS}`,
    area: 'Glen:more/<Test>',
    partnershipName: 'Glenmore Community Planning Partnership',
    framework: 'npf-2011',
  });
  const partnerId = frame.addPartner({ name: `Partner ${EMOJI}`, kind: 'council', id: asId<PartnerId>('p-bad') });
  const rtlPartner = frame.addPartner({ name: ARABIC, kind: 'third-sector-interface', id: asId<PartnerId>('p-rtl') });
  // foreword, purpose, vision, etc. stay empty on purpose.
  frame.setNarrative('understandingOfPlace', [
    paragraph(CONTROL_CHARS),
    paragraph(LONE_SURROGATES),
    paragraph(ARABIC),
    paragraph(HEBREW),
    paragraph(`Mixed English and ${ARABIC} in one line.`),
    paragraph(EMOJI),
    paragraph(longParagraph()),
    paragraph('X'.repeat(9000)),
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'A link with spaces', marks: { link: 'https://example.org/a path/ünïcode?q=1&r=2' } },
      ],
    },
    heading(3, `Heading with\nnewline ${EMOJI}`),
    {
      type: 'table',
      rows: [
        { cells: [{ header: true, colspan: 5, rowspan: 1, content: [paragraph('Too wide span')] }] },
        { cells: [{ header: false, colspan: 1, rowspan: 9, content: [] }] },
      ],
    },
  ]);
  const bigTableRows = 400;
  frame.setNarrative('communityEngagement', [
    simpleTable(
      ['Event', 'Place', 'People'],
      Array.from({ length: bigTableRows }, (_, index) => [
        `Event row ${index + 1}`,
        `Hall ${index % 17}`,
        String(index * 3),
      ]),
    ),
  ]);
  const outcomeTitles = [`Outcome with emoji ${EMOJI}`, `${HEBREW} outcome`, `Control ${CONTROL_CHARS}`];
  const indicatorNames: string[] = [];
  const outcomes = outcomeTitles.map((title, index) => {
    const id = frame.addOutcome({ title, id: asId<OutcomeId>(`bad-${index}`), leadPartnerId: partnerId });
    const name = `Indicator ${index} ${index === 1 ? ARABIC : 'Supercalifragilisticexpialidocious-antidisestablishmentarianism'}`;
    indicatorNames.push(name);
    frame.addIndicator(id, {
      name,
      source: 'Local survey',
      baselineValue: index,
      baselineYear: 2012,
      target1: null,
      target3: null,
      target10: null,
      leadPartnerId: partnerId,
    });
    return id;
  });
  frame.setOutcomeTenYearStatement(outcomes[0]!, [paragraph(LONE_SURROGATES + EMOJI)]);

  const partnerDocs = new Map<PartnerId, Y.Doc>();
  const statementOpenings: string[] = [];
  for (const id of [partnerId, rtlPartner]) {
    const doc = new Y.Doc();
    const partner = new PartnerDocument(doc);
    partner.initialise(id);
    const opening = id === rtlPartner ? HEBREW : 'We support this agreement';
    statementOpenings.push(opening);
    partner.setStatement([paragraph(`${opening} ${CONTROL_CHARS}`)]);
    partner.setContributionStatement(outcomes[0]!, [paragraph(EMOJI), paragraph('')]);
    partnerDocs.set(id, doc);
  }
  return {
    snapshot: assembleFromDocs(frameDoc, partnerDocs),
    partnerIds: [partnerId, rtlPartner],
    outcomeTitles,
    indicatorNames,
    statementOpenings,
    bigTableRows,
  };
}

import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { assembleFromDocs, FrameDocument, PartnerDocument, type PartnerId, type SoaId } from '../../../shared/model';
import {
  commitmentRow,
  indicatorRow,
  linkedTargetRows,
  partnerDetails,
  partnershipDetails,
  resourceRows,
} from './versionRows';

/** A small SOA: one partner, one outcome with a catalogue-free indicator, one contribution with commitments. */
function smallSoa() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: 'soa-1' as SoaId,
    title: 'Balmuir Single Outcome Agreement 2013-2023',
    area: 'Balmuir',
    partnershipName: 'Balmuir Community Planning Partnership',
    framework: 'npf-2011',
    periodStart: 2013,
    periodEnd: 2023,
    draftDue: '2013-04-01',
  });
  const partnerId = frame.addPartner({ name: 'NHS Balmuir', kind: 'health-board' });
  const outcomeId = frame.addOutcome({ title: 'Healthier lives', leadPartnerId: partnerId });
  const otherOutcomeId = frame.addOutcome({ title: 'Safer streets' });
  const indicatorId = frame.addIndicator(outcomeId, {
    name: 'Adults who smoke',
    source: 'Scottish Household Survey',
    unit: '%',
    higherIsBetter: false,
    baselineValueText: '23.5',
    baselineYearText: '2011/12',
    target1Text: '22',
    target3Text: 'Below the Scottish average',
    leadPartnerId: partnerId,
  });
  const partnerDoc = new Y.Doc();
  const partner = new PartnerDocument(partnerDoc);
  partner.initialise(partnerId);
  partner.addContribution(outcomeId);
  partner.addCommitment(outcomeId, {
    action: 'Run stop-smoking clinics',
    timescale: 'By March 2015',
    resourcePoundsText: '120000',
    resourceFteText: '2.5',
    preventative: true,
  });
  partner.addCommitment(outcomeId, { action: 'Train pharmacists', resourcePoundsText: 'Within existing budgets' });
  partner.addIndicatorLink({
    outcomeId: null,
    indicatorId,
    scheme: 'heat',
    reference: 'HEAT H4',
    description: 'Smoking quits at one month',
  });
  partner.addIndicatorLink({
    outcomeId: otherOutcomeId,
    indicatorId: null,
    scheme: 'other',
    reference: '',
    description: 'Elsewhere',
  });
  partner.addIndicatorLink({
    outcomeId,
    indicatorId: null,
    scheme: 'ldp',
    reference: '',
    description: 'Waiting times',
  });
  partner.setTotalResources({ amount: '450000000', year: '2013/14', basis: 'Revenue budget for the area' });
  return assembleFromDocs(frameDoc, new Map<PartnerId, Y.Doc>([[partnerId, partnerDoc]]));
}

describe("a version's rows as a reader reads them", () => {
  const snapshot = smallSoa();
  const outcome = snapshot.outcomes[0]!;

  it('shows each indicator figure as the SOA shows it, and names a blank one', () => {
    expect(indicatorRow(outcome.indicators[0]!, snapshot)).toEqual({
      name: 'Adults who smoke',
      origin: 'Local indicator',
      definition: '',
      unit: '%',
      source: 'Scottish Household Survey',
      baseline: '23.5%',
      baselineYear: '2011/12',
      target1: '22%',
      target3: 'Below the Scottish average',
      target10: 'To be set',
      betterWhen: 'Lower',
      leadPartner: 'NHS Balmuir',
    });
  });

  it("shows commitments' resources as pounds and FTE, keeps words as typed, and says Yes or No in words", () => {
    const [clinics, training] = outcome.contributions[0]!.commitments;
    expect(commitmentRow(clinics!)).toEqual({
      action: 'Run stop-smoking clinics',
      timescale: 'By March 2015',
      pounds: '£120,000',
      fte: '2.5 FTE',
      preventative: 'Yes',
    });
    expect(commitmentRow(training!)).toEqual({
      action: 'Train pharmacists',
      timescale: 'Not stated',
      pounds: 'Within existing budgets',
      fte: 'Not stated',
      preventative: 'No',
    });
  });

  it('sums the resources by partner with a total row', () => {
    const { rows, total } = resourceRows(snapshot.resources);
    expect(rows).toEqual([
      {
        partner: 'NHS Balmuir',
        pounds: '£120,000',
        fte: '2.5',
        preventativePounds: '£120,000',
        preventativeFte: '2.5',
      },
    ]);
    expect(total.partner).toBe('All partners');
    expect(total.pounds).toBe('£120,000');
  });

  it("gives the partnership's details with UK dates and names what was not given", () => {
    const details = new Map(partnershipDetails(snapshot).map((row) => [row.term, row.value]));
    expect(details.get('Partnership')).toBe('Balmuir Community Planning Partnership');
    expect(details.get('Period')).toBe('2013 to 2023');
    expect(details.get('Draft due')).toBe('1 April 2013');
    expect(details.get('Agreement due')).toBe('Not given');
    expect(details.get('Status')).toBe('Drafting');
  });

  it("gives a partner's sign-off and total resources in words", () => {
    const details = new Map(partnerDetails(snapshot.partners[0]!).map((row) => [row.term, row.value]));
    expect(details.get('Sign-off')).toBe('Draft');
    expect(details.get('Total resources')).toBe('£450,000,000 (2013/14)');
    expect(details.get('Basis of the total')).toBe('Revenue budget for the area');
  });

  it("lists the partners' own targets linked to the outcome or to one of its indicators, and no others", () => {
    // A partner's links have no order of their own (the room keeps them by id), so only membership counts.
    const rows = linkedTargetRows(snapshot, outcome);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          partner: 'NHS Balmuir',
          plan: 'NHS HEAT target',
          reference: 'HEAT H4',
          description: 'Smoking quits at one month',
        },
        { partner: 'NHS Balmuir', plan: 'NHS LDP standard', reference: 'Not given', description: 'Waiting times' },
      ]),
    );
    expect(linkedTargetRows(snapshot, snapshot.outcomes[1]!).map((row) => row.description)).toEqual(['Elsewhere']);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assembleFromDocs,
  checkCompleteness,
  FrameDocument,
  PartnerDocument,
  asId,
  bulletList,
  paragraph,
  readRichText,
  recordAgreement,
  simpleTable,
  writeRichText,
  type PartnerId,
  type SoaId,
} from './index';

function newSoa() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Highland Single Outcome Agreement 2013-2023',
    area: 'Highland',
    partnershipName: 'Highland Community Planning Partnership',
    framework: 'npf-2011',
    draftDue: '2013-04-01',
    agreementDue: '2013-06-28',
  });
  const nhs = frame.addPartner({ name: 'NHS Highland', kind: 'health-board' });
  const council = frame.addPartner({ name: 'The Highland Council', kind: 'council' });
  return { frameDoc, frame, nhs, council };
}

describe('the SOA model', () => {
  it('round-trips rich text through the y-prosemirror shape', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('x');
    const text = [
      paragraph('Plain and '),
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'bold', marks: { bold: true } },
          { type: 'hardBreak' },
          { type: 'text', text: 'link', marks: { link: 'https://www.gov.scot' } },
        ],
      },
      bulletList(['one', 'two']),
      simpleTable(['A', 'B'], [['1', '2']]),
    ] as const;
    writeRichText(fragment, text);
    expect(readRichText(fragment)).toEqual(text.map((block) => block));
  });

  it('assembles contributions and reports what is missing', () => {
    const { frameDoc, frame, nhs } = newSoa();
    const outcome = frame.addOutcome({ title: 'Our children have the best start in life', leadPartnerId: nhs });
    frame.setDeliveringPartner(outcome, nhs, true);
    const partnerDoc = new Y.Doc();
    const partner = new PartnerDocument(partnerDoc);
    partner.initialise(nhs);
    const snapshotBefore = assembleFromDocs(frameDoc, new Map([[nhs, partnerDoc]]));
    const report = checkCompleteness(snapshotBefore, '2013-03-01');
    expect(report.partners.find((p) => p.partner.id === nhs)?.missing.map((m) => m.code)).toEqual([
      'contribution-missing',
      'total-resources',
      'sign-off-outstanding',
    ]);
    expect(report.deadlines.draftDue).toMatchObject({ label: '1 April 2013', daysLeft: 31 });

    partner.setContributionStatement(outcome, [paragraph('Health visitors will see every family.')]);
    recordAgreement(partner, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2013-03-02');
    let snapshot = assembleFromDocs(frameDoc, new Map([[nhs, partnerDoc]]));
    expect(snapshot.partners[0]?.signOff.state).toBe('agreed');
    expect(snapshot.outcomes[0]?.contributions[0]?.partner.name).toBe('NHS Highland');

    partner.addCommitment(outcome, {
      action: 'Recruit two more health visitors',
      resourcePounds: 80_000,
      preventative: true,
    });
    snapshot = assembleFromDocs(frameDoc, new Map([[nhs, partnerDoc]]));
    expect(snapshot.partners[0]?.signOff).toMatchObject({ state: 'agreed-earlier-version', lapsed: false });
    expect(snapshot.partners[0]?.signOff.changes.map((change) => change.description)).toEqual([
      'Outcome 1 ("Our children have the best start in life"): the contribution changed.',
    ]);
    expect(snapshot.resources.total.preventativePounds).toBe(80_000);
  });

  it('reports references to deleted things as orphans instead of failing', () => {
    const { frameDoc, frame, nhs } = newSoa();
    const outcome = frame.addOutcome({ title: 'Safer communities', leadPartnerId: nhs });
    frame.addIndicator(outcome, { name: 'Crimes of violence' });
    const partnerDoc = new Y.Doc();
    new PartnerDocument(partnerDoc).setContributionStatement(outcome, [paragraph('Patrols.')]);
    frame.deleteOutcome(outcome);
    frame.removePartner(nhs);
    const stray = asId<PartnerId>('gone');
    const snapshot = assembleFromDocs(frameDoc, new Map([[stray, new Y.Doc()]]));
    expect(snapshot.outcomes).toEqual([]);
    expect(snapshot.orphans.map((orphan) => orphan.kind).sort()).toEqual([
      'indicator-of-missing-outcome',
      'room-of-missing-partner',
    ]);
  });
});

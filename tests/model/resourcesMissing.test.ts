/**
 * Issue 12 and 14: a resource left blank prints "Not stated" in the export and must be listed as missing, in the
 * same words on the dashboard, the partner's home and the export's list of what is still missing. Two kinds:
 * a partner's total resources in the area (amount, year, basis), and a commitment with neither money nor staff.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportSoaDocx } from '../../shared/export';
import {
  assembleFromDocs,
  asId,
  checkCompleteness,
  FrameDocument,
  PartnerDocument,
  paragraph,
  type SoaId,
} from '../../shared/model';
import { readDocxParts } from '../export/docxParts';
import { paragraphsOf } from '../export/paragraphs';

function soaWithOnePartner() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Glenmore SOA',
    area: 'Glenmore',
    partnershipName: 'Glenmore Community Planning Partnership',
    framework: 'npf-2011',
  });
  const nhs = frame.addPartner({ name: 'NHS Glenmore', kind: 'health-board' });
  const outcome = frame.addOutcome({ title: 'Our children have the best start in life', leadPartnerId: nhs });
  frame.setDeliveringPartner(outcome, nhs, true);
  const partnerDoc = new Y.Doc();
  const partner = new PartnerDocument(partnerDoc);
  partner.initialise(nhs);
  partner.setContributionStatement(outcome, [paragraph('Health visitors will see every family.')]);
  const snapshot = () => assembleFromDocs(frameDoc, new Map([[nhs, partnerDoc]]));
  return { nhs, outcome, partner, snapshot };
}

const messagesOf = (report: ReturnType<typeof checkCompleteness>, code: string) =>
  report.partners.flatMap((entry) => entry.missing).filter((item) => item.code === code);

describe('resources left blank', () => {
  it('lists a partner\u2019s blank total resources as missing, naming the blank parts, until all are stated', () => {
    const { partner, snapshot } = soaWithOnePartner();
    let items = messagesOf(checkCompleteness(snapshot(), '2013-03-01'), 'total-resources');
    expect(items.map((item) => item.message)).toEqual([
      'NHS Glenmore does not state the amount, year or basis of its total resources in Glenmore (the document prints "Not stated").',
    ]);
    expect(items[0]).toMatchObject({ owner: { kind: 'partner' }, fix: { kind: 'total-resources' } });

    partner.setTotalResources({ amount: '182400000', year: '2013/14' });
    items = messagesOf(checkCompleteness(snapshot(), '2013-03-01'), 'total-resources');
    expect(items.map((item) => item.message)).toEqual([
      'NHS Glenmore does not state the basis of its total resources in Glenmore (the document prints "Not stated").',
    ]);

    partner.setTotalResources({ basis: 'Net revenue budget for services in the area' });
    expect(messagesOf(checkCompleteness(snapshot(), '2013-03-01'), 'total-resources')).toEqual([]);
    // An amount in words is stated, as the export prints it as typed.
    partner.setTotalResources({ amount: 'About £180m' });
    expect(messagesOf(checkCompleteness(snapshot(), '2013-03-01'), 'total-resources')).toEqual([]);
  });

  it('lists a commitment with neither money nor staff as missing, and not one with either', () => {
    const { outcome, partner, snapshot } = soaWithOnePartner();
    partner.setTotalResources({ amount: '182400000', year: '2013/14', basis: 'Net revenue budget' });
    partner.addCommitment(outcome, { action: 'Recruit two more health visitors' });
    partner.addCommitment(outcome, { action: 'Run parenting classes', resourceFte: 2 });
    const items = messagesOf(checkCompleteness(snapshot(), '2013-03-01'), 'commitment-resources');
    expect(items.map((item) => item.message)).toEqual([
      'NHS Glenmore\'s commitment \u201cRecruit two more health visitors\u201d to outcome 1 ("Our children have the best start in life") does not state its resources, money or staff (the document prints "Not stated").',
    ]);
  });

  it('says the same words in the export\u2019s list of what is still missing', async () => {
    const { outcome, partner, snapshot } = soaWithOnePartner();
    partner.addCommitment(outcome, { action: 'Recruit two more health visitors' });
    const report = checkCompleteness(snapshot(), '2013-03-28');
    const expected = [...messagesOf(report, 'total-resources'), ...messagesOf(report, 'commitment-resources')].map(
      (item) => item.message,
    );
    expect(expected).toHaveLength(2);
    const parts = await readDocxParts(
      await exportSoaDocx(snapshot(), { scope: { kind: 'whole' }, generatedOn: '2013-03-28' }),
    );
    const texts = paragraphsOf(parts.document).map((paragraph) => paragraph.text);
    for (const message of expected) expect(texts).toContain(message);
  });
});

/**
 * One partner room that cannot be read (6,000 nested quotes in its statement, issue 13 item 4) must not blank
 * the other partners, the completeness report or the Word export: that partner is marked, the rest is read.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  asId,
  assembleFromDocs,
  checkCompleteness,
  hasOverDeepRichText,
  repairOverDeepRichText,
  FRAME_TEXT_TOO_DEEP,
  FrameDocument,
  PartnerDocument,
  paragraph,
  type OutcomeId,
  type PartnerId,
  type SoaId,
} from '../../shared/model';
import { exportSoaDocx } from '../../shared/export';
import { readDocxParts } from '../export/docxParts';
import { writeNestedQuotes } from './deepNesting';

function soaWithOneDeepPartner() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa-deep'),
    title: 'Glenmore SOA',
    area: 'Glenmore',
    partnershipName: 'Glenmore CPP',
    framework: 'npf-2011',
    draftDue: '2013-04-01',
    agreementDue: '2013-06-28',
  });
  const council = frame.addPartner({ name: 'Glenmore Council', kind: 'council', id: asId<PartnerId>('p-council') });
  const police = frame.addPartner({ name: 'Police Scotland', kind: 'police', id: asId<PartnerId>('p-police') });
  const outcome = frame.addOutcome({ title: 'Safer communities', id: asId<OutcomeId>('o-1'), leadPartnerId: council });
  frame.setDeliveringPartner(outcome, council, true);
  frame.setDeliveringPartner(outcome, police, true);
  const docs = new Map<PartnerId, Y.Doc>();
  for (const partnerId of [council, police]) {
    const doc = new Y.Doc();
    const partner = new PartnerDocument(doc);
    partner.initialise(partnerId);
    partner.setStatement([paragraph(`Statement of ${partnerId}: we back this agreement.`)]);
    partner.setContributionStatement(outcome, [paragraph(`Contribution of ${partnerId} to safer communities.`)]);
    docs.set(partnerId, doc);
  }
  writeNestedQuotes(docs.get(police)!.getXmlFragment('statement'));
  return { frameDoc, docs, council, police };
}

describe('a partner room that cannot be read', () => {
  it('is marked, and every other section is still read', () => {
    const { frameDoc, docs, council, police } = soaWithOneDeepPartner();
    const snapshot = assembleFromDocs(frameDoc, docs);
    const councilView = snapshot.partners.find((partner) => partner.id === council)!;
    const policeView = snapshot.partners.find((partner) => partner.id === police)!;
    expect(councilView.unreadable).toBeNull();
    expect(councilView.statement).toEqual([paragraph('Statement of p-council: we back this agreement.')]);
    expect(snapshot.outcomes[0]!.contributions.map((contribution) => contribution.partner.id)).toEqual([council]);
    expect(policeView.unreadable).toEqual({
      reason: 'too-deep',
      message: expect.stringContaining('nested more than 64 levels deep'),
    });

    const report = checkCompleteness(snapshot, '2013-03-01');
    const policeMissing = report.partners
      .find((entry) => entry.partner.id === police)!
      .missing.map((item) => item.code);
    // Unknown, not "not written": no contribution-missing item for a room nobody could read.
    expect(policeMissing).toEqual(['room-unreadable', 'sign-off-outstanding']);
  });

  it('leaves the Word export working, with that partner marked', async () => {
    const { frameDoc, docs } = soaWithOneDeepPartner();
    const snapshot = assembleFromDocs(frameDoc, docs);
    const bytes = await exportSoaDocx(snapshot, { scope: { kind: 'whole' }, generatedOn: '2013-03-28' });
    const { document } = await readDocxParts(bytes);
    expect(document).toContain('Statement of p-council: we back this agreement.');
    expect(document).toContain('Contribution of p-council to safer communities.');
    expect(document).toContain('Police Scotland&apos;s section could not be read');
    expect(document).not.toContain('Words at the bottom of the quotes');

    const partnerOnly = await exportSoaDocx(snapshot, {
      scope: { kind: 'partner', partnerId: asId<PartnerId>('p-police') },
      generatedOn: '2013-03-28',
    });
    expect((await readDocxParts(partnerOnly)).document).toContain('section could not be read');
  });

  it('can be repaired by its owner, from a copy that has not read the room yet', () => {
    const { frameDoc, docs, police } = soaWithOneDeepPartner();
    // As a member's app receives it: the fields arrive as untyped roots.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(docs.get(police)!));
    expect(hasOverDeepRichText(copy)).toBe(true);
    const updates: Uint8Array[] = [];
    copy.on('update', (update: Uint8Array) => updates.push(update));
    expect(repairOverDeepRichText(copy)).toBeGreaterThan(1);
    expect(hasOverDeepRichText(copy)).toBe(false);
    // Every step applies, one by one, to the original room.
    for (const update of updates) Y.applyUpdate(docs.get(police)!, update);
    const snapshot = assembleFromDocs(frameDoc, docs);
    const policeView = snapshot.partners.find((partner) => partner.id === police)!;
    expect(policeView.unreadable).toBeNull();
    expect(snapshot.outcomes[0]!.contributions.map((contribution) => contribution.partner.id)).toEqual([
      asId<PartnerId>('p-council'),
      police,
    ]);
  });
});

describe('frame text that cannot be read', () => {
  it('reads as a note in its place, and every other part of the SOA is read and exported', async () => {
    const { frameDoc, docs, council } = soaWithOneDeepPartner();
    // Repair the partner so only the frame is at fault here (as its owner would: deleting 6,000 nested
    // quotes in one step overflows Yjs's recursive delete, which is why the repair works level by level).
    repairOverDeepRichText(docs.get(asId<PartnerId>('p-police'))!);
    const frame = new FrameDocument(frameDoc);
    frame.setOutcomeTenYearStatement(asId<OutcomeId>('o-1'), [paragraph('Fewer people harmed.')]);
    writeNestedQuotes(frameDoc.getXmlFragment('narrative.vision'));
    frame.setOutcomeEvidence(asId<OutcomeId>('o-1'), [paragraph('Evidence to come.')]);
    writeNestedQuotes(frame.outcomeEvidenceFragment(asId<OutcomeId>('o-1'))!);
    const note = [{ type: 'paragraph', content: [{ type: 'text', text: FRAME_TEXT_TOO_DEEP }] }];

    const snapshot = assembleFromDocs(frameDoc, docs);
    expect(snapshot.narrative.vision).toEqual(note);
    expect(snapshot.meta.title).toBe('Glenmore SOA');
    expect(snapshot.outcomes[0]!.tenYearStatement).toEqual([paragraph('Fewer people harmed.')]);
    expect(snapshot.outcomes[0]!.evidence).toEqual(note);
    expect(snapshot.partners.find((partner) => partner.id === council)!.statement).toEqual([
      paragraph('Statement of p-council: we back this agreement.'),
    ]);

    const bytes = await exportSoaDocx(snapshot, { scope: { kind: 'whole' }, generatedOn: '2013-03-28' });
    const { document } = await readDocxParts(bytes);
    expect(document).toContain('This text could not be read: it is nested more than 64 levels deep');
    expect(document).toContain('Contribution of p-council to safer communities.');
    expect(document).not.toContain('Words at the bottom of the quotes');
  });
});

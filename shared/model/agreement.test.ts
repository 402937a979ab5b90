import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assembleFromDocs,
  asId,
  checkCompleteness,
  FrameDocument,
  paragraph,
  PartnerDocument,
  PROGRESS_LABELS,
  recordAgreement,
  SIGN_OFF_LABELS,
  type PartnerId,
  type SoaId,
} from './index';

/** A frame with two partners and two outcomes; NHS delivers the first only and has agreed. */
function agreedSoa() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Highland SOA',
    area: 'Highland',
    partnershipName: 'Highland CPP',
    framework: 'npf-2011',
  });
  const nhs = frame.addPartner({ name: 'NHS Highland', kind: 'health-board' });
  const council = frame.addPartner({ name: 'The Highland Council', kind: 'council' });
  const children = frame.addOutcome({ title: 'Best start in life', leadPartnerId: nhs });
  const safer = frame.addOutcome({ title: 'Safer communities', leadPartnerId: council });
  frame.setDeliveringPartner(children, nhs, true);
  frame.setDeliveringPartner(safer, council, true);
  const indicator = frame.addIndicator(children, {
    name: 'Healthy birth weight',
    baselineValue: 90,
    baselineYear: 2012,
    target1: 91,
  });
  const nhsDoc = new Y.Doc();
  const nhsRoom = new PartnerDocument(nhsDoc);
  nhsRoom.initialise(nhs);
  nhsRoom.setContributionStatement(children, [paragraph('Health visitors will see every family.')]);
  nhsRoom.setTotalResources({
    amount: '182400000',
    year: '2013/14',
    basis: 'Net revenue budget for services in Highland',
  });
  recordAgreement(nhsRoom, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2013-03-02');
  const snapshot = () => assembleFromDocs(frameDoc, new Map<PartnerId, Y.Doc>([[nhs, nhsDoc]]));
  const nhsSignOff = () => snapshot().partners.find((partner) => partner.id === nhs)!.signOff;
  return { frame, nhs, council, nhsRoom, children, safer, indicator, snapshot, nhsSignOff };
}

describe('what an agreement covers', () => {
  it('is Agreed while nothing it covers has changed', () => {
    const { nhsSignOff, snapshot } = agreedSoa();
    expect(nhsSignOff()).toMatchObject({ state: 'agreed', officerName: 'Jane Smith', changes: [] });
    expect(SIGN_OFF_LABELS[nhsSignOff().state]).toBe('Agreed');
    expect(snapshot().partners.find((partner) => partner.name === 'The Highland Council')!.signOff.state).toBe('draft');
  });

  it('becomes "Agreed to an earlier version" when the coordinator adds the partner to a new outcome, until it confirms', () => {
    const { frame, nhs, nhsRoom, safer, nhsSignOff, snapshot } = agreedSoa();
    frame.setDeliveringPartner(safer, nhs, true);
    const signOff = nhsSignOff();
    expect(signOff.state).toBe('agreed-earlier-version');
    expect(SIGN_OFF_LABELS[signOff.state]).toBe('Agreed to an earlier version');
    expect(signOff.changes).toEqual([
      {
        kind: 'outcome-added',
        outcomeId: safer,
        parts: [],
        description: 'Now delivers outcome 2 ("Safer communities").',
      },
    ]);
    // The dashboard: its contribution is missing and its agreement is outstanding, not "Agreed".
    const report = checkCompleteness(snapshot(), '2013-03-10');
    const nhsReport = report.partners.find((entry) => entry.partner.id === nhs)!;
    expect(nhsReport.missing.map((item) => item.code)).toEqual(['contribution-missing', 'sign-off-outstanding']);
    expect(nhsReport.missing[1]!.message).toBe(
      'NHS Highland needs to confirm its agreement: one thing it agreed to on 2 March 2013 has changed since.',
    );
    expect(report.signOffsOutstanding.map((partner) => partner.id)).toContain(nhs);
    expect(snapshot().allAgreed).toBe(false);

    // The partner writes its new contribution, then confirms: Agreed again, covering the new outcome.
    nhsRoom.setContributionStatement(safer, [
      paragraph('Health improvement staff will join the community safety team.'),
    ]);
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'Now delivers outcome 2 ("Safer communities").',
    ]);
    recordAgreement(nhsRoom, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2013-03-12');
    expect(nhsSignOff()).toMatchObject({ state: 'agreed', date: '2013-03-12', changes: [] });
    frame.updateOutcome(safer, { equalityNote: 'Women and girls feel safer at night.' });
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'Outcome 2 ("Safer communities"): the equality outcome changed.',
    ]);
  });

  it('lists each frame section of its outcome that the coordinator edits', () => {
    const { frame, children, indicator, nhsSignOff } = agreedSoa();
    frame.updateIndicator(indicator, { target3: 93 });
    frame.setOutcomeTenYearStatement(children, [paragraph('Every child thrives.')]);
    frame.updateOutcome(children, { title: 'The best start in life' });
    const signOff = nhsSignOff();
    expect(signOff.state).toBe('agreed-earlier-version');
    expect(signOff.changes).toEqual([
      {
        kind: 'outcome-changed',
        outcomeId: children,
        parts: ['title', 'tenYearStatement', 'indicators'],
        description:
          'Outcome 1 ("The best start in life"): the title, what will be different in ten years and the indicators and targets changed.',
      },
    ]);
  });

  it('is not affected by changes to outcomes the partner does not deliver, the narrative or the order of outcomes', () => {
    const { frame, council, safer, children, nhsSignOff } = agreedSoa();
    frame.updateOutcome(safer, { title: 'Safer and stronger communities', equalityNote: 'Everyone feels safe.' });
    frame.addIndicator(safer, { name: 'Crimes of violence' });
    frame.setDeliveringPartner(safer, council, false);
    frame.setNarrative('vision', [paragraph('A Highland where everyone thrives.')]);
    frame.moveOutcome(children, 1);
    frame.addOutcome({ title: 'Older people live well at home' });
    expect(nhsSignOff()).toMatchObject({ state: 'agreed', changes: [] });
  });

  it('is not affected when another partner joins or leaves its outcome, but is when the lead partner changes', () => {
    const { frame, council, children, nhsSignOff } = agreedSoa();
    // One partner joining an outcome used to put every partner already delivering it back to "earlier version".
    frame.setDeliveringPartner(children, council, true);
    expect(nhsSignOff()).toMatchObject({ state: 'agreed', changes: [] });
    frame.setDeliveringPartner(children, council, false);
    expect(nhsSignOff()).toMatchObject({ state: 'agreed', changes: [] });
    frame.updateOutcome(children, { leadPartnerId: council });
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'Outcome 1 ("Best start in life"): the lead partner changed.',
    ]);
  });

  it('says when the partner is taken off an outcome it had agreed to deliver, and when that outcome is deleted', () => {
    const { frame, nhs, nhsRoom, children, safer, nhsSignOff } = agreedSoa();
    frame.setDeliveringPartner(safer, nhs, true);
    recordAgreement(nhsRoom, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2013-03-12');
    frame.setDeliveringPartner(safer, nhs, false);
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'No longer delivers outcome 2 ("Safer communities").',
    ]);
    frame.deleteOutcome(safer);
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'An outcome it agreed to has been deleted.',
    ]);
    frame.deleteOutcome(children);
    // Deleting an outcome it wrote a contribution to is a change too, though the contribution stays in its room.
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'An outcome it agreed to has been deleted.',
      'An outcome it agreed to has been deleted.',
    ]);
  });

  it('lists changes to the partner’s own room made by another of its officers', () => {
    const { nhsRoom, children, nhsSignOff } = agreedSoa();
    nhsRoom.addCommitment(children, { action: 'Recruit two more health visitors', resourcePounds: 80_000 });
    nhsRoom.setStatement([paragraph('NHS Highland supports this agreement.')]);
    expect(nhsSignOff().changes.map((change) => change.description)).toEqual([
      'Outcome 1 ("Best start in life"): the contribution changed.',
      'The statement of support changed.',
    ]);
  });

  it('puts content marked ready back in draft when it changes', () => {
    const { nhsRoom, children, nhsSignOff } = agreedSoa();
    nhsRoom.markReady('Jane Smith', '2013-03-01');
    expect(nhsSignOff()).toMatchObject({ state: 'ready', lapsed: false });
    nhsRoom.setContributionGapNote(children, 'Figures to follow.');
    expect(nhsSignOff()).toMatchObject({ state: 'draft', lapsed: true, changes: [] });
  });

  it('reads an agreement recorded before sections were fingerprinted by its own content only', () => {
    const { nhsRoom, frame, children, nhsSignOff } = agreedSoa();
    const signOff = nhsRoom.doc.getMap('signOff');
    nhsRoom.doc.transact(() => signOff.delete('covered'));
    frame.updateOutcome(children, { title: 'Changed by the coordinator' });
    expect(nhsSignOff().state).toBe('agreed');
    nhsRoom.setStatement([paragraph('Changed by an officer.')]);
    expect(nhsSignOff()).toMatchObject({
      state: 'agreed-earlier-version',
      changes: [{ kind: 'own-changed', description: 'Its own content changed.' }],
    });
  });

  it('ignores a coverage record that is not well formed rather than trusting it', () => {
    const { nhsRoom, nhsSignOff } = agreedSoa();
    nhsRoom.doc.transact(() => nhsRoom.doc.getMap('signOff').set('covered', { 'own/statement': 'not a fingerprint' }));
    expect(nhsRoom.readStoredSignOff().covered).toBeNull();
    expect(nhsSignOff().state).toBe('agreed');
  });

  it('gives the same answer on two replicas that received the same edits in a different order', () => {
    const first = agreedSoa();
    const frameCopy = new Y.Doc();
    const partnerCopy = new Y.Doc();
    Y.applyUpdate(partnerCopy, Y.encodeStateAsUpdate(first.nhsRoom.doc));
    first.frame.setDeliveringPartner(first.safer, first.nhs, true);
    Y.applyUpdate(frameCopy, Y.encodeStateAsUpdate(first.frame.doc));
    expect(assembleFromDocs(frameCopy, new Map([[first.nhs, partnerCopy]])).partners).toEqual(
      first.snapshot().partners,
    );
  });
});

describe('the one vocabulary of states', () => {
  it('names progress and sign-off the same way everywhere, from the shared constants', () => {
    const { snapshot, nhs, frame, safer } = agreedSoa();
    let report = checkCompleteness(snapshot(), '2013-03-10');
    // Outcome 1 has a lead partner and an indicator but no ten-year statement yet: in progress.
    expect(report.outcomes.map((outcome) => PROGRESS_LABELS[outcome.progress])).toEqual(['In progress', 'In progress']);
    expect(
      report.partners.map((entry) => [
        entry.partner.name,
        PROGRESS_LABELS[entry.progress],
        SIGN_OFF_LABELS[entry.signOff.state],
      ]),
    ).toEqual([
      ['NHS Highland', 'Complete', 'Agreed'],
      ['The Highland Council', 'Not started', 'Draft'],
    ]);
    frame.setDeliveringPartner(safer, nhs, true);
    report = checkCompleteness(snapshot(), '2013-03-10');
    expect(
      report.partners.map((entry) => [PROGRESS_LABELS[entry.progress], SIGN_OFF_LABELS[entry.signOff.state]])[0],
    ).toEqual(['In progress', 'Agreed to an earlier version']);
  });
});

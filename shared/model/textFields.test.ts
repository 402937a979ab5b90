import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordAgreement } from './agreement';
import { asId, type OutcomeId, type PartnerId, type SoaId } from './ids';
import { FrameDocument } from './frame';
import { PartnerDocument } from './partner';
import { FRAME_SCHEMA_VERSION, PARTNER_SCHEMA_VERSION } from './schema';
import { TextTooLongError, TEXT_LIMITS } from './limits';
import { replaceText, transformPosition } from './textFields';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function newFrame(): { doc: Y.Doc; frame: FrameDocument } {
  const doc = new Y.Doc();
  const frame = new FrameDocument(doc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Highland SOA',
    area: 'Highland',
    partnershipName: 'Highland CPP',
    framework: 'npf-2011',
  });
  return { doc, frame };
}

/** A frame as version 1 of the app wrote it: plain strings in the maps. */
function versionOneFrame(): { doc: Y.Doc; outcomeId: OutcomeId } {
  const doc = new Y.Doc();
  const meta = doc.getMap('meta');
  meta.set('schemaVersion', 1);
  meta.set('soaId', 'soa1');
  meta.set('title', 'Highland Single Outcome Agreement 2013-2023');
  meta.set('alternativeFormatsContact', 'x'.repeat(1_500));
  const outcome = new Y.Map<unknown>();
  outcome.set('title', 'Our children have the best start in life');
  outcome.set('order', 'a0');
  outcome.set('gapNote', 'Baseline for the 27-30 month review due in June.');
  outcome.set('equalityNote', '');
  outcome.set('tenYear', new Y.XmlFragment());
  doc.getMap('outcomes').set('o1', outcome);
  const indicator = new Y.Map<unknown>();
  indicator.set('outcomeId', 'o1');
  indicator.set('order', 'a0');
  indicator.set('name', 'Households in fuel poverty');
  indicator.set('higherIsBetter', true);
  indicator.set('baselineValue', 31);
  indicator.set('target10', 20);
  doc.getMap('indicators').set('i1', indicator);
  return { doc, outcomeId: asId<OutcomeId>('o1') };
}

describe('plain-text fields merge by character', () => {
  it('keeps both officers’ typing when two edit the same title at once', () => {
    const { doc: a, frame } = newFrame();
    const outcomeId = frame.addOutcome({ title: 'Safer communities' });
    const b = new Y.Doc();
    sync(a, b);
    new FrameDocument(a).setText({ kind: 'outcome', id: outcomeId, key: 'title' }, 'Safer and stronger communities');
    new FrameDocument(b).setText({ kind: 'outcome', id: outcomeId, key: 'title' }, 'Safer communities in Highland');
    sync(a, b);
    for (const doc of [a, b])
      expect(new FrameDocument(doc).readOutcomes()[0]?.title).toBe('Safer and stronger communities in Highland');
  });

  it('merges concurrent typing in a partner’s notes on gaps', () => {
    const a = new Y.Doc();
    const partner = new PartnerDocument(a);
    const outcomeId = asId<OutcomeId>('o1');
    partner.addContribution(outcomeId);
    partner.setContributionGapNote(outcomeId, 'Figures due in June.');
    const b = new Y.Doc();
    sync(a, b);
    new PartnerDocument(a).setContributionGapNote(outcomeId, 'Health visitor figures due in June.');
    new PartnerDocument(b).setContributionGapNote(outcomeId, 'Figures due in June. Costs due in July.');
    sync(a, b);
    for (const doc of [a, b])
      expect(new PartnerDocument(doc).read().contributions[0]?.gapNote).toBe(
        'Health visitor figures due in June. Costs due in July.',
      );
  });

  it('changes only what differs, so the rest of the text keeps its identity', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Reduce fuel poverty');
    const events: unknown[] = [];
    text.observe((event) => events.push(event.delta));
    replaceText(text, 'Reduce child fuel poverty');
    expect(events).toEqual([[{ retain: 7 }, { insert: 'child ' }]]);
    replaceText(text, 'Reduce 👶 poverty');
    expect(text.toString()).toBe('Reduce 👶 poverty');
  });

  it('moves a caret past text inserted before it and back over text deleted before it', () => {
    expect(transformPosition([{ insert: 'abc' }], 5)).toBe(8);
    expect(transformPosition([{ retain: 5 }, { insert: 'abc' }], 5)).toBe(5);
    expect(transformPosition([{ retain: 1 }, { delete: 2 }], 5)).toBe(3);
    expect(transformPosition([{ retain: 3 }, { delete: 5 }], 5)).toBe(3);
    expect(transformPosition([{ retain: 6 }, { delete: 5 }], 5)).toBe(5);
  });
});

describe('documents from version 1 of the app', () => {
  it('reads the plain strings and numbers they hold before any migration', () => {
    const { doc } = versionOneFrame();
    const frame = new FrameDocument(doc);
    expect(frame.readMeta().title).toBe('Highland Single Outcome Agreement 2013-2023');
    expect(frame.readMeta().alternativeFormatsContact).toHaveLength(1_500);
    expect(frame.readOutcomes()[0]).toMatchObject({
      title: 'Our children have the best start in life',
      gapNote: 'Baseline for the 27-30 month review due in June.',
    });
    expect(frame.readIndicators()[0]).toMatchObject({
      name: 'Households in fuel poverty',
      higherIsBetter: true,
      baselineValue: 31,
      baselineValueText: '31',
      target10: 20,
      target1: null,
      target1Text: '',
    });
  });

  it('migrates to Y.Text without losing or changing any value', () => {
    const { doc } = versionOneFrame();
    const before = new FrameDocument(doc).read();
    new FrameDocument(doc).migrate();
    const after = new FrameDocument(doc).read();
    expect(after.schemaVersion).toBe(FRAME_SCHEMA_VERSION);
    expect({ ...after, schemaVersion: 1 }).toEqual(before);
    expect(doc.getMap('outcomes').get('o1')).toBeInstanceOf(Y.Map);
    expect((doc.getMap('outcomes').get('o1') as Y.Map<unknown>).get('title')).toBeUndefined();
    expect(doc.getText('text.outcome.o1.title').toString()).toBe('Our children have the best start in life');
  });

  it('holds the text once when two coordinators migrate the same document offline', () => {
    const { doc: a } = versionOneFrame();
    const b = new Y.Doc();
    sync(a, b);
    new FrameDocument(a).migrate();
    new FrameDocument(b).migrate();
    new FrameDocument(a).setText(
      { kind: 'outcome', id: asId<OutcomeId>('o1'), key: 'title' },
      'Our children have the best start in life in Highland',
    );
    sync(a, b);
    for (const doc of [a, b]) {
      const frame = new FrameDocument(doc);
      expect(frame.readMeta().title).toBe('Highland Single Outcome Agreement 2013-2023');
      expect(frame.readOutcomes()[0]?.title).toBe('Our children have the best start in life in Highland');
      expect(frame.readOutcomes()[0]?.gapNote).toBe('Baseline for the 27-30 month review due in June.');
    }
  });

  it('keeps a value an older app wrote after the migration', () => {
    const { doc: migrated } = versionOneFrame();
    const old = new Y.Doc();
    sync(migrated, old);
    new FrameDocument(migrated).migrate();
    // Version 1, offline, writes the title as a plain string.
    (old.getMap('outcomes').get('o1') as Y.Map<unknown>).set('title', 'Every child has the best start in life');
    sync(migrated, old);
    new FrameDocument(migrated).migrate();
    expect(new FrameDocument(migrated).readOutcomes()[0]?.title).toBe('Every child has the best start in life');
    expect((migrated.getMap('outcomes').get('o1') as Y.Map<unknown>).get('title')).toBeUndefined();
  });

  it('migrates a partner room and keeps its sign-off valid', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 1);
    doc.getMap('meta').set('partnerId', 'p1');
    doc.getMap('contributions').set('o1', true);
    doc.getMap('contributionNotes').set('o1', 'Costs due in July.');
    const commitment = new Y.Map<unknown>();
    commitment.set('outcomeId', 'o1');
    commitment.set('order', 'a0');
    commitment.set('action', 'Recruit two health visitors');
    commitment.set('resourcePounds', 80_000);
    commitment.set('preventative', true);
    doc.getMap('commitments').set('c1', commitment);
    const partner = new PartnerDocument(doc);
    recordAgreement(
      partner,
      new FrameDocument(new Y.Doc()).read(),
      asId<PartnerId>('p1'),
      'Jane Smith',
      'Chief Executive',
      '2013-03-02',
    );
    const before = partner.read();
    partner.migrate();
    const after = partner.read();
    expect(after.schemaVersion).toBe(PARTNER_SCHEMA_VERSION);
    expect(after.contributions).toEqual(before.contributions);
    expect(after.contributions[0]?.commitments[0]).toMatchObject({
      action: 'Recruit two health visitors',
      resourcePounds: 80_000,
      resourcePoundsText: '80000',
    });
    expect(doc.getMap('contributionNotes').size).toBe(0);
  });
});

describe('limits', () => {
  it('refuses a title over the limit instead of cutting it, and changes nothing', () => {
    const { frame } = newFrame();
    const outcomeId = frame.addOutcome({ title: 'Safer communities' });
    const long = 'word '.repeat(TEXT_LIMITS.title / 5 + 1);
    expect(() => frame.updateOutcome(outcomeId, { title: long })).toThrow(TextTooLongError);
    expect(frame.readOutcomes()[0]?.title).toBe('Safer communities');
  });

  it('stores and reads back the contact for other formats up to the same limit', () => {
    const { frame } = newFrame();
    const contact = 'c'.repeat(TEXT_LIMITS.contact);
    frame.updateMeta({ alternativeFormatsContact: contact });
    expect(frame.readMeta().alternativeFormatsContact).toBe(contact);
    expect(() => frame.updateMeta({ alternativeFormatsContact: `${contact}c` })).toThrow(TextTooLongError);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asId, FrameDocument, paragraph, PartnerDocument, recordAgreement, type SoaId } from './index';

function partnerRoom() {
  const frame = new FrameDocument(new Y.Doc());
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Highland SOA',
    area: 'Highland',
    partnershipName: 'Highland CPP',
    framework: 'npf-2011',
  });
  const nhs = frame.addPartner({ name: 'NHS Highland', kind: 'health-board' });
  const doc = new Y.Doc();
  const room = new PartnerDocument(doc);
  room.initialise(nhs);
  room.setStatement([paragraph('We support this agreement.')]);
  return { frame, nhs, doc, room };
}

describe('an agreement names the version it agreed to', () => {
  it('keeps the latest named version given when agreeing, and forgets it on return to draft', () => {
    const { frame, nhs, room } = partnerRoom();
    recordAgreement(room, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2026-04-01', 'Version2026April01');
    expect(room.readStoredSignOff()).toMatchObject({ state: 'agreed', versionId: 'Version2026April01' });
    room.returnToDraft('2026-04-02');
    expect(room.readStoredSignOff().versionId).toBeNull();
  });

  it('reads an agreement stored before versions (no versionId) as naming none, and ignores a malformed one', () => {
    const { frame, nhs, doc, room } = partnerRoom();
    recordAgreement(room, frame.read(), nhs, 'Jane Smith', 'Chief Executive', '2026-04-01');
    expect(doc.getMap('signOff').has('versionId')).toBe(false);
    expect(room.readStoredSignOff()).toMatchObject({ state: 'agreed', versionId: null });
    doc.getMap('signOff').set('versionId', 'not/an id');
    expect(room.readStoredSignOff()).toMatchObject({ state: 'agreed', versionId: null });
  });
});

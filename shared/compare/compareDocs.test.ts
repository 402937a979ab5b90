import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FrameDocument } from '../model/frame';
import type { SoaId } from '../model/ids';
import { PartnerDocument } from '../model/partner';
import { paragraph } from '../model/richText';
import { frameRoom, partnerRoom } from '../model/rooms';
import type { Piece } from './blame';
import { compareDocs } from './compareDocs';

const SOA = 'soa-compare-docs' as SoaId;

/** A version of a small SOA: the council and NHS Highland, one outcome, each partner's statement. */
function versionRooms(): Map<string, Y.Doc> {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  const council = frame.addPartner({ name: 'Highland Council', kind: 'council' });
  const nhs = frame.addPartner({ name: 'NHS Highland', kind: 'health-board' });
  frame.addOutcome({ title: 'Safer communities' });
  frame.setNarrative('vision', [paragraph('A Highland where everyone thrives.')]);
  const rooms = new Map<string, Y.Doc>([[frameRoom(SOA), frameDoc]]);
  for (const [partnerId, statement] of [
    [council, 'The council leads on housing.'],
    [nhs, 'NHS Highland leads on health.'],
  ] as const) {
    const doc = new Y.Doc();
    new PartnerDocument(doc).setStatement([paragraph(statement)]);
    rooms.set(partnerRoom(SOA, partnerId), doc);
  }
  return rooms;
}

/** Every room copied (as a computer that had the version and kept editing would hold it). */
function copied(rooms: ReadonlyMap<string, Y.Doc>): Map<string, Y.Doc> {
  return new Map(
    [...rooms].map(([room, doc]) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return [room, copy];
    }),
  );
}

const accepted = (pieces: readonly Piece[]) =>
  pieces
    .filter((piece) => piece.kind !== 'deleted')
    .map((piece) => piece.text)
    .join('');
const rejected = (pieces: readonly Piece[]) =>
  pieces
    .filter((piece) => piece.kind !== 'inserted')
    .map((piece) => piece.text)
    .join('');

describe('compareDocs', () => {
  it('finds nothing when the two states are the same', () => {
    const version = versionRooms();
    expect(compareDocs(version, copied(version)).sections).toEqual([]);
  });

  it('lists exactly the sections that changed, in the SOA’s order, with the words inserted and deleted', () => {
    const version = versionRooms();
    const now = copied(version);
    const frame = new FrameDocument(now.get(frameRoom(SOA))!);
    const [council, nhs] = frame.readPartners();
    frame.setNarrative('vision', [paragraph('A Highland where everyone thrives and is safe.')]);
    new PartnerDocument(now.get(partnerRoom(SOA, nhs!.id))!).setStatement([
      paragraph('NHS Highland leads on health and care.'),
      paragraph('It funds two community link workers.'),
    ]);

    const { sections } = compareDocs(version, now);
    expect(sections.map((section) => section.title)).toEqual(['Our vision', 'NHS Highland: statement']);
    const statement = sections[1]!;
    expect(accepted(statement.pieces)).toBe(
      'NHS Highland leads on health and care.\nIt funds two community link workers.',
    );
    expect(rejected(statement.pieces)).toBe('NHS Highland leads on health.');
    expect(statement.pieces.filter((piece) => piece.kind === 'inserted').map((piece) => piece.text)).toEqual([
      ' and care.\nIt funds two community link workers',
    ]);
    // Nobody is named: the states alone do not say who changed them.
    expect(statement.changedBy).toEqual([]);
    expect(statement.pieces.every((piece) => piece.memberId === null && piece.at === null)).toBe(true);
    expect(sections.some((section) => section.room === partnerRoom(SOA, council!.id))).toBe(false);
  });

  it('shows a removed outcome as deleted text and a room the version did not have as inserted', () => {
    const version = versionRooms();
    const now = copied(version);
    const frame = new FrameDocument(now.get(frameRoom(SOA))!);
    const [outcome] = frame.readOutcomes();
    frame.deleteOutcome(outcome!.id);
    const police = frame.addPartner({ name: 'Police Scotland', kind: 'police' });
    const policeDoc = new Y.Doc();
    new PartnerDocument(policeDoc).setStatement([paragraph('Police Scotland leads on safety.')]);
    now.set(partnerRoom(SOA, police), policeDoc);

    const { sections } = compareDocs(version, now);
    const removed = sections.find((section) => section.key === `outcome.${outcome!.id}`);
    expect(removed?.title).toBe('Local outcome: a deleted outcome');
    expect(accepted(removed!.pieces)).toBe('');
    expect(rejected(removed!.pieces)).toContain('Safer communities');
    const added = sections.find((section) => section.title === 'Police Scotland: statement');
    expect(added?.pieces).toEqual([
      { kind: 'inserted', text: 'Police Scotland leads on safety.', memberId: null, at: null },
    ]);
  });
});

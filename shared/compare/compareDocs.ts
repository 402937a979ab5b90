/**
 * Compare two states of an SOA directly, room by room, without the stored changes between them: the sections
 * that differ and the words inserted and deleted. What it cannot say is who changed them (that is in the
 * relay's audit), so every piece is unattributed. The app uses it to compare a version kept on this computer
 * with this computer's copy when the relay cannot be asked (compareChanges does the attributed comparison).
 */
import type * as Y from 'yjs';
import { frameRoom, parseRoomName } from '../model/rooms';
import { SectionBlame } from './blame';
import { roomOrder, type Comparison, type SectionComparison } from './compareChanges';
import { roomSections, sectionNames, sectionTitle, type SoaSection } from './soaSections';
import { tokenise } from './tokens';

/**
 * `before` and `after`: documents by room name (a room one side lacks reads as empty). Titles name outcomes
 * and partners from `after`'s frame (the one people see now), else `before`'s. Sections come in the order of
 * `after`'s rooms; a section removed since comes after its room's.
 */
export function compareDocs(before: ReadonlyMap<string, Y.Doc>, after: ReadonlyMap<string, Y.Doc>): Comparison {
  const rooms = new Set([...before.keys(), ...after.keys()].filter((room) => parseRoomName(room) !== null));
  const soaId = [...rooms].map((room) => parseRoomName(room)?.soaId).find(Boolean);
  const frame = soaId ? (after.get(frameRoom(soaId)) ?? before.get(frameRoom(soaId)) ?? null) : null;
  const names = sectionNames(frame);
  const sections: SectionComparison[] = [];
  for (const room of roomOrder(rooms, names.partners)) {
    const sectionsOf = (docs: ReadonlyMap<string, Y.Doc>): SoaSection[] => {
      const doc = docs.get(room);
      return doc ? roomSections(room, doc) : [];
    };
    const was = new Map(sectionsOf(before).map((section) => [section.key, section]));
    const now = new Map(sectionsOf(after).map((section) => [section.key, section]));
    const removed = [...was.keys()].filter((key) => !now.has(key)).sort();
    for (const key of [...now.keys(), ...removed]) {
      const oldParagraphs = was.get(key)?.paragraphs ?? [];
      const newParagraphs = now.get(key)?.paragraphs ?? [];
      if (oldParagraphs.join('\n') === newParagraphs.join('\n')) continue;
      const blame = new SectionBlame(tokenise(oldParagraphs));
      blame.change(tokenise(newParagraphs), null, null);
      if (blame.changed())
        sections.push({ key, title: sectionTitle(key, names), room, pieces: blame.pieces(), changedBy: [] });
    }
  }
  return { sections };
}

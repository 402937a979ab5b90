/**
 * A year of editing stored as the relay stores it (issue 16's benchmark and the comparison tests): on each
 * working day a few sessions, each one member typing a run of words into one section (the coordinator a
 * narrative chapter, a partner its contribution to an outcome), one keystroke-sized update per word with its
 * member and time, written straight into `room_updates`.
 */
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { FrameDocument, NARRATIVE_KEYS } from '../../shared/model/frame';
import type { MemberId, PartnerId, SoaId } from '../../shared/model/ids';
import { PartnerDocument } from '../../shared/model/partner';
import { frameRoom, partnerRoom } from '../../shared/model/rooms';
import { SampleRandom } from '../../shared/sample/random';

const WORDS = [
  'partners',
  'will',
  'work',
  'together',
  'to',
  'reduce',
  'the',
  'gap',
  'in',
  'outcomes',
  'for',
  'families',
  'across',
  'our',
  'communities',
  'by',
  '2016',
];

export interface YearOfEditsOptions {
  readonly seed: number;
  readonly days: number;
  /** Midnight (UTC) of the first day, in ms. */
  readonly start: number;
  readonly soaId: SoaId;
  /** The SOA's rooms as stored: they are edited in place. */
  readonly frame: Y.Doc;
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
  readonly coordinator: MemberId;
  /** Each partner's member who types for it, in the partnership's order. */
  readonly members: ReadonlyMap<PartnerId, MemberId>;
}

/** The first text run of a rich-text fragment's first paragraph, where a typist's words go. */
function typingSpot(fragment: Y.XmlFragment): Y.XmlText | null {
  for (const block of fragment.toArray()) {
    if (block instanceof Y.XmlElement)
      for (const inline of block.toArray()) if (inline instanceof Y.XmlText) return inline;
  }
  return null;
}

/** Stores the year; returns how many sessions and updates it made. */
export function storeYearOfEdits(
  db: Database.Database,
  options: YearOfEditsOptions,
): { sessions: number; updates: number } {
  const random = new SampleRandom(options.seed);
  const partners = [...options.members.keys()];
  const outcomeIds = new FrameDocument(options.frame).readOutcomes().map((outcome) => outcome.id);
  const insert = db.prepare<[string, Uint8Array, string | null, number]>(
    'INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, ?, ?)',
  );
  let updates = 0;
  let sessions = 0;
  db.transaction(() => {
    for (let day = 0; day < options.days; day++) {
      if (day % 7 >= 5) continue;
      for (let session = random.int(0, 3); session > 0; session--) {
        sessions++;
        const byCoordinator = random.chance(0.3);
        const partner = random.pick(partners);
        const doc = byCoordinator ? options.frame : (options.partnerDocs.get(partner) as Y.Doc);
        const room = byCoordinator ? frameRoom(options.soaId) : partnerRoom(options.soaId, partner);
        const fragment = byCoordinator
          ? new FrameDocument(doc).narrativeFragment(random.pick(NARRATIVE_KEYS))
          : new PartnerDocument(doc).contributionFragment(random.pick(outcomeIds));
        const spot = typingSpot(fragment);
        if (!spot) continue;
        let at = options.start + day * 86_400_000 + random.int(0, 8 * 3_600_000);
        const position = random.int(0, spot.length);
        let offset = 0;
        for (let word = random.int(5, 40); word > 0; word--) {
          const before = Y.encodeStateVector(doc);
          const text = `${random.pick(WORDS)} `;
          if (random.chance(0.1) && spot.length > position + 3) spot.delete(position, 3);
          else {
            spot.insert(Math.min(position + offset, spot.length), text);
            offset += text.length;
          }
          insert.run(
            room,
            Y.encodeStateAsUpdate(doc, before),
            byCoordinator ? options.coordinator : (options.members.get(partner) as string),
            at,
          );
          at += random.int(2_000, 20_000);
          updates++;
        }
      }
    }
  })();
  return { sessions, updates };
}

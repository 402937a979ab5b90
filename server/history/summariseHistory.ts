/**
 * Who changed what in an SOA, from the relay's audit: each room's stored updates are replayed in order, and
 * every update is described by the sections of the document it touched (the root types its transaction
 * changed, named for people by shared/model/sectionNames.ts). Runs of
 * changes by the same member to the same room, each within GAP_MS of the last, become one entry, so a
 * morning's typing reads as one line rather than hundreds.
 */
import * as Y from 'yjs';
import { FrameDocument } from '../../shared/model/frame';
import type { MemberId, PartnerId } from '../../shared/model/ids';
import { parseRoomName, type RoomName } from '../../shared/model/rooms';
import { sectionName } from '../../shared/model/sectionNames';
import type { StoredChange } from '../db/storedHistory';

/** Changes further apart than this start a new entry. */
export const GAP_MS = 15 * 60_000;

export interface HistoryEntry {
  readonly room: RoomName;
  /** The partner whose room it is; null for the frame. */
  readonly partnerId: PartnerId | null;
  /** null: the administrator (soa create, partner add). */
  readonly memberId: MemberId | null;
  readonly from: number;
  readonly to: number;
  /** Stored updates in this entry. */
  readonly changes: number;
  /** The sections touched, in the order first touched, as people name them. */
  readonly sections: readonly string[];
}

/** The root types a transaction changed, by name. */
function changedRoots(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const names = new Map<object, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const roots = new Set<string>();
  for (const changed of transaction.changed.keys()) {
    // Walk up from the changed type to the root type that holds it (a root type has no parent).
    let type = changed as Y.AbstractType<unknown>;
    while (type.parent instanceof Y.AbstractType) type = type.parent;
    const name = names.get(type);
    if (name !== undefined) roots.add(name);
  }
  return roots;
}

/** The root names each stored change touched, replaying every room in order. */
function touchedRoots(changes: readonly StoredChange[]): Map<StoredChange, Set<string>> {
  const docs = new Map<RoomName, Y.Doc>();
  const touched = new Map<StoredChange, Set<string>>();
  for (const change of changes) {
    let doc = docs.get(change.room);
    if (!doc) docs.set(change.room, (doc = new Y.Doc()));
    const roots = new Set<string>();
    const collect = (transaction: Y.Transaction, target: Y.Doc): void => {
      for (const name of changedRoots(target, transaction)) roots.add(name);
    };
    doc.on('afterTransaction', collect);
    try {
      Y.applyUpdate(doc, change.update);
    } catch {
      // A row that does not apply is skipped, as the relay skips it when it loads the room.
    } finally {
      doc.off('afterTransaction', collect);
    }
    touched.set(change, roots);
  }
  for (const doc of docs.values()) doc.destroy();
  return touched;
}

/** Outcome id -> title, from the frame as it is now (a deleted outcome has none). */
function outcomeTitles(frameChanges: readonly StoredChange[]): Map<string, string> {
  const frame = new Y.Doc();
  for (const change of frameChanges) {
    try {
      Y.applyUpdate(frame, change.update);
    } catch {
      // skipped, as above
    }
  }
  const titles = new Map(
    new FrameDocument(frame).readOutcomes().map((outcome) => [outcome.id as string, outcome.title]),
  );
  frame.destroy();
  return titles;
}

export function summariseHistory(changes: readonly StoredChange[]): HistoryEntry[] {
  const frameChanges = changes.filter((change) => parseRoomName(change.room)?.kind === 'frame');
  const titles = outcomeTitles(frameChanges);
  const touched = touchedRoots(changes);
  const entries: {
    room: RoomName;
    partnerId: PartnerId | null;
    memberId: MemberId | null;
    from: number;
    to: number;
    changes: number;
    sections: string[];
  }[] = [];
  for (const change of changes) {
    const parsed = parseRoomName(change.room);
    const isFrame = parsed?.kind === 'frame';
    const sections = [...(touched.get(change) ?? [])].map((root) => sectionName(root, isFrame, titles));
    const last = entries[entries.length - 1];
    if (last && last.room === change.room && last.memberId === change.memberId && change.storedAt - last.to <= GAP_MS) {
      last.to = change.storedAt;
      last.changes++;
      for (const section of sections) if (!last.sections.includes(section)) last.sections.push(section);
      continue;
    }
    entries.push({
      room: change.room,
      partnerId: parsed?.kind === 'partner' ? parsed.partnerId : null,
      memberId: change.memberId,
      from: change.storedAt,
      to: change.storedAt,
      changes: 1,
      sections: [...new Set(sections)],
    });
  }
  return entries;
}

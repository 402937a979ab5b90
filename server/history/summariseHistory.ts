/**
 * Who changed what in an SOA, from the relay's audit: each room's stored updates are replayed in order, and
 * every update is described by the sections of the document it touched (the root types its transaction
 * changed, named for people by shared/model/sectionNames.ts). Runs of
 * changes by the same member to the same room, each within GAP_MS of the last, become one entry, so a
 * morning's typing reads as one line rather than hundreds. A stored change that changed no content (a value
 * set again to what it was, an update the room already had) is left out: it would name someone who only looked.
 */
import * as Y from 'yjs';
import { changedSectionKeys, type ChangedField } from '../../shared/compare/changedSections';
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
  /** The same by identity (shared/compare's section keys), which a rename does not change. */
  readonly sectionKeys: readonly string[];
}

/** A field's id: the root's name and the entry's key. */
const fieldId = (root: string, key: string | null): string => `${root}\u0000${key ?? ''}`;

/** Each root map entry's value as JSON, by field id, after the changes replayed so far, where known. */
type EntryValues = Map<string, string>;

/** What the cache holds for an entry a transaction deleted (no JSON text is this). */
const ABSENT = 'absent';

/** The JSON of a root map's entry as it is now. */
function entryJson(root: Y.AbstractType<unknown>, key: string): string {
  const item = root._map.get(key);
  if (!item || item.deleted) return ABSENT;
  const value: unknown = item.content.getContent().at(-1);
  return JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value) ?? String(value);
}

/** Whether setting or deleting a root map's entry changed its value, noting the value for the next change. */
function entryValueChanged(values: EntryValues, root: Y.AbstractType<unknown>, id: string, key: string): boolean {
  const json = entryJson(root, key);
  const changed = values.get(id) !== json;
  values.set(id, json);
  return changed;
}

/**
 * The fields a transaction changed: each root type by name, with the entry of a map root the change was in
 * (the outcome's id in "outcomes"), so the history can name the section itself (changedSections.ts); and
 * whether it changed content at all. Only a root map's entry set again to the value it had changed none.
 */
function changedFields(
  doc: Y.Doc,
  transaction: Y.Transaction,
  values: EntryValues,
): { fields: Map<string, ChangedField>; changedContent: boolean } {
  const names = new Map<object, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const fields = new Map<string, ChangedField>();
  let changedContent = false;
  for (const [changed, keys] of transaction.changed) {
    // Walk up from the changed type to the root type that holds it (a root type has no parent), noting the
    // entry of the root it is in.
    let type = changed as Y.AbstractType<unknown>;
    let entry: string | null = null;
    for (let item = type._item; item && item.parent instanceof Y.AbstractType; item = item.parent._item) {
      entry = item.parentSub;
      type = item.parent;
    }
    const name = names.get(type);
    if (name === undefined) continue;
    // A change inside a root's entry: that entry. The root itself changed: the entries of a map it set or
    // deleted (null: a change to a list or text).
    const changedKeys = type !== changed ? [entry] : keys.size === 0 ? [null] : [...keys];
    for (const key of changedKeys) {
      const id = fieldId(name, key);
      fields.set(id, { root: name, key });
      if (type === changed && key !== null) changedContent = entryValueChanged(values, type, id, key) || changedContent;
      else {
        // A change inside an entry (or to a list or text) is content, and leaves the entry's JSON unknown.
        values.delete(id);
        changedContent = true;
      }
    }
  }
  return { fields, changedContent };
}

/** What each stored change touched: the root names, and the sections by identity. */
interface Touched {
  readonly roots: Set<string>;
  readonly sectionKeys: string[];
  /** false: it set values to what they were, or changed nothing (the room had it already). */
  readonly changedContent: boolean;
}

/** The commitment's outcome in a partner document as it is now, or null. */
function commitmentOutcome(doc: Y.Doc, commitmentId: string): string | null {
  const commitment: unknown = doc.getMap('commitments').get(commitmentId);
  const outcomeId = commitment instanceof Y.Map ? (commitment.get('outcomeId') as unknown) : null;
  return typeof outcomeId === 'string' ? outcomeId : null;
}

/** What each stored change touched, replaying every room in order. */
function touchedRoots(changes: readonly StoredChange[]): Map<StoredChange, Touched> {
  const docs = new Map<RoomName, { doc: Y.Doc; values: EntryValues }>();
  const touched = new Map<StoredChange, Touched>();
  for (const change of changes) {
    let room = docs.get(change.room);
    if (!room) docs.set(change.room, (room = { doc: new Y.Doc(), values: new Map() }));
    const { doc, values } = room;
    const fields = new Map<string, ChangedField>();
    let changedContent = false;
    const collect = (transaction: Y.Transaction, target: Y.Doc): void => {
      const changed = changedFields(target, transaction, values);
      for (const [id, field] of changed.fields) fields.set(id, field);
      changedContent ||= changed.changedContent;
    };
    doc.on('afterTransaction', collect);
    try {
      Y.applyUpdate(doc, change.update);
    } catch {
      // A row that does not apply is skipped, as the relay skips it when it loads the room.
    } finally {
      doc.off('afterTransaction', collect);
    }
    touched.set(change, {
      roots: new Set([...fields.values()].map((field) => field.root)),
      sectionKeys: changedSectionKeys(change.room, fields.values(), (id) => commitmentOutcome(doc, id)),
      changedContent,
    });
  }
  for (const { doc } of docs.values()) doc.destroy();
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
    sectionKeys: string[];
  }[] = [];
  for (const change of changes) {
    const parsed = parseRoomName(change.room);
    const isFrame = parsed?.kind === 'frame';
    const touches = touched.get(change);
    if (!touches?.changedContent) continue;
    const sections = [...touches.roots].map((root) => sectionName(root, isFrame, titles));
    const sectionKeys = touches.sectionKeys;
    const last = entries[entries.length - 1];
    if (last && last.room === change.room && last.memberId === change.memberId && change.storedAt - last.to <= GAP_MS) {
      last.to = change.storedAt;
      last.changes++;
      for (const section of sections) if (!last.sections.includes(section)) last.sections.push(section);
      for (const key of sectionKeys) if (!last.sectionKeys.includes(key)) last.sectionKeys.push(key);
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
      sectionKeys: [...sectionKeys],
    });
  }
  return entries;
}

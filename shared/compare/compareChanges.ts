/**
 * Compare: what changed in an SOA between a named version and now (or a later version), section by section,
 * who changed it, and which words each of them inserted and deleted. Pure: it takes the rooms as the version
 * holds them and the stored changes after it (each with its member and time, as the relay's audit keeps
 * them), replays the changes room by room, and follows every section's words through them (blame.ts).
 *
 * Changes by one member to one room, each within GAP_MS of the last, are replayed as one step (as `soa-relay
 * history` groups them), so a morning's typing costs one reading of the room, not one per keystroke.
 */
import * as Y from 'yjs';
import { frameRoom, parseRoomName } from '../model/rooms';
import { SectionBlame, splitTokens, type Piece } from './blame';
import { decodeReplay, encodeReplay, type JoinedTokens } from './replayCheckpoint';
import { roomSections, sectionNames, sectionsForRoots, sectionTitle, type SoaSection } from './soaSections';
import { tokenise } from './tokens';

export const GAP_MS = 15 * 60_000;

/** A stored change, as the relay's audit keeps it. */
export interface RoomChange {
  readonly room: string;
  readonly update: Uint8Array;
  /** null: the relay administrator. */
  readonly memberId: string | null;
  readonly storedAt: number;
}

export interface SectionAuthor {
  readonly memberId: string | null;
  /** Steps (grouped changes) of this member that changed the section. */
  readonly changes: number;
  readonly lastAt: number;
}

export interface SectionComparison {
  readonly key: string;
  readonly title: string;
  readonly room: string;
  /** The section's words: the version's kept, inserted and deleted, in order; paragraphs split by "\n". */
  readonly pieces: readonly Piece[];
  /** Who changed it since the version, the latest first. */
  readonly changedBy: readonly SectionAuthor[];
}

export interface Comparison {
  /** The sections that differ, in the order of the SOA now (removed sections after their room's). */
  readonly sections: readonly SectionComparison[];
}

interface Tracked {
  readonly room: string;
  text: string;
  blame: SectionBlame | null;
  /** The version's words; as a checkpoint joined them until a change needs them. */
  readonly versionTokens: readonly string[] | JoinedTokens;
  readonly authors: Map<string | null, { changes: number; lastAt: number }>;
}

const textOf = (section: SoaSection): string => section.paragraphs.join('\n');

const joined = (tokens: readonly string[] | JoinedTokens): JoinedTokens =>
  'lengths' in tokens ? tokens : { text: tokens.join(''), lengths: tokens.map((token) => token.length) };

const cut = (tokens: readonly string[] | JoinedTokens): readonly string[] =>
  'lengths' in tokens ? splitTokens(tokens.text, tokens.lengths) : tokens;

/**
 * `version`: each room's state at the version (Y.encodeStateAsUpdate), rooms it lacks being empty.
 * `changes`: the stored changes after the version, in the order stored. Returns the sections that differ.
 */
export function compareChanges(version: ReadonlyMap<string, Uint8Array>, changes: readonly RoomChange[]): Comparison {
  const replay = new ComparisonReplay(version);
  try {
    replay.add(changes);
    return replay.comparison();
  } finally {
    replay.destroy();
  }
}

/**
 * A comparison that can be extended as changes arrive: the rooms replayed so far and every section's words
 * followed through them are kept, so a later comparison with the same version replays only the changes
 * stored since (a version never changes, and stored changes are only ever appended). Gives exactly what
 * compareChanges gives for all the changes added.
 */
export class ComparisonReplay {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly rooms = new Set<string>();
  /** The step still open: more rows of the same member's session may join it. */
  private group: { room: string; memberId: string | null; last: number; updates: Uint8Array[] } | null = null;
  /**
   * The step comparison() closed early to answer: a later row that would have joined it cannot be added
   * (add returns false), since compareChanges would have replayed it in that step.
   */
  private closedEarly: { room: string; memberId: string | null; last: number } | null = null;
  /** The last answer, while nothing has been added since. */
  private answer: Comparison | null = null;

  constructor(private version: ReadonlyMap<string, Uint8Array>) {
    this.addRooms(version.keys());
  }

  /**
   * The replay as a checkpoint wrote it down (replayCheckpoint.ts): adding the changes stored after it gives
   * exactly what this replay would have given. Each room is read from its state only when a change reaches
   * it (or the answer needs it), so carrying on after a week of edits costs little more than that week.
   */
  static restore(data: Uint8Array): ComparisonReplay {
    const state = decodeReplay(data);
    const replay = new ComparisonReplay(new Map());
    replay.version = state.rooms;
    for (const room of state.rooms.keys()) replay.rooms.add(room);
    for (const section of state.sections) {
      replay.tracked.set(section.key, {
        room: section.room,
        text: section.text,
        blame: section.blame ? SectionBlame.fromRuns(section.blame) : null,
        versionTokens: section.versionTokens,
        authors: new Map(section.authors),
      });
    }
    replay.group = state.group ? { ...state.group, updates: [...state.group.updates] } : null;
    replay.closedEarly = state.closedEarly;
    return replay;
  }

  /**
   * Writes the replay down for restore(). Taken after add() and before comparison(), the step still open is
   * kept open, so rows that later join it are replayed with it, as a fresh comparison would.
   */
  checkpoint(): Uint8Array {
    const rooms = new Map<string, Uint8Array>();
    for (const room of this.rooms) {
      const doc = this.docs.get(room);
      // A room a restored replay never needed is still the state it was restored from.
      const kept = doc ? undefined : this.version.get(room);
      rooms.set(room, kept ?? Y.encodeStateAsUpdate(this.docOf(room)));
    }
    return encodeReplay({
      rooms,
      sections: [...this.tracked].map(([key, entry]) => ({
        key,
        room: entry.room,
        text: entry.text,
        versionTokens: entry.blame ? { text: '', lengths: [] } : joined(entry.versionTokens),
        blame: entry.blame ? entry.blame.pieceRuns() : null,
        authors: entry.authors,
      })),
      group: this.group,
      closedEarly: this.closedEarly,
    });
  }

  /**
   * Replays `changes`, stored after those already added, in the order stored. False (and nothing replayed)
   * when the first would have joined the step comparison() closed: start a new replay for an exact answer.
   */
  add(changes: readonly RoomChange[]): boolean {
    const first = changes.find((change) => parseRoomName(change.room) !== null);
    const closed = this.closedEarly;
    if (first && closed && this.joins(closed, first)) return false;
    if (first) {
      this.closedEarly = null;
      this.answer = null;
    }
    this.addRooms(changes.map((change) => change.room));
    for (const change of changes) {
      if (!this.rooms.has(change.room)) continue;
      if (this.group && !this.joins(this.group, change)) {
        this.finish(this.group);
        this.group = null;
      }
      this.group ??= { room: change.room, memberId: change.memberId, last: change.storedAt, updates: [] };
      this.group.updates.push(change.update);
      this.group.last = change.storedAt;
    }
    return true;
  }

  /** The sections that differ from the version after every change added. */
  comparison(): Comparison {
    if (this.answer) return this.answer;
    if (this.group) {
      const { room, memberId, last } = this.group;
      this.finish(this.group);
      this.group = null;
      this.closedEarly = { room, memberId, last };
    }
    const rooms = this.rooms;
    const tracked = this.tracked;
    const soaId = [...rooms].map((room) => parseRoomName(room)?.soaId).find(Boolean);
    const frame = soaId ? frameRoom(soaId) : undefined;
    const frameDoc = frame !== undefined && rooms.has(frame) ? this.docOf(frame) : undefined;
    const names = sectionNames(frameDoc ?? null);
    const order = roomOrder(rooms, names.partners);
    // Sections in the order of the version's rooms; one added since comes after its room's (no second reading
    // of every room just to place it).
    const nowKeys = order.flatMap((room) =>
      [...tracked].filter(([, entry]) => entry.room === room).map(([key]) => key),
    );
    const position = new Map(nowKeys.map((key, index) => [key, index]));
    const roomRank = new Map(order.map((room, index) => [room, index]));
    const sections: SectionComparison[] = [];
    for (const [key, entry] of tracked) {
      if (!entry.blame?.changed()) continue;
      sections.push({
        key,
        title: sectionTitle(key, names),
        room: entry.room,
        pieces: entry.blame.pieces(),
        changedBy: [...entry.authors]
          .map(([memberId, author]) => ({ memberId, ...author }))
          .sort((a, b) => b.lastAt - a.lastAt),
      });
    }
    // Sections as they stand now; a removed section after the sections of its room.
    const rank = (section: SectionComparison): number =>
      position.get(section.key) ?? nowKeys.length + (roomRank.get(section.room) ?? 0);
    sections.sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.answer = { sections };
    return this.answer;
  }

  destroy(): void {
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
  }

  /** One member's rows to one room, each within GAP_MS of the last, are one step. */
  private joins(group: { room: string; memberId: string | null; last: number }, change: RoomChange): boolean {
    return group.room === change.room && group.memberId === change.memberId && change.storedAt - group.last <= GAP_MS;
  }

  /** Starts following the sections of rooms not seen before, as the version holds them. */
  private addRooms(names: Iterable<string>): void {
    for (const room of names) {
      if (this.rooms.has(room) || parseRoomName(room) === null) continue;
      this.rooms.add(room);
      for (const section of roomSections(room, this.docOf(room))) {
        this.tracked.set(section.key, {
          room,
          text: textOf(section),
          blame: null,
          versionTokens: tokenise(section.paragraphs),
          authors: new Map(),
        });
      }
    }
  }

  private docOf(room: string): Y.Doc {
    let doc = this.docs.get(room);
    if (!doc) {
      doc = new Y.Doc();
      const state = this.version.get(room);
      if (state) Y.applyUpdate(doc, state);
      this.docs.set(room, doc);
    }
    return doc;
  }

  private finish(ended: { room: string; memberId: string | null; last: number; updates: Uint8Array[] }): void {
    this.step(ended.room, ended.memberId, ended.last, this.replay(ended.room, ended.updates));
  }

  private step(room: string, memberId: string | null, at: number, roots: ReadonlySet<string>): void {
    const tracked = this.tracked;
    // Only the sections of the roots the step touched, when that is all it touched and they are known.
    const partial = sectionsForRoots(room, this.docOf(room), roots);
    const usable = partial !== null && partial.every((section) => tracked.has(section.key));
    const now = new Map(
      (usable ? partial : roomSections(room, this.docOf(room))).map((section) => [section.key, section]),
    );
    const keys = usable
      ? new Set(now.keys())
      : new Set([...now.keys(), ...[...tracked].filter(([, entry]) => entry.room === room).map(([key]) => key)]);
    for (const key of keys) {
      const section = now.get(key);
      const text = section ? textOf(section) : '';
      let entry = tracked.get(key);
      if (!entry) tracked.set(key, (entry = { room, text: '', blame: null, versionTokens: [], authors: new Map() }));
      if (entry.text === text) continue;
      entry.text = text;
      entry.blame ??= new SectionBlame(cut(entry.versionTokens));
      entry.blame.change(section ? tokenise(section.paragraphs) : [], memberId, at);
      const author = entry.authors.get(memberId) ?? { changes: 0, lastAt: at };
      entry.authors.set(memberId, { changes: author.changes + 1, lastAt: at });
    }
  }

  // A step's rows are applied in one transaction: Yjs then tidies up and tells its observers once per step,
  // not once per keystroke (that was most of the replay's time).
  private replay(room: string, updates: readonly Uint8Array[]): Set<string> {
    const doc = this.docOf(room);
    const roots = new Set<string>();
    const collect = (transaction: Y.Transaction): void => {
      for (const name of changedRoots(doc, transaction)) roots.add(name);
    };
    doc.on('afterTransaction', collect);
    try {
      doc.transact(() => {
        for (const update of updates) {
          try {
            Y.applyUpdate(doc, update);
          } catch {
            // A row that does not apply is skipped, as the relay skips it when it loads the room.
          }
        }
      });
    } finally {
      doc.off('afterTransaction', collect);
    }
    return roots;
  }
}

/** The root types a transaction changed, by name (a change deep inside a root counts for the root). */
const rootNames = new WeakMap<Y.Doc, { size: number; names: Map<object, string> }>();

function changedRoots(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  // Kept per document while it has the same root types (a frame has hundreds; updates come in thousands).
  // A root read first as a plain type and later as a fragment or map is a new object under the same name
  // (a room restored from a checkpoint is read so), so a root not found is looked for again afresh.
  const rootNamesOf = (fresh: boolean): Map<object, string> => {
    let cached = rootNames.get(doc);
    if (fresh || !cached || cached.size !== doc.share.size) {
      cached = { size: doc.share.size, names: new Map([...doc.share].map(([name, type]) => [type as object, name])) };
      rootNames.set(doc, cached);
    }
    return cached.names;
  };
  let names = rootNamesOf(false);
  let fresh = false;
  const roots = new Set<string>();
  for (const changed of transaction.changed.keys()) {
    let type: object = changed;
    for (let item = changed._item; item && item.parent instanceof Y.AbstractType; item = item.parent._item)
      type = item.parent;
    let name = names.get(type);
    if (name === undefined && !fresh) {
      names = rootNamesOf((fresh = true));
      name = names.get(type);
    }
    if (name !== undefined) roots.add(name);
  }
  return roots;
}

/** The frame, then partner rooms in the frame's partner order, then any others. */
export function roomOrder(rooms: ReadonlySet<string>, partners: ReadonlyMap<string, string>): string[] {
  const partnerOrder = [...partners.keys()];
  const rank = (room: string): number => {
    const parsed = parseRoomName(room);
    if (parsed?.kind === 'frame') return -1;
    if (parsed?.kind === 'partner') {
      const index = partnerOrder.indexOf(parsed.partnerId);
      return index < 0 ? partnerOrder.length : index;
    }
    return partnerOrder.length + 1;
  };
  return [...rooms].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

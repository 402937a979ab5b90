/**
 * Named versions of an SOA ("Draft submitted to the Scottish Government"): the exact state of every room of
 * the SOA at the moment the relay records it, kept apart from the live log (soa_version_rooms, one encoded
 * Yjs state per room), so compaction of room_updates can never change or lose what a version holds. A
 * version is never changed or deleted once recorded.
 *
 * The state is read from the rows the relay has committed, in the same transaction that records it: a
 * change the relay has acknowledged to anyone is in it, one still on its way is not.
 */
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { VersionRecord } from '../../shared/api/versions';
import { MAX_VERSION_NAME } from '../../shared/api/versionName';
import { isWellFormedId, newId, type MemberId, type PartnerId, type SoaId } from '../../shared/model/ids';
import { frameRoom, partnerRoom, type RoomName } from '../../shared/model/rooms';
import { InputError } from '../inputError';
import { ROOM_LOG_SQL, type RoomLogRow } from './roomLog';

/** A version's rooms as documents, ready to assemble or export. */
export interface VersionContent {
  readonly record: VersionRecord;
  readonly soaId: SoaId;
  /** The last stored row (of any room) the version includes. */
  readonly upToSeq: number;
  readonly frame: Y.Doc;
  readonly partnerDocs: Map<PartnerId, Y.Doc>;
  /** Every room of the version by name (frame and partner rooms included). */
  readonly rooms: Map<RoomName, Y.Doc>;
}

interface VersionRow {
  readonly id: string;
  readonly soa_id: string;
  readonly name: string;
  readonly created_at: number;
  readonly created_by: string | null;
  readonly created_by_name: string | null;
  readonly up_to_seq: number;
}

const SELECT_VERSION = `SELECT v.id, v.soa_id, v.name, v.created_at, v.created_by, m.name AS created_by_name, v.up_to_seq
  FROM soa_versions v LEFT JOIN members m ON m.id = v.created_by`;

export function cleanVersionName(value: string | undefined): string {
  const name = (value ?? '').replace(/\s+/g, ' ').trim();
  if (!name)
    throw new InputError(
      'The version name is empty; give it a name such as "Draft submitted to the Scottish Government".',
    );
  if (name.length > MAX_VERSION_NAME)
    throw new InputError(`The version name is longer than ${MAX_VERSION_NAME} characters; shorten it.`);
  return name;
}

export class SoaVersions {
  constructor(private readonly db: Database.Database) {}

  /** Records a version of every room of the SOA as stored now. `createdBy` null: the administrator. */
  create(soaInput: string | undefined, nameInput: string | undefined, createdBy: MemberId | null): VersionRecord {
    const soaId = this.requireSoa(soaInput);
    const name = cleanVersionName(nameInput);
    const versionId = newId<string>();
    const createdAt = Date.now();
    const roomRows = this.db.prepare<[{ room: string }], RoomLogRow>(ROOM_LOG_SQL);
    const insertRoom = this.db.prepare<[string, string, Uint8Array]>(
      'INSERT INTO soa_version_rooms (version_id, room, data) VALUES (?, ?, ?)',
    );
    // IMMEDIATE: the rows read and the version written are one consistent moment, even with the relay writing.
    this.db
      .transaction(() => {
        const top = this.db
          .prepare<
            [],
            { seq: number | null }
          >('SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM room_updates UNION ALL SELECT MAX(seq) AS seq FROM room_audit)')
          .get();
        this.db
          .prepare<
            [string, string, string, number, string | null, number]
          >('INSERT INTO soa_versions (id, soa_id, name, created_at, created_by, up_to_seq) VALUES (?, ?, ?, ?, ?, ?)')
          .run(versionId, soaId, name, createdAt, createdBy, top?.seq ?? 0);
        for (const room of this.roomsOf(soaId)) {
          const doc = new Y.Doc();
          for (const row of roomRows.all({ room })) {
            try {
              Y.applyUpdate(doc, row.data);
            } catch {
              // The relay skips a row that does not apply when it loads the room; so does the version.
            }
          }
          insertRoom.run(versionId, room, Y.encodeStateAsUpdate(doc));
          doc.destroy();
        }
      })
      .immediate();
    const record = this.find(soaId, versionId);
    if (!record) throw new Error('The version was recorded but could not be read back.');
    return record;
  }

  /** Every version of the SOA, oldest first. */
  list(soaInput: string | undefined): VersionRecord[] {
    const soaId = this.requireSoa(soaInput);
    return this.db
      .prepare<[string], VersionRow>(`${SELECT_VERSION} WHERE v.soa_id = ? ORDER BY v.created_at, v.rowid`)
      .all(soaId)
      .map((row) => this.recordOf(row));
  }

  /** A version's record and the last row it includes, without reading its rooms. */
  header(
    soaInput: string | undefined,
    versionInput: string | undefined,
  ): { readonly record: VersionRecord; readonly soaId: SoaId; readonly upToSeq: number } {
    const { row, soaId } = this.row(soaInput, versionInput);
    return { record: this.recordOf(row), soaId, upToSeq: row.up_to_seq };
  }

  private row(soaInput: string | undefined, versionInput: string | undefined): { row: VersionRow; soaId: SoaId } {
    const soaId = this.requireSoa(soaInput);
    if (!isWellFormedId(versionInput))
      throw new InputError(`${JSON.stringify(versionInput ?? '')} is not a valid version id.`);
    const row = this.db
      .prepare<[string, string], VersionRow>(`${SELECT_VERSION} WHERE v.id = ? AND v.soa_id = ?`)
      .get(versionInput, soaId);
    if (!row) throw new InputError(`No version ${versionInput} of SOA ${soaId}; "soa-relay version list" shows them.`);
    return { row, soaId };
  }

  /** A version's rooms as documents. Throws an InputError for a version that is not one of this SOA's. */
  read(soaInput: string | undefined, versionInput: string | undefined): VersionContent {
    const { row, soaId } = this.row(soaInput, versionInput);
    const rooms = new Map<RoomName, Y.Doc>();
    for (const stored of this.db
      .prepare<
        [string],
        { room: string; data: Buffer }
      >('SELECT room, data FROM soa_version_rooms WHERE version_id = ?')
      .all(row.id)) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.data);
      rooms.set(stored.room as RoomName, doc);
    }
    const frame = rooms.get(frameRoom(soaId)) ?? new Y.Doc();
    const partnerDocs = new Map<PartnerId, Y.Doc>();
    // Partners of the SOA as they were: the partner rooms the version holds (a partner added later has none).
    const prefix = `soa/${soaId}/partner/`;
    for (const [room, doc] of rooms)
      if (room.startsWith(prefix)) partnerDocs.set(room.slice(prefix.length) as PartnerId, doc);
    return { record: this.recordOf(row), soaId, upToSeq: row.up_to_seq, frame, partnerDocs, rooms };
  }

  /** Each room's state as the version holds it (Y.encodeStateAsUpdate), by room name. */
  roomStates(versionId: string): Map<string, Uint8Array> {
    const rows = this.db
      .prepare<
        [string],
        { room: string; data: Buffer }
      >('SELECT room, data FROM soa_version_rooms WHERE version_id = ?')
      .all(versionId);
    return new Map(
      rows.map((row) => [row.room, new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)]),
    );
  }

  private find(soaId: SoaId, versionId: string): VersionRecord | null {
    const row = this.db
      .prepare<[string, string], VersionRow>(`${SELECT_VERSION} WHERE v.id = ? AND v.soa_id = ?`)
      .get(versionId, soaId);
    return row ? this.recordOf(row) : null;
  }

  private recordOf(row: VersionRow): VersionRecord {
    const rooms = this.db
      .prepare<[string], { room: string }>('SELECT room FROM soa_version_rooms WHERE version_id = ?')
      .all(row.id)
      .map((stored) => stored.room);
    // Frame first, then the partners in the partnership's order (as roomsOf lists them), then any others.
    const order = this.roomsOf(row.soa_id as SoaId);
    const rank = (room: string): number =>
      order.includes(room as RoomName) ? order.indexOf(room as RoomName) : order.length;
    rooms.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return {
      versionId: row.id,
      name: row.name,
      createdAt: new Date(row.created_at).toISOString(),
      createdBy: row.created_by,
      createdByName:
        row.created_by === null ? 'The relay administrator' : (row.created_by_name ?? 'A member no longer listed'),
      rooms,
    };
  }

  /** The frame, every partner room of the SOA's partnership, and any other room stored under the SOA. */
  roomsOf(soaId: SoaId): RoomName[] {
    const partnerIds = this.db
      .prepare<[string], { id: string }>(
        'SELECT p.id FROM partners p JOIN soas s ON s.partnership_id = p.partnership_id WHERE s.id = ? ORDER BY p.created_at, p.rowid',
      )
      .all(soaId)
      .map((row) => row.id as PartnerId);
    const rooms = [frameRoom(soaId), ...partnerIds.map((partnerId) => partnerRoom(soaId, partnerId))];
    // Ids are URL-safe ASCII, so every room under the prefix sorts below prefix + DEL. The log keeps every row,
    // so the rooms are found by jumping from one to the next in the index, not by reading all their rows.
    const prefix = `soa/${soaId}/`;
    const stored = this.db.prepare<[{ first: string; end: string }], { room: string }>(
      `WITH RECURSIVE stored(room) AS (
         SELECT MIN(room) FROM room_updates WHERE room >= @first AND room < @end
         UNION ALL
         SELECT (SELECT MIN(room) FROM room_updates WHERE room > stored.room AND room < @end) FROM stored
         WHERE stored.room IS NOT NULL
       )
       SELECT room FROM stored WHERE room IS NOT NULL`,
    );
    for (const { room } of stored.all({ first: prefix, end: `${prefix}\u007f` }))
      if (!rooms.includes(room as RoomName)) rooms.push(room as RoomName);
    return rooms;
  }

  private requireSoa(value: string | undefined): SoaId {
    if (!isWellFormedId(value)) throw new InputError(`${JSON.stringify(value ?? '')} is not a valid SOA id.`);
    if (!this.db.prepare('SELECT 1 FROM soas WHERE id = ?').get(value))
      throw new InputError(
        `No SOA with id ${value}. "soa-relay member list" and the app show the SOAs of a partnership.`,
      );
    return value as SoaId;
  }
}

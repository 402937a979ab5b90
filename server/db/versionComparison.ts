/**
 * The comparison of a named version with now, or with a later version (shared/compare), from the relay's
 * database: the version's rooms as it holds them, and every stored change after it (the audit's originals
 * and the rows not yet compacted, as storedHistory.ts reads them), up to the later version if one is given.
 */
import type Database from 'better-sqlite3';
import { compareChanges, type Comparison, type RoomChange } from '../../shared/compare';
import type { VersionRecord } from '../../shared/api/versions';
import { InputError } from '../inputError';
import { SoaVersions } from './versions';

export interface MemberName {
  readonly name: string;
  readonly partnerId: string;
  readonly partnerName: string;
}

export interface VersionComparison {
  readonly from: VersionRecord;
  /** null: compared with the SOA as stored now. */
  readonly to: VersionRecord | null;
  readonly comparison: Comparison;
  /** Every member of the SOA's partnership, for naming authors. */
  readonly members: ReadonlyMap<string, MemberName>;
}

interface ChangeRow {
  readonly room: string;
  readonly data: Buffer;
  readonly member_id: string | null;
  readonly stored_at: number;
}

/** What a comparison needs from the database: the version's rooms and every stored change after it. */
export interface ComparisonInput {
  readonly from: VersionRecord;
  readonly to: VersionRecord | null;
  /** Each room's state at the version. */
  readonly state: ReadonlyMap<string, Uint8Array>;
  /** The stored changes after it, in the order stored. */
  readonly changes: readonly RoomChange[];
  readonly members: ReadonlyMap<string, MemberName>;
}

/** The comparison, worked out in this thread (the CLI; the relay uses comparisonInput and its worker). */
export function compareVersion(
  db: Database.Database,
  soaInput: string | undefined,
  fromInput: string | undefined,
  toInput?: string,
): VersionComparison {
  const { from, to, state, changes, members } = comparisonInput(db, soaInput, fromInput, toInput);
  return { from, to, comparison: compareChanges(state, changes), members };
}

/** Reads what compareChanges needs, in one read transaction. Throws InputError for an unknown SOA or version. */
export function comparisonInput(
  db: Database.Database,
  soaInput: string | undefined,
  fromInput: string | undefined,
  toInput?: string,
): ComparisonInput {
  const versions = new SoaVersions(db);
  const read = db.transaction(() => {
    const from = versions.header(soaInput, fromInput);
    const to = toInput === undefined ? null : versions.header(soaInput, toInput);
    if (to && to.upToSeq < from.upToSeq)
      throw new InputError(
        `Version "${to.record.name}" is older than "${from.record.name}"; give the older one as --from.`,
      );
    const select = db.prepare<[string, number, number, string, number, number], ChangeRow>(
      `SELECT seq, room, data, member_id, stored_at FROM room_audit WHERE room = ? AND seq > ? AND seq <= ?
       UNION ALL
       SELECT seq, room, data, member_id, stored_at FROM room_updates WHERE room = ? AND compacted = 0 AND seq > ? AND seq <= ?
       ORDER BY seq`,
    );
    const upTo = to ? to.upToSeq : Number.MAX_SAFE_INTEGER;
    const rows: (ChangeRow & { seq: number })[] = [];
    for (const room of new Set([...from.record.rooms, ...versions.roomsOf(from.soaId)])) {
      rows.push(...(select.all(room, from.upToSeq, upTo, room, from.upToSeq, upTo) as (ChangeRow & { seq: number })[]));
    }
    // Sequence numbers are shared by every room: this is the order the relay stored them in.
    rows.sort((a, b) => a.seq - b.seq);
    const changes: RoomChange[] = rows.map((row) => ({
      room: row.room,
      update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      memberId: row.member_id,
      storedAt: row.stored_at,
    }));
    const members = new Map(
      db
        .prepare<[string], { id: string; name: string; partner_id: string; partner_name: string }>(
          `SELECT m.id, m.name, m.partner_id, p.name AS partner_name FROM members m JOIN partners p ON p.id = m.partner_id
           WHERE p.partnership_id = (SELECT partnership_id FROM soas WHERE id = ?)`,
        )
        .all(from.soaId)
        .map((row) => [row.id, { name: row.name, partnerId: row.partner_id, partnerName: row.partner_name }] as const),
    );
    return {
      from: from.record,
      to: to?.record ?? null,
      state: versions.roomStates(from.record.versionId),
      changes,
      members,
    };
  });
  return read();
}

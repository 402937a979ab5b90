/**
 * The comparison of a named version with now, or with a later version (shared/compare), from the relay's
 * database: the version's rooms as it holds them, and every stored change after it (every original row, as
 * storedHistory.ts reads them), up to the later version if one is given.
 */
import type Database from 'better-sqlite3';
import { ComparisonReplay, type Comparison, type RoomChange } from '../../shared/compare';
import type { VersionRecord } from '../../shared/api/versions';
import { InputError } from '../inputError';
import { DerivedStore } from './derivedStore';
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
  /** Every change up to this sequence number is in `changes` (or was before `since`). */
  readonly throughSeq: number;
}

/** Comparisons kept per database: the replay so far and the last change it holds. */
const kept = new WeakMap<Database.Database, Map<string, { replay: ComparisonReplay; throughSeq: number }>>();
/** How many comparisons a process keeps replayed (each holds every room of its SOA). */
const KEPT_COMPARISONS = 2;

/**
 * The comparison, worked out in this thread (the CLI and the export; the relay uses comparisonInput and its
 * worker). The replay is kept, so comparing with the same version again replays only what was stored since.
 */
export function compareVersion(
  db: Database.Database,
  soaInput: string | undefined,
  fromInput: string | undefined,
  toInput?: string,
): VersionComparison {
  let replays = kept.get(db);
  if (!replays) kept.set(db, (replays = new Map()));
  const key = `${soaInput}/${fromInput}/${toInput ?? 'now'}`;
  const known = replays.get(key);
  if (known) {
    replays.delete(key);
    const input = comparisonInput(db, soaInput, fromInput, toInput, known.throughSeq);
    if (known.replay.add(input.changes)) {
      replays.set(key, { replay: known.replay, throughSeq: input.throughSeq });
      return { from: input.from, to: input.to, comparison: known.replay.comparison(), members: input.members };
    }
    known.replay.destroy();
  }
  const { replay, input } = startReplay(db, soaInput, fromInput, toInput);
  const comparison = replay.comparison();
  replays.set(key, { replay, throughSeq: input.throughSeq });
  for (const [oldest, entry] of replays) {
    if (replays.size <= KEPT_COMPARISONS) break;
    entry.replay.destroy();
    replays.delete(oldest);
  }
  return { from: input.from, to: input.to, comparison, members: input.members };
}

/**
 * A checkpoint is written again once it saves replaying this many changes: writing one (a megabyte for a
 * 100-page SOA) costs about what replaying a week or two of typing does.
 */
export const CHECKPOINT_AFTER = 1000;

/**
 * A replay holding every change up to now (or the later version), not yet asked for its answer: carried on
 * from the checkpoint the database keeps if there is one, else replayed from the version. A replay that
 * took in many new changes is written down again for the next process, before its answer closes the open
 * step.
 */
function startReplay(
  db: Database.Database,
  soaInput: string | undefined,
  fromInput: string | undefined,
  toInput: string | undefined,
): { replay: ComparisonReplay; input: ComparisonInput } {
  const derived = new DerivedStore(db);
  const stored = fromInput === undefined ? undefined : derived.checkpoint(fromInput, toInput ?? null);
  if (stored) {
    const input = comparisonInput(db, soaInput, fromInput, toInput, stored.throughSeq);
    let replay: ComparisonReplay | null = null;
    try {
      replay = ComparisonReplay.restore(stored.data);
    } catch {
      // Written by another format, or damaged: replayed from the version below, and written again.
    }
    if (replay?.add(input.changes)) {
      if (input.changes.length >= CHECKPOINT_AFTER)
        derived.keepCheckpoint(
          input.from.versionId,
          input.to?.versionId ?? null,
          input.throughSeq,
          replay.checkpoint(),
        );
      return { replay, input };
    }
    replay?.destroy();
  }
  const input = comparisonInput(db, soaInput, fromInput, toInput);
  const replay = new ComparisonReplay(input.state);
  replay.add(input.changes);
  derived.keepCheckpoint(input.from.versionId, input.to?.versionId ?? null, input.throughSeq, replay.checkpoint());
  return { replay, input };
}

/** Forgets the comparisons kept for this database (the benchmark measures a first comparison with this). */
export function forgetComparisons(db: Database.Database): void {
  for (const entry of kept.get(db)?.values() ?? []) entry.replay.destroy();
  kept.delete(db);
}

/**
 * Reads what compareChanges needs, in one read transaction. Throws InputError for an unknown SOA or version.
 * With `since` (a throughSeq from before), only the changes stored after it, and not the version's rooms.
 */
export function comparisonInput(
  db: Database.Database,
  soaInput: string | undefined,
  fromInput: string | undefined,
  toInput?: string,
  since?: number,
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
    const top =
      db
        .prepare<
          [],
          { seq: number | null }
        >('SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM room_updates UNION ALL SELECT MAX(seq) AS seq FROM room_audit)')
        .get()?.seq ?? 0;
    const upTo = to ? to.upToSeq : top;
    const after = Math.max(from.upToSeq, since ?? 0);
    const rows: (ChangeRow & { seq: number })[] = [];
    for (const room of new Set([...from.record.rooms, ...versions.roomsOf(from.soaId)])) {
      rows.push(...(select.all(room, after, upTo, room, after, upTo) as (ChangeRow & { seq: number })[]));
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
      state: since === undefined ? versions.roomStates(from.record.versionId) : new Map<string, Uint8Array>(),
      changes,
      members,
      throughSeq: Math.max(upTo, after),
    };
  });
  return read();
}

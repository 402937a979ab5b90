// What the tracked-changes export keeps in the relay's database for the next process (server/db/
// derivedStore.ts): the version's document, the paragraph differences and the comparison's replay. An export
// that starts from them must be byte-for-byte the export worked out afresh, after more edits, after
// compaction of the rooms, when a member types on in the session the checkpoint left open, and when what is
// kept is damaged or was made by other code.
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { SCHEMA_VERSION } from '../../server/db/schema';
import { SoaVersions } from '../../server/db/versions';
import { CHECKPOINT_AFTER, forgetComparisons } from '../../server/db/versionComparison';
import { exportChangesSince } from '../../server/export/changesSince';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import type { ExportOptions } from '../../shared/export';
import { forgetKeptExports } from '../../shared/export/tracked';
import { FrameDocument } from '../../shared/model/frame';
import type { MemberId, PartnerId, SoaId } from '../../shared/model/ids';
import { frameRoom, partnerRoom } from '../../shared/model/rooms';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { storeSample, storedSnapshot } from '../support/storedSample';
import { storeYearOfEdits } from '../support/yearOfEdits';

const SEED = Number(process.env.DURABLE_SEED ?? Date.now() % 100_000);
const OPTIONS: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2014-04-01' };

describe('what the tracked-changes export keeps in the database', () => {
  let dir = '';
  let db: ReturnType<typeof openDatabase>;
  let directory: Directory;
  let soaId: SoaId;
  let versionId = '';
  let coordinator: MemberId;
  let members: Map<PartnerId, MemberId>;
  let frame: Y.Doc;
  let partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
  let stretch = 0;

  beforeAll(() => {
    console.log(`DURABLE_SEED=${SEED}`);
    dir = tempDir('soa-durable-kept-');
    db = openDatabase(path.join(dir, 'relay.db'));
    const stored = storeSample(db, SEED);
    ({ directory, soaId, members, frame, partnerDocs } = stored);
    coordinator = stored.coordinator.memberId;
    versionId = directory.versions().create(soaId, 'Draft submitted', null).versionId;
  }, 180_000);
  afterAll(() => {
    db.close();
    removeTempDir(dir);
  });

  const editFor = (days: number) =>
    storeYearOfEdits(db, {
      seed: SEED + stretch,
      days,
      start: Date.parse('2013-04-01T09:00:00Z') + stretch++ * 30 * 86_400_000,
      soaId,
      frame,
      partnerDocs,
      coordinator,
      members,
    });
  const snapshot = () => storedSnapshot(directory, soaId);
  /** As a new process: nothing kept in memory, the database as it is. */
  const newProcess = () => {
    forgetComparisons(db);
    forgetKeptExports();
  };
  const kept = () => ({
    documents: db.prepare('SELECT COUNT(*) AS n FROM version_documents WHERE diffs IS NOT NULL').get() as {
      n: number;
    },
    checkpoint: db.prepare('SELECT through_seq FROM comparison_checkpoints WHERE from_version = ?').get(versionId) as
      | { through_seq: number }
      | undefined,
  });
  const topSeq = () =>
    (
      db
        .prepare(
          'SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM room_updates UNION ALL SELECT MAX(seq) AS seq FROM room_audit)',
        )
        .get() as { seq: number }
    ).seq;
  /** The export and comparison a new process makes from what the database keeps, then with nothing kept. */
  const expectKeptAsFresh = async () => {
    newProcess();
    const keptComparison = directory.compareVersion(soaId, versionId).comparison;
    newProcess();
    const keptFile = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    newProcess();
    directory.derived().forget();
    const fresh = directory.compareVersion(soaId, versionId).comparison;
    expect(keptComparison).toEqual(fresh);
    newProcess();
    directory.derived().forget();
    const freshFile = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(Buffer.from(keptFile).equals(freshFile)).toBe(true);
    return { file: freshFile, comparison: fresh };
  };

  it('keeps the version document, its paragraph differences and the replay, and an export from them is the fresh one', async () => {
    editFor(20);
    newProcess();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(kept().documents.n).toBe(1);
    expect(kept().checkpoint?.through_seq).toBe(topSeq());
    // A new process reads neither the version's rooms nor replays the changes since: it starts from what is kept.
    const read = vi.spyOn(SoaVersions.prototype, 'read');
    const states = vi.spyOn(SoaVersions.prototype, 'roomStates');
    newProcess();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(read).not.toHaveBeenCalled();
    expect(states).not.toHaveBeenCalled();
    read.mockRestore();
    states.mockRestore();
    const { comparison } = await expectKeptAsFresh();
    expect(comparison.sections.length).toBeGreaterThan(0);
  }, 300_000);

  it('carries on from a checkpoint made before more edits', async () => {
    newProcess();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    const before = kept().checkpoint?.through_seq;
    const { updates } = editFor(10);
    expect(topSeq()).toBeGreaterThan(before ?? Infinity);
    // The new process carries on from the old checkpoint (it keeps a new one once that saves replaying many).
    newProcess();
    const carriedOn = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(kept().checkpoint?.through_seq).toBe(updates >= CHECKPOINT_AFTER ? topSeq() : before);
    const { file } = await expectKeptAsFresh();
    expect(Buffer.from(carriedOn).equals(file)).toBe(true);
    // After many more, a new checkpoint is kept.
    const stored = kept().checkpoint?.through_seq ?? 0;
    while (topSeq() - stored < CHECKPOINT_AFTER) editFor(20);
    newProcess();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(kept().checkpoint?.through_seq).toBe(topSeq());
    await expectKeptAsFresh();
  }, 300_000);

  it('carries on from a checkpoint made before compaction of every room', async () => {
    editFor(10);
    newProcess();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    const beforeCompaction = kept().checkpoint?.through_seq;
    editFor(5);
    const store = new SqliteRoomStore(db);
    const merge = async (updates: readonly Uint8Array[]) => Y.mergeUpdates([...updates]);
    const rooms = [frameRoom(soaId), ...[...partnerDocs.keys()].map((id) => partnerRoom(soaId, id))];
    let folded = 0;
    for (const room of rooms) folded += (await store.compact(room, merge))?.rowsFolded ?? 0;
    await store.close();
    expect(folded).toBeGreaterThan(0);
    expect(kept().checkpoint?.through_seq).toBe(beforeCompaction);
    newProcess();
    const afterCompaction = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    const { file } = await expectKeptAsFresh();
    expect(Buffer.from(afterCompaction).equals(file)).toBe(true);
  }, 300_000);

  it('replays a session the checkpoint left open with the rows that join it, as a fresh comparison does', async () => {
    // The coordinator starts typing into the vision after every row so far; an export keeps the replay with
    // that session open; the coordinator types on a minute later, which a fresh comparison takes as the
    // same session.
    const last = db.prepare('SELECT MAX(stored_at) AS at FROM room_updates').get() as { at: number };
    const spot = new FrameDocument(frame)
      .narrativeFragment('vision')
      .toArray()
      .flatMap((block) => (block instanceof Y.XmlElement ? block.toArray() : []))
      .find((inline): inline is Y.XmlText => inline instanceof Y.XmlText);
    if (!spot) throw new Error('the vision has no text to type into');
    const insert = db.prepare<[string, Uint8Array, string, number]>(
      'INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, ?, ?)',
    );
    const type = (word: number) => {
      const state = Y.encodeStateVector(frame);
      spot.insert(0, `typing on ${word} `);
      insert.run(frameRoom(soaId), Y.encodeStateAsUpdate(frame, state), coordinator, last.at + 60_000 * (word + 1));
    };
    type(0);
    // Worked out afresh, so the checkpoint kept is the one that ends in that session.
    newProcess();
    directory.derived().forget();
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(kept().checkpoint?.through_seq).toBe(topSeq());
    for (let word = 1; word < 4; word++) type(word);
    const { comparison } = await expectKeptAsFresh();
    const vision = comparison.sections
      .flatMap((section) => section.pieces)
      .filter((piece) => piece.text.includes('typing on'));
    expect(vision.length).toBeGreaterThan(0);
  }, 300_000);

  it('works afresh when what is kept is damaged or was made by other code', async () => {
    newProcess();
    const good = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    db.prepare("UPDATE comparison_checkpoints SET data = X'0102030405'").run();
    db.prepare("UPDATE version_documents SET diffs = 'not json'").run();
    newProcess();
    expect(Buffer.from(await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS)).equals(good)).toBe(
      true,
    );
    // Made by other code: a document that is not this code's is never used.
    db.prepare(
      "UPDATE version_documents SET code = 'older code', xml = '<w:document><w:body></w:body></w:document>'",
    ).run();
    newProcess();
    expect(Buffer.from(await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS)).equals(good)).toBe(
      true,
    );
    // The older code's document gave way to this code's.
    const codes = db.prepare('SELECT DISTINCT code FROM version_documents').all() as { code: string }[];
    expect(codes.map((row) => row.code)).not.toContain('older code');
  }, 300_000);

  it('adds its tables to a database made before them, when it is opened', () => {
    const file = path.join(dir, 'older.db');
    openDatabase(file).close();
    const older = new Database(file);
    // As migration 4 left it: migration 5 adds these tables, and migration 6 room_bases.
    older.exec('DROP TABLE version_documents; DROP TABLE comparison_checkpoints; DROP TABLE room_bases;');
    older.pragma('user_version = 4');
    older.close();
    const reopened = openDatabase(file);
    const tables = reopened
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('version_documents', 'comparison_checkpoints')",
      )
      .all() as { name: string }[];
    expect(tables.map((row) => row.name).sort()).toEqual(['comparison_checkpoints', 'version_documents']);
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    reopened.close();
  });
});

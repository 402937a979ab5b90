// What a process keeps for a version (issue 16's speed): the replay of a comparison extended as changes are
// stored, the version's document and the paragraph differences of the tracked-changes export. After each
// stretch of editing, the kept comparison and the kept export must be exactly what a fresh one gives,
// including when a member carries on typing into the session the last comparison closed (that session is
// one step in a fresh comparison, so the kept replay is started again).
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { forgetComparisons } from '../../server/db/versionComparison';
import { exportChangesSince } from '../../server/export/changesSince';
import type { ExportOptions } from '../../shared/export';
import { forgetKeptExports } from '../../shared/export/tracked';
import { FrameDocument } from '../../shared/model/frame';
import type { MemberId, OutcomeId, PartnerId, SoaId } from '../../shared/model/ids';
import { PartnerDocument } from '../../shared/model/partner';
import { frameRoom, partnerRoom } from '../../shared/model/rooms';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { storeSample, storedSnapshot } from '../support/storedSample';
import { storeYearOfEdits } from '../support/yearOfEdits';

const SEED = Number(process.env.KEPT_SEED ?? Date.now() % 100_000);
const OPTIONS: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2014-04-01' };

describe('kept comparisons and tracked-changes exports', () => {
  let dir = '';
  let db: ReturnType<typeof openDatabase>;
  let directory: Directory;
  let soaId: SoaId;
  let versionId = '';
  let coordinator: MemberId;
  let members: Map<PartnerId, MemberId>;
  let frame: Y.Doc;
  let partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;

  beforeAll(() => {
    console.log(`KEPT_SEED=${SEED}`);
    dir = tempDir('soa-kept-comparison-');
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

  const snapshot = () => storedSnapshot(directory, soaId);
  /** The kept answers, then fresh ones with nothing kept: they must be the same. */
  const expectKeptAsFresh = async () => {
    const kept = directory.compareVersion(soaId, versionId).comparison;
    const keptFile = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    forgetComparisons(db);
    forgetKeptExports();
    // Nor in the database (durableKept.test.ts covers what it keeps).
    directory.derived().forget();
    const fresh = directory.compareVersion(soaId, versionId).comparison;
    directory.derived().forget();
    expect(kept).toEqual(fresh);
    const freshFile = await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    expect(Buffer.from(keptFile).equals(freshFile)).toBe(true);
    return fresh;
  };

  it('gives what a fresh comparison and export give, stretch after stretch of editing', async () => {
    // Kept from a first comparison and export of the version with nothing changed.
    expect(directory.compareVersion(soaId, versionId).comparison.sections).toEqual([]);
    await exportChangesSince(directory, soaId, versionId, snapshot(), OPTIONS);
    let changed = 0;
    for (let stretch = 0; stretch < 2; stretch++) {
      storeYearOfEdits(db, {
        seed: SEED + stretch,
        days: 20,
        start: Date.parse('2013-04-01T09:00:00Z') + stretch * 30 * 86_400_000,
        soaId,
        frame,
        partnerDocs,
        coordinator,
        members,
      });
      const comparison = await expectKeptAsFresh();
      expect(comparison.sections.length).toBeGreaterThanOrEqual(changed);
      changed = comparison.sections.length;
    }
    expect(changed).toBeGreaterThan(0);
  }, 400_000);

  it('starts the replay again when a member carries on typing in the session the last comparison closed', async () => {
    const before = directory.compareVersion(soaId, versionId).comparison;
    // Whoever stored the last row types on in the same room, a minute later.
    const last = db
      .prepare<
        [],
        { room: string; member_id: string; stored_at: number }
      >('SELECT room, member_id, stored_at FROM room_updates WHERE member_id IS NOT NULL ORDER BY seq DESC LIMIT 1')
      .get();
    if (!last) throw new Error('no member stored a row');
    const partnerId = [...partnerDocs.keys()].find((id) => partnerRoom(soaId, id) === last.room);
    const doc = last.room === frameRoom(soaId) ? frame : partnerDocs.get(partnerId as PartnerId);
    if (!doc) throw new Error(`no document for ${last.room}`);
    // Its first written text: the vision in the frame, else the first contribution the partner has written.
    const spotIn = (fragment: Y.XmlFragment): Y.XmlText | undefined =>
      fragment
        .toArray()
        .find((node): node is Y.XmlElement => node instanceof Y.XmlElement)
        ?.toArray()
        .find((inline): inline is Y.XmlText => inline instanceof Y.XmlText);
    const fragments =
      doc === frame
        ? [new FrameDocument(frame).narrativeFragment('vision')]
        : new FrameDocument(frame)
            .readOutcomes()
            .map((outcome) => new PartnerDocument(doc).contributionFragment(outcome.id as OutcomeId));
    const text = fragments.map(spotIn).find((spot) => spot !== undefined);
    if (!text) throw new Error(`nothing written to type into in ${last.room}`);
    const insert = db.prepare<[string, Uint8Array, string, number]>(
      'INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, ?, ?)',
    );
    for (let word = 0; word < 3; word++) {
      const state = Y.encodeStateVector(doc);
      text.insert(0, `carrying on ${word} `);
      insert.run(last.room, Y.encodeStateAsUpdate(doc, state), last.member_id, last.stored_at + 60_000 + word * 1000);
    }
    const after = await expectKeptAsFresh();
    const typed = after.sections
      .flatMap((section) => section.pieces)
      .filter((piece) => piece.text.includes('carrying'));
    expect(typed.length).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
  }, 300_000);
});

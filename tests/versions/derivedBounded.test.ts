// What the tracked-changes export keeps in the relay's database (server/db/derivedStore.ts) is bounded: every
// new export date adds a version's document (up to a megabyte for the 100-page sample) and every pair of
// versions compared a checkpoint of its replay (about a megabyte), and without a bound the database would
// grow with each. Many exports of several versions over many dates, and comparisons of every pair, keep at
// most the documents and checkpoints the store says, the database file stops growing, and every export is
// still byte-for-byte the one worked out afresh.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory } from '../../server/db/directory';
import { DOCUMENTS_PER_VERSION, KEPT_CHECKPOINTS, KEPT_DOCUMENTS } from '../../server/db/derivedStore';
import { openDatabase } from '../../server/db/openDatabase';
import { forgetComparisons } from '../../server/db/versionComparison';
import { exportChangesSince } from '../../server/export/changesSince';
import type { ExportOptions } from '../../shared/export';
import { forgetKeptExports } from '../../shared/export/tracked';
import type { SoaId } from '../../shared/model/ids';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { storeSample, storedSnapshot } from '../support/storedSample';
import { storeYearOfEdits } from '../support/yearOfEdits';

const SEED = Number(process.env.BOUNDED_SEED ?? Date.now() % 100_000);
const VERSIONS = 4;
/** Export dates: more than a version keeps documents for, and versions x dates more than are kept in all. */
const DATES = ['2014-04-01', '2014-04-08', '2014-04-15', '2014-04-22', '2014-04-29', '2014-05-06'];

describe('what the tracked-changes export keeps in the database stays bounded', () => {
  let dir = '';
  let db: ReturnType<typeof openDatabase>;
  let directory: Directory;
  let soaId: SoaId;
  const versionIds: string[] = [];

  beforeAll(() => {
    console.log(`BOUNDED_SEED=${SEED}`);
    dir = tempDir('soa-derived-bounded-');
    db = openDatabase(path.join(dir, 'relay.db'));
    const stored = storeSample(db, SEED);
    ({ directory, soaId } = stored);
    for (let version = 0; version < VERSIONS; version++) {
      versionIds.push(directory.versions().create(soaId, `Draft ${version + 1}`, null).versionId);
      storeYearOfEdits(db, {
        seed: SEED + version,
        days: 3,
        start: Date.parse('2013-04-01T09:00:00Z') + version * 7 * 86_400_000,
        soaId,
        frame: stored.frame,
        partnerDocs: stored.partnerDocs,
        coordinator: stored.coordinator.memberId,
        members: stored.members,
      });
    }
  }, 180_000);
  afterAll(() => {
    db.close();
    removeTempDir(dir);
  });

  const snapshot = () => storedSnapshot(directory, soaId);
  const options = (date: string): ExportOptions => ({ scope: { kind: 'whole' }, generatedOn: date });
  /** As a new process: nothing kept in memory, the database as it is. */
  const newProcess = () => {
    forgetComparisons(db);
    forgetKeptExports();
  };
  const count = (table: string, where = '1') =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
  const pages = () => db.pragma('page_count', { simple: true }) as number;
  const expectWithinBounds = () => {
    expect(count('version_documents')).toBeLessThanOrEqual(KEPT_DOCUMENTS);
    for (const versionId of versionIds)
      expect(count('version_documents', `version_id = '${versionId}'`)).toBeLessThanOrEqual(DOCUMENTS_PER_VERSION);
    expect(count('comparison_checkpoints')).toBeLessThanOrEqual(KEPT_CHECKPOINTS);
  };

  it('keeps a bounded number of documents and checkpoints, and the file stops growing, over many exports', async () => {
    const sizes: number[] = [];
    let exports = 0;
    for (const date of DATES) {
      for (const versionId of versionIds) {
        newProcess();
        await exportChangesSince(directory, soaId, versionId, snapshot(), options(date));
        exports++;
        expectWithinBounds();
      }
      // Every pair of versions compared, each a checkpoint of its own.
      for (const [index, from] of versionIds.entries())
        for (const to of versionIds.slice(index + 1)) {
          newProcess();
          directory.compareVersion(soaId, from, to);
          expectWithinBounds();
        }
      sizes.push(pages());
    }
    // Without bounds: a document per version and date, a checkpoint per pair (and one per version with now).
    expect(exports).toBeGreaterThan(KEPT_DOCUMENTS);
    expect((VERSIONS * (VERSIONS - 1)) / 2 + VERSIONS).toBeGreaterThan(KEPT_CHECKPOINTS);
    expect(count('version_documents')).toBe(KEPT_DOCUMENTS);
    expect(count('comparison_checkpoints')).toBe(KEPT_CHECKPOINTS);
    // The most recent date's documents are the ones kept, and the first date's are gone.
    expect(count('version_documents', `options LIKE '%${DATES[DATES.length - 1]}%'`)).toBe(VERSIONS);
    expect(count('version_documents', `options LIKE '%${DATES[0]}%'`)).toBe(0);
    // Pages freed by what goes are used again: once the bounds are reached (by the fourth date) the file holds
    // about what it did, not a document per export more.
    const reached = sizes[3] ?? 0;
    const last = sizes[sizes.length - 1] ?? 0;
    const documentPages = Math.ceil(
      (db.prepare('SELECT MAX(length(xml)) AS n FROM version_documents').get() as { n: number }).n /
        (db.pragma('page_size', { simple: true }) as number),
    );
    console.log(`database pages after each date: ${sizes.join(', ')} (a document is about ${documentPages} pages)`);
    expect(last - reached).toBeLessThan(2 * documentPages);
  }, 600_000);

  it('exports the same bytes from what it kept as afresh, and afresh again for a date no longer kept', async () => {
    const versionId = versionIds[0] as string;
    const latest = options(DATES[DATES.length - 1] as string);
    newProcess();
    const kept = await exportChangesSince(directory, soaId, versionId, snapshot(), latest);
    const gone = options(DATES[0] as string);
    expect(count('version_documents', `version_id = '${versionId}' AND options LIKE '%${DATES[0]}%'`)).toBe(0);
    newProcess();
    const remade = await exportChangesSince(directory, soaId, versionId, snapshot(), gone);
    newProcess();
    directory.derived().forget();
    expect(Buffer.from(kept).equals(await exportChangesSince(directory, soaId, versionId, snapshot(), latest))).toBe(
      true,
    );
    newProcess();
    directory.derived().forget();
    expect(Buffer.from(remade).equals(await exportChangesSince(directory, soaId, versionId, snapshot(), gone))).toBe(
      true,
    );
  }, 300_000);

  it('removes what another version of the code kept when this code keeps something', async () => {
    newProcess();
    directory.derived().forget();
    db.prepare(
      "INSERT INTO version_documents (version_id, options, code, xml, stored_at) VALUES (?, 'older options', 'older code', '<w:document/>', 0)",
    ).run(versionIds[1]);
    db.prepare(
      "INSERT INTO comparison_checkpoints (from_version, to_version, code, through_seq, data, stored_at) VALUES (?, 'older', 'older code', 0, X'00', 0)",
    ).run(versionIds[1]);
    await exportChangesSince(directory, soaId, versionIds[1] as string, snapshot(), options(DATES[0] as string));
    expect(count('version_documents', "code = 'older code'")).toBe(0);
    expect(count('comparison_checkpoints', "code = 'older code'")).toBe(0);
    expect(count('version_documents')).toBe(1);
    expect(count('comparison_checkpoints')).toBe(1);
  }, 300_000);
});

/**
 * Benchmark of named versions, compare and tracked changes (issue 16) on the 100-page sample with a year of
 * edits: the demo SOA stored in a relay database, a version recorded, then a year of typing sessions by the
 * coordinator and the partners (each a run of keystroke-sized updates, stored as the relay stores them, with
 * its member and time) and a second version. Measured side by side in this run:
 *
 *   rebuild a version   versions.read + assemble, against reading the SOA as stored now (goal: at most 1 s)
 *   comparison          a year of changes since the first version, worked out afresh (goal: at most 1 s)
 *   tracked export      export --changes-since against the plain export of the SOA now (goal: at most 1.5x)
 *
 * The tracked-changes export is measured four ways, since what it works out for a version is kept (a version
 * never changes): the version's document for the export date (shared/export/tracked/versionDocuments.ts), the
 * replay of the comparison (server/db/versionComparison.ts) and the word differences of paragraph pairs
 * (trackChanges.ts), in the process, and in the relay's database for the next process (server/db/
 * derivedStore.ts).
 *
 *   first       nothing kept in the process, and the database holding what the last run left, a week of
 *               edits ago: what each `soa-relay export --changes-since` pays, as a new process each time;
 *               goal at most 1.5x
 *   after edits the same version exported again after a week of editing sessions stored since the last
 *               export (each run stores one): what a long-running process (the app's session) pays for the
 *               next export; goal at most 1.5x
 *   again       exported again with nothing stored since
 *   never       nothing kept anywhere: the very first export of the changes since a version on a date
 *
 *   npx tsx bench/versions.ts [--runs 5] [--seed 1] [--days 365]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/db/openDatabase';
import { exportChangesSince } from '../server/export/changesSince';
import { forgetComparisons } from '../server/db/versionComparison';
import { exportSoaDocx, type ExportOptions } from '../shared/export';
import { forgetKeptExports } from '../shared/export/tracked';
import { assembleFromDocs } from '../shared/model/assemble';
import { storeSample } from '../tests/support/storedSample';
import { storeYearOfEdits } from '../tests/support/yearOfEdits';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option('runs', 5);
const SEED = option('seed', 1);
const DAYS = option('days', 365);
const OPTIONS: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2014-04-01' };
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-versions-'));
  try {
    const db = openDatabase(path.join(dir, 'relay.db'));
    const stored = storeSample(db, SEED);
    const { directory, soaId, members, frame, partnerDocs, partnerCount } = stored;
    const coordinator = stored.coordinator.memberId;
    const versions = directory.versions();
    const first = versions.create(soaId, 'Draft submitted to the Scottish Government', null);

    // A year of editing: on each working day, a few sessions; each session one member typing into one section.
    const { sessions, updates } = storeYearOfEdits(db, {
      seed: SEED,
      days: DAYS,
      start: Date.parse('2013-04-01T09:00:00Z'),
      soaId,
      frame,
      partnerDocs,
      coordinator,
      members,
    });
    const second = versions.create(soaId, 'Agreed by the board', null);
    console.log(
      `Sample seed ${SEED}: ${partnerCount} partners; ${DAYS} days, ${sessions} editing sessions, ${updates} stored updates after the first version.`,
    );

    const time = async (work: () => unknown): Promise<number> => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const rows: Record<string, number[]> = {
      now: [],
      version: [],
      compare: [],
      plain: [],
      first: [],
      afterEdits: [],
      again: [],
      never: [],
    };
    let trackedBytes = 0;
    let trackedFile: Uint8Array = new Uint8Array();
    let plainBytes = 0;
    let sections = 0;
    let weekSessions = 0;
    let differences = 0;
    for (let run = 0; run < RUNS; run++) {
      // A week of editing since the last export (after the second version, so it stays as it was).
      weekSessions += storeYearOfEdits(db, {
        seed: SEED * 1000 + run,
        days: 7,
        start: Date.parse('2014-04-07T09:00:00Z') + run * 7 * 86_400_000,
        soaId,
        frame,
        partnerDocs,
        coordinator,
        members,
      }).sessions;
      const rooms = directory.readSoaRooms(soaId);
      const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
      const tracked = async () =>
        (trackedBytes = (trackedFile = await exportChangesSince(directory, soaId, first.versionId, snapshot, OPTIONS))
          .byteLength);
      // Kept from the last run's exports (run 0 has nothing kept, so it is not counted).
      const afterEdits = await time(tracked);
      if (run > 0) rows.afterEdits!.push(afterEdits);
      rows.plain!.push(await time(async () => (plainBytes = (await exportSoaDocx(snapshot, OPTIONS)).byteLength)));
      rows.again!.push(await time(tracked));
      rows.now!.push(
        await time(() => {
          const stored = directory.readSoaRooms(soaId);
          assembleFromDocs(stored.frame, stored.partnerDocs);
        }),
      );
      rows.version!.push(
        await time(() => {
          const content = versions.read(soaId, second.versionId);
          assembleFromDocs(content.frame, content.partnerDocs);
        }),
      );
      forgetComparisons(db);
      forgetKeptExports();
      const again = trackedFile;
      rows.first!.push(await time(tracked));
      const firstFile = trackedFile;
      forgetComparisons(db);
      forgetKeptExports();
      directory.derived().forget();
      rows.never!.push(await time(tracked));
      // Afresh: no comparison kept in the process or the database (the version's document for the export date
      // stays kept, as it would for the CLI's next export). It leaves its checkpoint in the database, which the
      // next run's first export starts from after that run's week of edits.
      forgetComparisons(db);
      db.exec('DELETE FROM comparison_checkpoints');
      rows.compare!.push(
        await time(() => (sections = directory.compareVersion(soaId, first.versionId).comparison.sections.length)),
      );
      // Kept or not, in the process or the database, the file is the same.
      if (!Buffer.from(again).equals(firstFile) || !Buffer.from(again).equals(trackedFile)) differences++;
    }
    if (differences > 0) throw new Error(`In ${differences} runs exports made with and without what was kept differ.`);
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
    const ratio = (values: number[]) => median(values) / median(rows.plain!);
    console.log(
      `\nMedians of ${RUNS} runs (${sections} sections changed since the first version; ${weekSessions} editing sessions stored between exports, a week per run):\n`,
    );
    console.log('| measure | median | reference | ratio | goal |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| rebuild a version (read + assemble) | ${ms(rows.version!)} | ${ms(rows.now!)} (read the SOA now) | ${(median(rows.version!) / median(rows.now!)).toFixed(2)}x | at most 1 s: ${median(rows.version!) <= 1000 ? 'met' : 'NOT met'} |`,
    );
    console.log(
      `| comparison with the first version, worked out afresh | ${ms(rows.compare!)} | ${ms(rows.now!)} (read the SOA now) | ${(median(rows.compare!) / median(rows.now!)).toFixed(2)}x | at most 1 s: ${median(rows.compare!) <= 1000 ? 'met' : 'NOT met'} |`,
    );
    const plain = `${ms(rows.plain!)} (plain export, ${Math.round(plainBytes / 1024)} KB)`;
    console.log(
      `| tracked-changes export (${Math.round(trackedBytes / 1024)} KB), after a week of edits since the last | ${ms(rows.afterEdits!)} | ${plain} | ${ratio(rows.afterEdits!).toFixed(2)}x | at most 1.5x: ${ratio(rows.afterEdits!) <= 1.5 ? 'met' : 'NOT met'} |`,
    );
    console.log(
      `| tracked-changes export, again with nothing new | ${ms(rows.again!)} | ${plain} | ${ratio(rows.again!).toFixed(2)}x | (for information) |`,
    );
    console.log(
      `| tracked-changes export, first in a process (the CLI), the database kept from its last | ${ms(rows.first!)} | ${plain} | ${ratio(rows.first!).toFixed(2)}x | at most 1.5x: ${ratio(rows.first!) <= 1.5 ? 'met' : 'NOT met'} |`,
    );
    console.log(
      `| tracked-changes export, nothing kept anywhere (first ever for the version and date) | ${ms(rows.never!)} | ${plain} | ${ratio(rows.never!).toFixed(2)}x | (for information) |`,
    );
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

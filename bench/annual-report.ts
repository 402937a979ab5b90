/**
 * Benchmark of the Annual Report export (issue 18): the 100-page sample SOA with ten reporting years of
 * values, its Annual Report for the tenth year (read the rooms, assemble, judge every indicator, build 40-odd
 * native charts, pack, write the file) against the SOA export of the same rooms (the reference), alternately
 * in one run. Goals: at most 3 s and at most 1.5x the SOA export.
 *
 *   npx tsx bench/annual-report.ts [--runs 7] [--seed 1]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportSoaDocx } from '../shared/export';
import { exportAnnualReportDocx } from '../shared/export/annualReport';
import { assembleFromDocs, assembleProgress, FrameDocument, readProgressRooms, reportingYearOf } from '../shared/model';
import { generateSampleSoa } from '../shared/sample/generateSample';
import { median } from './lib/stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option('runs', 7);
const SEED = option('seed', 1);
const GENERATED_ON = '2023-09-30';

async function main(): Promise<void> {
  const sample = generateSampleSoa({ seed: SEED, progressYears: 10 });
  const year = reportingYearOf((new FrameDocument(sample.frame).read().meta.periodStart ?? 2013) + 9);
  const dir = mkdtempSync(join(tmpdir(), 'soa-bench-report-'));
  const soaTimes: number[] = [];
  const reportTimes: number[] = [];
  let soaBytes = 0;
  let reportBytes = 0;
  let charts = 0;
  try {
    // One warm-up of each, not counted: the first run loads and compiles the Word library.
    for (let run = -1; run < RUNS; run++) {
      let start = performance.now();
      const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
      const soa = await exportSoaDocx(snapshot, { scope: { kind: 'whole' }, generatedOn: GENERATED_ON });
      writeFileSync(join(dir, 'soa.docx'), soa);
      const soaElapsed = performance.now() - start;

      start = performance.now();
      const reportSnapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
      const progress = assembleProgress(
        new FrameDocument(sample.frame).read(),
        readProgressRooms(sample.frame, sample.partnerDocs),
      );
      const report = await exportAnnualReportDocx(reportSnapshot, progress, { year, generatedOn: GENERATED_ON });
      writeFileSync(join(dir, 'report.docx'), report);
      const reportElapsed = performance.now() - start;
      if (run < 0) {
        charts = reportSnapshot.outcomes.reduce((sum, outcome) => sum + outcome.indicators.length, 0);
        continue;
      }
      soaTimes.push(soaElapsed);
      reportTimes.push(reportElapsed);
      soaBytes = soa.byteLength;
      reportBytes = report.byteLength;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const soaMedian = median(soaTimes);
  const reportMedian = median(reportTimes);
  const ratio = reportMedian / soaMedian;
  console.log(
    `Annual Report benchmark: sample seed ${SEED}, ten years of values, report for ${year} (${charts} indicator charts), ${RUNS} runs each, alternating`,
  );
  console.log('');
  console.log('| export | median | runs (ms) | size |');
  console.log('|---|---:|---|---:|');
  console.log(
    `| SOA (reference) | ${Math.round(soaMedian)} ms | ${soaTimes.map(Math.round).join(', ')} | ${Math.round(soaBytes / 1024)} KB |`,
  );
  console.log(
    `| Annual Report | ${Math.round(reportMedian)} ms | ${reportTimes.map(Math.round).join(', ')} | ${Math.round(reportBytes / 1024)} KB |`,
  );
  console.log('');
  console.log(
    `Ratio (Annual Report / SOA export): ${ratio.toFixed(2)}x (goal: at most 1.5x). Annual Report median: ${(reportMedian / 1000).toFixed(2)} s (goal: at most 3 s).`,
  );
  console.log(`${reportMedian <= 3000 && ratio <= 1.5 ? 'Both goals met.' : 'A goal is NOT met.'}`);
}

await main();

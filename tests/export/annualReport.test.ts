/**
 * The Annual Report (issue 18): the demo's report for 2016/17 opens in LibreOffice, holds native Word charts
 * (word/charts/chart*.xml) whose cached figures are the values recorded for that indicator, lists every
 * indicator once in its summary table, and is the same bytes when exported twice on one date. Some pages
 * are saved as images under test-artifacts/export/ for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAnnualReportDocx } from '../../shared/export/annualReport';
import {
  assembleFromDocs,
  assembleProgress,
  FrameDocument,
  readProgressRooms,
  startYearOf,
  type ProgressSnapshot,
  type ReportingYear,
  type SoaSnapshot,
} from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { tempDir } from '../support/tempDirs';
import { RELAY_BIN } from '../support/relayProcess';
import { convertToPdf, pdfShows, savePageImages, searchable, type PdfResult } from './docxParts';

const YEAR = '2016/17' as ReportingYear;
const OPTIONS = { year: YEAR, generatedOn: '2017-09-30' };

const unescape = (xml: string) =>
  xml
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

interface ChartPart {
  readonly title: string;
  /** The cached values of each series, by series name: index -> value. */
  readonly series: ReadonlyMap<string, ReadonlyMap<number, number>>;
  readonly categories: readonly string[];
}

function readChart(xml: string): ChartPart {
  const title = unescape(
    [...(/<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)]
      .map((match) => match[1])
      .join(''),
  );
  const series = new Map<string, Map<number, number>>();
  let categories: string[] = [];
  for (const [, body = ''] of xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
    const name = unescape(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(body)?.[1] ?? '');
    const values = new Map<number, number>();
    const numbers = /<c:val>([\s\S]*?)<\/c:val>/.exec(body)?.[1] ?? '';
    for (const [, index, value] of numbers.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g))
      values.set(Number(index), Number(value));
    series.set(name, values);
    categories = [...(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(body)?.[1] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map(
      (match) => unescape(match[1] ?? ''),
    );
  }
  return { title, series, categories };
}

describe('the Annual Report of the demo', () => {
  let snapshot: SoaSnapshot;
  let progress: ProgressSnapshot;
  let bytes: Uint8Array;
  let pdf: PdfResult;

  beforeAll(async () => {
    const sample = generateSampleSoa({ seed: 1 });
    snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    progress = assembleProgress(
      new FrameDocument(sample.frame).read(),
      readProgressRooms(sample.frame, sample.partnerDocs),
    );
    bytes = await exportAnnualReportDocx(snapshot, progress, OPTIONS);
    pdf = await convertToPdf(bytes, 'annual-report');
    const pages = pdf.text.split('\f');
    const pageWith = (text: string) => pages.findIndex((page) => searchable(page).includes(text)) + 1;
    await savePageImages(
      pdf.pdfPath,
      'annual-report',
      [
        1,
        pageWith('Every indicator at a glance'),
        pageWith('Outcome 1:') + 1,
        pageWith('What the partners did'),
      ].filter((page, index, all) => page > 0 && all.indexOf(page) === index),
    );
  }, 240_000);

  it('opens in LibreOffice as a report of plausible length, with its summary and every outcome', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(15);
    expect(pdfShows(pdf.text, `Annual Report ${YEAR}`)).toBe(true);
    expect(pdfShows(pdf.text, 'Every indicator at a glance')).toBe(true);
    expect(pdfShows(pdf.text, 'indicators of how life in')).toBe(true);
    for (const outcome of snapshot.outcomes)
      expect(pdfShows(pdf.text, `Outcome ${outcome.number}: ${outcome.title}`), outcome.title).toBe(true);
  });

  it('has a native chart per indicator whose cached values are the baseline and the values recorded', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const chartNames = Object.keys(zip.files).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    const indicators = snapshot.outcomes.flatMap((outcome) => outcome.indicators);
    expect(chartNames.length).toBe(indicators.length);
    const contentTypes = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
    expect(contentTypes).toContain('drawingml.chart+xml');
    const charts = await Promise.all(
      chartNames.map(async (name) => readChart((await zip.file(name)?.async('string')) ?? '')),
    );
    let compared = 0;
    for (const indicator of indicators) {
      const chart = charts.find((candidate) => candidate.title === indicator.displayName);
      expect(chart, indicator.displayName).toBeDefined();
      const recorded = chart?.series.get('Recorded value');
      expect(recorded?.get(0)).toBe(indicator.baselineValue);
      for (const entry of progress.indicators.get(indicator.id)?.years ?? []) {
        if (startYearOf(entry.year) > startYearOf(YEAR)) continue;
        const index = chart?.categories.indexOf(entry.year) ?? -1;
        expect(index, `${indicator.displayName} ${entry.year}`).toBeGreaterThan(0);
        expect(recorded?.get(index), `${indicator.displayName} ${entry.year}`).toBe(entry.records[0]?.value.value);
        compared++;
      }
      // A year with no value is a gap, not a zero.
      for (const [index, category] of (chart?.categories ?? []).entries()) {
        if (index > 0 && !progress.indicators.get(indicator.id)?.years.some((entry) => entry.year === category))
          expect(recorded?.has(index)).toBe(false);
      }
    }
    expect(compared).toBeGreaterThan(indicators.length * 3);
  });

  it('lists every indicator once in the summary table, with its status in words', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const table = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?Every indicator and its status[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) =>
        unescape((cell[1] ?? '').replace(/<[^>]+>/g, '')),
      ),
    );
    const names = rows.slice(1).map((row) => row[1]);
    const indicators = snapshot.outcomes.flatMap((outcome) =>
      outcome.indicators.map((indicator) => indicator.displayName),
    );
    expect(names.sort()).toEqual([...indicators].sort());
    expect(new Set(rows.slice(1).map((row) => row[5]))).toEqual(expect.any(Set));
    for (const row of rows.slice(1))
      expect([
        'On track',
        'Some way to go',
        'Off track',
        'No data',
        'Target not a number',
        'Direction not set',
        'Values conflict',
      ]).toContain(row[5]);
  });

  it('is the same bytes when exported twice on one date', async () => {
    // Past the two-second resolution of zip times, so a time stamped at export would show.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const again = await exportAnnualReportDocx(snapshot, progress, OPTIONS);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('soa-relay report', () => {
  const dir = tempDir('soa-relay-test-');
  const db = path.join(dir, 'report.db');
  const run = (...args: string[]) => spawnSync(process.execPath, [RELAY_BIN, ...args], { encoding: 'utf8' });
  let soaId = '';
  beforeAll(() => {
    const demo = run('demo', '--db', db, '--json');
    expect(demo.status, demo.stderr).toBe(0);
    soaId = (JSON.parse(demo.stdout) as { soaId: string }).soaId;
  }, 120_000);

  it('writes the demo\u2019s report for a year from the database, and says what it found', () => {
    const out = path.join(dir, 'report.docx');
    const result = run('report', '--db', db, '--soa', soaId, '--year', '2015-16', '--out', out, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout) as {
      out: string;
      bytes: number;
      year: string;
      indicators: number;
      onTrack: number;
      offTrack: number;
    };
    expect(body).toMatchObject({ out, year: '2015/16' });
    expect(body.indicators).toBeGreaterThan(30);
    expect(body.onTrack).toBeGreaterThan(0);
    expect(fs.statSync(out).size).toBe(body.bytes);
  });

  it('refuses a year that is not one, and a wrong file type, in one line each', () => {
    const badYear = run('report', '--db', db, '--soa', soaId, '--year', '2015/17', '--out', path.join(dir, 'x.docx'));
    expect(badYear.status).not.toBe(0);
    expect(badYear.stderr).toMatch(/"2015\/17" is not a reporting year; write it as 2014\/15/);
    const badOut = run('report', '--db', db, '--soa', soaId, '--year', '2015/16', '--out', path.join(dir, 'x.pdf'));
    expect(badOut.status).not.toBe(0);
    expect(badOut.stderr).toMatch(/must end in \.docx/);
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrameDocument } from '../model/frame';
import { asId, type PartnerId, type SoaId } from '../model/ids';
import { assembleProgress, valueFor } from '../model/progress';
import { readProgressRooms } from '../model/readProgress';
import type { ReportingYear } from '../model/reportingYear';
import { CsvUnreadableError, readCsv } from './csvTable';
import { CPOP_INDICATORS } from '../reference';
import {
  applyImport,
  guessMapping,
  headerSignature,
  ImportHasProblemsError,
  planImport,
  type ColumnMapping,
} from './valuesImport';

const council = asId<PartnerId>('council');
const health = asId<PartnerId>('health');

function setUp() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Glenmore SOA',
    area: 'Glenmore',
    partnershipName: 'Glenmore CPP',
    framework: 'npf-2011',
    periodStart: 2013,
    periodEnd: 2023,
  });
  frame.addPartner({ id: council, name: 'Glenmore Council', kind: 'council' });
  frame.addPartner({ id: health, name: 'NHS Glenmore', kind: 'health-board' });
  const outcome = frame.addOutcome({ title: 'Thriving economy' });
  const claimants = frame.addIndicator(outcome, {
    name: 'Out-of-work benefit claimants',
    baselineValueText: '12.1%',
    baselineYearText: '2012',
    target1Text: '11.5%',
    target3Text: '10.5%',
    target10Text: '8%',
    higherIsBetter: false,
    leadPartnerId: council,
  });
  const spend = frame.addIndicator(outcome, {
    name: 'Visitor spend',
    catalogueId: null,
    baselineValueText: '£88m',
    baselineYearText: '2012',
    target1Text: '£90m',
    target3Text: '£95m',
    target10Text: '£110m',
    higherIsBetter: true,
    leadPartnerId: council,
  });
  const smoking = frame.addIndicator(outcome, {
    name: 'Smoking prevalence',
    baselineValueText: '24%',
    baselineYearText: '2012',
    target1Text: '23%',
    target3Text: '21%',
    target10Text: '15%',
    higherIsBetter: false,
    leadPartnerId: health,
  });
  const partnerDocs = new Map<PartnerId, Y.Doc>([
    [council, new Y.Doc()],
    [health, new Y.Doc()],
  ]);
  const progress = () => assembleProgress(frame.read(), readProgressRooms(frameDoc, partnerDocs));
  const context = () => ({
    frame: frame.read(),
    progress: progress(),
    importer: { kind: 'partner', partnerId: council } as const,
    area: 'Glenmore',
    defaultSource: 'CPOP download',
  });
  return {
    frame,
    partnerDocs,
    progress,
    context,
    claimants,
    spend,
    smoking,
    councilRoom: partnerDocs.get(council) as Y.Doc,
  };
}

// A CPOP-style export: several councils, the columns in its own order, figures as UK officers write them.
const CPOP = [
  'Council,Year,Measure,Value,Data source',
  'Glenmore,2013/14,Out-of-work benefit claimants,11.8%,DWP',
  'Kinross,2013/14,Out-of-work benefit claimants,9.0%,DWP',
  'Glenmore,2014-15,Out-of-work benefit claimants,11.2,DWP',
  'glenmore ,2013/14,Visitor spend,"£91,500,000",STEAM',
  'Glenmore,2014/15,Visitor spend,£93.2m,STEAM',
  'Glenmore,2014/15,Visitor spend,"£93,200,000",STEAM',
  'Glenmore,2014/15,Adults who volunteer,27%,SHS',
  '',
].join('\r\n');

const MAPPING: ColumnMapping = { area: 0, year: 1, indicator: 2, value: 3, source: 4 };

describe('importing indicator values from a CSV file', () => {
  it('proposes a column mapping from the header row, whatever order the columns are in', () => {
    const table = readCsv(CPOP);
    expect(guessMapping(table.headers)).toEqual({ indicator: 2, area: 0, year: 1, value: 3, source: 4 });
    expect(guessMapping(['Indicator', 'Local Authority', 'Financial year', 'Figure'])).toEqual({
      indicator: 0,
      area: 1,
      year: 2,
      value: 3,
      source: null,
    });
    expect(headerSignature([' Council', 'YEAR '])).toBe(headerSignature(['council', 'year']));
  });

  it('previews UK number formats, other areas skipped and unknown indicators listed, changing nothing until applied', () => {
    const { context, progress, claimants, spend, councilRoom } = setUp();
    const plan = planImport(readCsv(CPOP), MAPPING, context());
    expect(plan.problems).toEqual([]);
    expect(plan.otherAreaRows).toBe(1);
    expect(plan.unknownIndicators).toEqual([{ name: 'Adults who volunteer', rows: 1 }]);
    expect(plan.values.map((value) => [value.line, value.indicatorName, value.year, value.value, value.kind])).toEqual([
      [2, 'Out-of-work benefit claimants', '2013/14', '11.8%', 'new'],
      [4, 'Out-of-work benefit claimants', '2014/15', '11.2', 'new'],
      [5, 'Visitor spend', '2013/14', '£91,500,000', 'new'],
      [6, 'Visitor spend', '2014/15', '£93.2m', 'new'],
    ]);
    // The preview wrote nothing.
    expect(councilRoom.getMap('progressValues').size).toBe(0);

    expect(applyImport(councilRoom, plan)).toEqual({ added: 4, changed: 0 });
    const after = progress();
    expect(valueFor(after, spend, '2013/14' as ReportingYear)?.value.value).toBe(91_500_000);
    expect(valueFor(after, spend, '2014/15' as ReportingYear)?.value.value).toBe(93_200_000);
    expect(valueFor(after, claimants, '2014/15' as ReportingYear)).toMatchObject({
      value: { text: '11.2', value: 11.2 },
      source: 'DWP',
    });

    // The same file again changes nothing; a corrected figure is a change beside the value it replaces.
    const again = planImport(readCsv(CPOP.replace('11.8%', '11.9%')), MAPPING, context());
    expect(again.values.map((value) => [value.kind, value.previous])).toEqual([
      ['change', '11.8%'],
      ['same', '11.2'],
      ['same', '£91,500,000'],
      ['same', '£93.2m'],
    ]);
    expect(applyImport(councilRoom, again)).toEqual({ added: 0, changed: 1 });
    expect(valueFor(progress(), claimants, '2013/14' as ReportingYear)?.value.text).toBe('11.9%');
  });

  it('lists bad rows with their line numbers and applies nothing while any remain', () => {
    const { context, councilRoom } = setUp();
    const file = [
      'Indicator,Year,Value',
      'Out-of-work benefit claimants,2013/14,11.8%',
      '"Out-of-work benefit claimants",2014/16,11.0%',
      '',
      'Visitor spend,2013/14,rising',
      'Visitor spend,2014/15,',
      'Smoking prevalence,2013/14,22%',
      ',2013/14,5',
      '"Visitor spend",2015/16,"£95,000,000"',
      'Visitor spend,2015,£96m',
    ].join('\n');
    const plan = planImport(readCsv(file), { indicator: 0, year: 1, value: 2, area: null, source: null }, context());
    expect(plan.problems).toEqual([
      { line: 3, message: '"Out-of-work benefit claimants": "2014/16" is not a reporting year; write it as 2014/15.' },
      { line: 5, message: '"Visitor spend" 2013/14: "rising" is not a number (write 1,234.5 or 12.5%).' },
      { line: 6, message: '"Visitor spend" 2014/15: the value is empty.' },
      { line: 7, message: '"Smoking prevalence": you do not record its values; NHS Glenmore does.' },
      { line: 8, message: 'The indicator cell is empty.' },
      { line: 10, message: '"Visitor spend" 2015/16: the file gives two values (£95,000,000 on line 9, £96m here).' },
    ]);
    expect(() => applyImport(councilRoom, plan)).toThrow(ImportHasProblemsError);
    expect(councilRoom.getMap('progressValues').size).toBe(0);
  });

  it('refuses a value for an indicator the importer does not lead, even when it is the only row', () => {
    const { context, councilRoom } = setUp();
    const plan = planImport(
      readCsv('Indicator,Year,Value\nSmoking prevalence,2014/15,21.5%\n'),
      { indicator: 0, year: 1, value: 2, area: null, source: null },
      context(),
    );
    expect(plan.values).toEqual([]);
    expect(plan.problems).toEqual([
      { line: 2, message: '"Smoking prevalence": you do not record its values; NHS Glenmore does.' },
    ]);
    expect(() => applyImport(councilRoom, plan)).toThrow(/nothing was imported/);
    expect(councilRoom.getMap('progressValues').size).toBe(0);
  });

  it('reads quoted cells with commas and line breaks, a byte-order mark and semicolons, with the lines as the file has them', () => {
    const table = readCsv(
      '\uFEFFIndicator;Year;Value;Note\n"Visitor spend";2013/14;"£91,5m";"two\nlines"\nVisitor spend;2014/15;92;x\n',
    );
    expect(table.headers).toEqual(['Indicator', 'Year', 'Value', 'Note']);
    expect(table.rows.map((row) => [row.line, row.cells[3]])).toEqual([
      [2, 'two\nlines'],
      [4, 'x'],
    ]);
    expect(() => readCsv('')).toThrow(CsvUnreadableError);
  });

  it('reports an unclosed quote with its line and applies nothing', () => {
    const { context, councilRoom } = setUp();
    const plan = planImport(
      readCsv('Indicator,Year,Value\nVisitor spend,2013/14,91\nVisitor spend,2014/15,"92\n'),
      { indicator: 0, year: 1, value: 2, area: null, source: null },
      context(),
    );
    expect(plan.problems.map((problem) => problem.line)).toContain(3);
    expect(() => applyImport(councilRoom, plan)).toThrow(ImportHasProblemsError);
    expect(councilRoom.getMap('progressValues').size).toBe(0);
  });

  it('finds an indicator from the catalogue by the catalogue\u2019s name when the SOA leaves its own name blank', () => {
    const { frame, context } = setUp();
    const catalogue = CPOP_INDICATORS[0];
    if (!catalogue) throw new Error('no catalogue');
    const outcome = frame.read().outcomes[0]?.id;
    if (!outcome) throw new Error('no outcome');
    frame.addIndicator(outcome, {
      name: '',
      catalogueId: catalogue.id,
      baselineValueText: '50',
      baselineYearText: '2012',
      target1Text: '51',
      target3Text: '53',
      target10Text: '60',
      higherIsBetter: true,
      leadPartnerId: council,
    });
    // A local variant of the same catalogue entry, led by another partner, does not capture its name.
    frame.addIndicator(outcome, {
      name: `${catalogue.name} in the most deprived quintile`,
      catalogueId: catalogue.id,
      baselineValueText: '40',
      baselineYearText: '2012',
      target1Text: '41',
      target3Text: '43',
      target10Text: '50',
      higherIsBetter: true,
      leadPartnerId: health,
    });
    const plan = planImport(
      readCsv(`Indicator,Year,Value\n"${catalogue.name}",2013/14,52\n`),
      { indicator: 0, year: 1, value: 2, area: null, source: null },
      context(),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.values.map((value) => [value.indicatorName, value.value])).toEqual([[catalogue.name, '52']]);
  });
});

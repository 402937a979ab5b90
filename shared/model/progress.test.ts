import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrameDocument } from './frame';
import { asId, type CommitmentId, type IndicatorId, type OutcomeId, type PartnerId, type SoaId } from './ids';
import { TextTooLongError } from './limits';
import { assembleProgress, indicatorStatus, latestReportedYear, valueFor } from './progress';
import { ProgressRoom, type ValueRecordId } from './progressRoom';
import { readProgressRooms } from './readProgress';
import {
  parseReportingYear,
  reportingYearOf,
  reportingYearOfDate,
  reportingYearsOfPeriod,
  type ReportingYear,
} from './reportingYear';
import { paragraph } from './richText';

const council = asId<PartnerId>('council');
const police = asId<PartnerId>('police');
const y = (typed: string) => parseReportingYear(typed) as ReportingYear;

/** A frame with two partners, one outcome, an indicator the council leads and one the partnership leads. */
function setUp() {
  const frameDoc = new Y.Doc();
  const frame = new FrameDocument(frameDoc);
  frame.initialise({
    soaId: asId<SoaId>('soa1'),
    title: 'Test SOA',
    area: 'Glenmore',
    partnershipName: 'Glenmore CPP',
    framework: 'npf-2011',
    periodStart: 2013,
    periodEnd: 2023,
  });
  frame.addPartner({ id: council, name: 'Glenmore Council', kind: 'council' });
  frame.addPartner({ id: police, name: 'Police Scotland', kind: 'police' });
  const outcome = frame.addOutcome({ title: 'Safer communities', leadPartnerId: council });
  const councilLed = frame.addIndicator(outcome, {
    name: 'Positive destinations',
    baselineValueText: '88%',
    baselineYearText: '2012',
    target1Text: '89%',
    target3Text: '91%',
    target10Text: '95%',
    higherIsBetter: true,
    leadPartnerId: council,
  });
  const partnershipLed = frame.addIndicator(outcome, {
    name: 'Feeling safe',
    baselineValueText: '70',
    baselineYearText: '2011/12',
    target1Text: '72',
    target3Text: 'Increase',
    target10Text: '80',
    higherIsBetter: true,
    leadPartnerId: null,
  });
  const partnerDocs = new Map<PartnerId, Y.Doc>([
    [council, new Y.Doc()],
    [police, new Y.Doc()],
  ]);
  const read = () => assembleProgress(frame.read(), readProgressRooms(frameDoc, partnerDocs));
  return {
    frame,
    frameDoc,
    partnerDocs,
    outcome,
    councilLed,
    partnershipLed,
    read,
    room: (id: PartnerId) => new ProgressRoom(partnerDocs.get(id) as Y.Doc),
  };
}

describe('reporting years', () => {
  it('reads the ways officers write them into one form, and refuses what is not one', () => {
    for (const typed of ['2014/15', '2014-15', '2014/2015', '2014 to 2015', ' 2014–15 ', '2014'])
      expect(parseReportingYear(typed)).toBe('2014/15');
    expect(parseReportingYear('1999/00')).toBe('1999/00');
    for (const typed of ['2014/16', '14/15', 'next year', '', '2014/15/16', '3014/15'])
      expect(parseReportingYear(typed)).toBeNull();
    expect(reportingYearOfDate('2015-03-31')).toBe('2014/15');
    expect(reportingYearOfDate('2015-04-01')).toBe('2015/16');
    expect(reportingYearsOfPeriod(2013, 2023)).toHaveLength(10);
    expect(reportingYearsOfPeriod(2013, 2023)[9]).toBe('2022/23');
  });
});

describe('values recorded by whoever leads the indicator', () => {
  it('keeps each value as typed with the number read, its source, date published and note', () => {
    const { room, councilLed, read } = setUp();
    room(council).addValue({
      indicatorId: councilLed,
      year: y('2013/14'),
      value: ' 89.5% ',
      source: 'Scottish Government school leaver destinations',
      published: '2014-06-17',
      note: 'Initial destinations',
    });
    const progress = read();
    const value = valueFor(progress, councilLed, y('2013/14'));
    expect(value).toMatchObject({
      value: { text: '89.5%', value: 89.5, reading: 'number' },
      source: 'Scottish Government school leaver destinations',
      published: '2014-06-17',
      note: 'Initial destinations',
    });
    expect(progress.indicators.get(councilLed)?.recordedBy).toEqual({ kind: 'partner', partnerId: council });
    expect(latestReportedYear(progress)).toBe('2013/14');
  });

  it('keeps a value in words, with no number', () => {
    const { room, councilLed, read } = setUp();
    room(council).addValue({ indicatorId: councilLed, year: y('2014/15'), value: 'Not published until 2016' });
    expect(valueFor(read(), councilLed, y('2014/15'))?.value).toEqual({
      text: 'Not published until 2016',
      value: null,
      reading: 'text',
    });
  });

  it('ignores a value a partner records for an indicator it does not lead, and lists it for tidying', () => {
    const { room, councilLed, partnershipLed, read } = setUp();
    room(police).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '10%' });
    room(police).addValue({ indicatorId: partnershipLed, year: y('2013/14'), value: '99' });
    room(police).addValue({ indicatorId: asId<IndicatorId>('gone'), year: y('2013/14'), value: '1' });
    const progress = read();
    expect(progress.indicators.get(councilLed)?.years).toEqual([]);
    expect(progress.indicators.get(partnershipLed)?.years).toEqual([]);
    expect(progress.ignored.map((entry) => [entry.owner, entry.reason])).toEqual([
      [{ kind: 'partner', partnerId: police }, 'not-lead'],
      [{ kind: 'partner', partnerId: police }, 'not-lead'],
      [{ kind: 'partner', partnerId: police }, 'unknown-indicator'],
    ]);
  });

  it('takes the coordinators\u2019 values for an indicator the partnership leads, and only theirs', () => {
    const { frameDoc, room, councilLed, partnershipLed, read } = setUp();
    new ProgressRoom(frameDoc).addValue({ indicatorId: partnershipLed, year: y('2013/14'), value: '73' });
    new ProgressRoom(frameDoc).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '90%' });
    room(council).addValue({ indicatorId: partnershipLed, year: y('2014/15'), value: '50' });
    const progress = read();
    expect(progress.indicators.get(partnershipLed)?.years.map((entry) => entry.year)).toEqual(['2013/14']);
    expect(progress.indicators.get(councilLed)?.years).toEqual([]);
    expect(progress.ignored).toHaveLength(2);
  });

  it('follows the lead: when the coordinators give the indicator to another partner, the old lead\u2019s values stop counting', () => {
    const { frame, room, councilLed, read } = setUp();
    room(council).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '90%' });
    room(police).addValue({ indicatorId: councilLed, year: y('2014/15'), value: '91%' });
    expect(
      read()
        .indicators.get(councilLed)
        ?.years.map((entry) => entry.year),
    ).toEqual(['2013/14']);
    frame.updateIndicator(councilLed, { leadPartnerId: police });
    expect(
      read()
        .indicators.get(councilLed)
        ?.years.map((entry) => entry.year),
    ).toEqual(['2014/15']);
  });

  it('shows two values entered offline for the same indicator and year as a conflict, never picking one', () => {
    const { partnerDocs, councilLed, read, frame } = setUp();
    const first = new Y.Doc();
    const second = new Y.Doc();
    new ProgressRoom(first).addValue({ indicatorId: councilLed, year: y('2014/15'), value: '90%' });
    new ProgressRoom(second).addValue({ indicatorId: councilLed, year: y('2014-15'), value: '92%' });
    const shared = partnerDocs.get(council) as Y.Doc;
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(first));
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(second));
    const progress = read();
    const year = progress.indicators.get(councilLed)?.years[0];
    expect(year?.conflict).toBe(true);
    expect(year?.records.map((record) => record.value.text).sort()).toEqual(['90%', '92%']);
    expect(valueFor(progress, councilLed, y('2014/15'))).toBeNull();
    const indicator = frame.read().indicators.find((candidate) => candidate.id === councilLed);
    if (!indicator) throw new Error('indicator missing');
    expect(indicatorStatus(indicator, progress, y('2014/15')).state).toBe('conflict');
    // Resolving: the council deletes the wrong one.
    const wrong = year?.records.find((record) => record.value.text === '92%');
    new ProgressRoom(shared).deleteValue(wrong?.id as ValueRecordId);
    expect(indicatorStatus(indicator, read(), y('2014/15')).state).toBe('on-track');
  });

  it('never crashes on junk written into the progress maps, and reads what is well formed beside it', () => {
    const { partnerDocs, councilLed, read } = setUp();
    const doc = partnerDocs.get(council) as Y.Doc;
    const values = doc.getMap('progressValues');
    values.set('plain', 'not a map');
    const badYear = new Y.Map<unknown>();
    values.set('badyear', badYear);
    badYear.set('indicatorId', councilLed);
    badYear.set('year', '2014/16');
    const odd = new Y.Map<unknown>();
    values.set('oddvalue', odd);
    odd.set('indicatorId', councilLed);
    odd.set('year', '2015/16');
    odd.set('value', { nested: true });
    odd.set('published', 'yesterday');
    doc.getMap('progressCommitments').set('c1.2014', 'done');
    doc.getMap('progressCommitments').set('c1.2015', { state: 'finished' });
    doc.getMap('progressNarratives').set('twenty.x', true);
    const progress = read();
    expect(
      progress.indicators
        .get(councilLed)
        ?.years.map((entry) => [entry.year, entry.records[0]?.value.reading, entry.records[0]?.published]),
    ).toEqual([['2015/16', 'blank', null]]);
    expect(progress.commitments.size).toBe(0);
  });

  it('refuses a value over the limit or a date that is not one, writing nothing', () => {
    const { room, councilLed, read } = setUp();
    expect(() =>
      room(council).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '9'.repeat(201) }),
    ).toThrow(TextTooLongError);
    expect(() =>
      room(council).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '9', published: '31/02/2014' }),
    ).toThrow(/not a date/);
    expect(read().indicators.get(councilLed)?.years).toEqual([]);
  });

  it('edits a recorded value in place', () => {
    const { room, councilLed, read } = setUp();
    const id = room(council).addValue({ indicatorId: councilLed, year: y('2013/14'), value: '80%' });
    room(council).updateValue(id, { value: '89%', note: 'Corrected after follow-up' });
    expect(valueFor(read(), councilLed, y('2013/14'))).toMatchObject({
      value: { value: 89 },
      note: 'Corrected after follow-up',
    });
  });
});

describe('commitments and narrative per year', () => {
  it('keeps each partner\u2019s marks of its commitments per year, and its "what we did" per outcome', () => {
    const { room, outcome, read } = setUp();
    const commitment = asId<CommitmentId>('c1');
    room(police).setCommitmentProgress(commitment, y('2013/14'), {
      state: 'on-track',
      note: 'Two of three patrols running',
    });
    room(police).setCommitmentProgress(commitment, y('2014/15'), { state: 'done', note: '' });
    room(police).setNarrative(y('2013/14'), outcome as OutcomeId, [paragraph('We opened the community hub.')]);
    const progress = read();
    expect(progress.commitments.get(commitment)?.map((mark) => [mark.year, mark.state, mark.note])).toEqual([
      ['2013/14', 'on-track', 'Two of three patrols running'],
      ['2014/15', 'done', ''],
    ]);
    expect(progress.narratives.get(police)).toEqual([
      { year: '2013/14', outcomeId: outcome, text: [paragraph('We opened the community hub.')] },
    ]);
    room(police).setCommitmentProgress(commitment, y('2014/15'), null);
    expect(read().commitments.get(commitment)).toHaveLength(1);
  });

  it('keeps the coordinators\u2019 summary, engagement and equalities texts per year', () => {
    const { frameDoc, read } = setUp();
    new ProgressRoom(frameDoc).setYearText(reportingYearOf(2014), 'summary', [paragraph('A good year.')]);
    expect(read().yearTexts).toEqual([{ year: '2014/15', key: 'summary', text: [paragraph('A good year.')] }]);
  });

  it('reads a narrative typed into its fragment in the editor, which writes no index, and opening one writes nothing', () => {
    const { room, outcome, read, partnerDocs } = setUp();
    const doc = partnerDocs.get(police) as Y.Doc;
    let updates = 0;
    doc.on('update', () => updates++);
    const fragment = room(police).narrativeFragment(y('2014/15'), outcome as OutcomeId);
    expect(updates).toBe(0);
    // What the editor binding does: write into the fragment itself.
    doc.transact(() => fragment.insert(0, [new Y.XmlElement('paragraph')]));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(new ProgressRoom(other).readNarratives().map((entry) => [entry.year, entry.outcomeId])).toEqual([
      ['2014/15', outcome],
    ]);
    expect(
      read()
        .narratives.get(police)
        ?.map((entry) => entry.year),
    ).toEqual(['2014/15']);
  });
});

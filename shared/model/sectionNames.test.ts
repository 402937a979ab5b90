import { describe, expect, it } from 'vitest';
import { generateSampleSoa } from '../sample/generateSample';
import { FrameDocument } from './frame';
import { sectionGroup, sectionName } from './sectionNames';

describe('sectionName', () => {
  const titles = new Map([['out1', 'Healthier lives']]);
  it('names frame sections, narratives by their titles, and contributions by their outcome', () => {
    expect(sectionName('meta', true, titles)).toBe('SOA details');
    expect(sectionName('narrative.understandingOfPlace', true, titles)).toBe('narrative: Our place');
    expect(sectionName('meta', false, titles)).toBe('partner details');
    expect(sectionName('contribution.out1', false, titles)).toBe('contribution to "Healthier lives"');
    expect(sectionName('contribution.gone', false, titles)).toBe('contribution to a deleted outcome');
    expect(sectionName('somethingNew', false, titles)).toBe('somethingNew');
  });

  it('names the plain-text fields by the part they belong to', () => {
    expect(sectionName('text.meta.title', true, titles)).toBe('SOA details');
    expect(sectionName('text.outcome.out1.gapNote', true, titles)).toBe('local outcomes');
    expect(sectionName('text.indicator.i1.name', true, titles)).toBe('indicators');
    expect(sectionName('text.contributionNote.out1', false, titles)).toBe('notes on gaps for "Healthier lives"');
    expect(sectionName('text.commitment.c1.action', false, titles)).toBe('commitments');
  });

  it('names the total resources and what happened year by year', () => {
    expect(sectionName('totalResources', false, titles)).toBe('total resources');
    expect(sectionName('text.totalResources.basis', false, titles)).toBe('total resources');
    expect(sectionName('progressValues', true, titles)).toBe('indicator values');
    expect(sectionName('progressValues', false, titles)).toBe('indicator values');
    expect(sectionName('progressCommitments', false, titles)).toBe('progress on commitments');
    expect(sectionName('progress.narrative.2014.out1', false, titles)).toBe(
      'what the partners did in 2014/15 for "Healthier lives"',
    );
    expect(sectionName('progress.narrative.2014.gone', false, titles)).toBe('what the partners did in 2014/15');
    expect(sectionName('progress.yearText.2015.summary', true, titles)).toBe(
      'the annual report for 2015/16: summary of the year',
    );
  });

  it('groups names under the part of the SOA they belong to', () => {
    expect(sectionGroup(sectionName('meta', true, titles))).toBe('The SOA, its outcomes and indicators');
    expect(sectionGroup(sectionName('narrative.understandingOfPlace', true, titles))).toBe('Narrative');
    expect(sectionGroup(sectionName('contribution.out1', false, titles))).toBe('Partners’ contributions');
    expect(sectionGroup(sectionName('text.contributionNote.out1', false, titles))).toBe('Partners’ contributions');
    expect(sectionGroup(sectionName('progressValues', true, titles))).toBe('Progress and annual reports');
    expect(sectionGroup(sectionName('progress.yearText.2015.summary', true, titles))).toBe(
      'Progress and annual reports',
    );
    expect(sectionGroup(sectionName('somethingNew', false, titles))).toBe('Other');
  });

  it('names every part of a whole SOA with its progress, none by the name the code gives it', () => {
    const sample = generateSampleSoa({ seed: 20261205, progressYears: 3 });
    const outcomeTitles = new Map(
      new FrameDocument(sample.frame).readOutcomes().map((outcome) => [outcome.id as string, outcome.title]),
    );
    const rooms = [
      { doc: sample.frame, inFrame: true },
      ...[...sample.partnerDocs.values()].map((doc) => ({ doc, inFrame: false })),
    ];
    const unnamed: string[] = [];
    const ungrouped: string[] = [];
    let roots = 0;
    for (const { doc, inFrame } of rooms) {
      for (const root of doc.share.keys()) {
        roots++;
        const name = sectionName(root, inFrame, outcomeTitles);
        // Words people read, outside the quoted titles: no camelCase, dotted path or id of the code's.
        const words = name.replace(/"[^"]*"/g, '""');
        if (/[a-z][A-Z]|\w\.\w|[A-Za-z0-9]{20,}/.test(words)) unnamed.push(`${root} -> ${name}`);
        if (sectionGroup(name) === 'Other') ungrouped.push(`${root} -> ${name}`);
      }
    }
    expect(roots).toBeGreaterThan(100);
    expect(unnamed).toEqual([]);
    // The history's filter groups every one of them under a part of the SOA.
    expect(ungrouped).toEqual([]);
  });
});

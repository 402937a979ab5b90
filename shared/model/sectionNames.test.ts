import { describe, expect, it } from 'vitest';
import { sectionName } from './sectionNames';

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
});

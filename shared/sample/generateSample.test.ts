import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  asId,
  assembleFromDocs,
  checkCompleteness,
  FrameDocument,
  isRichTextEmpty,
  NARRATIVE_KEYS,
  PartnerDocument,
  richTextToPlain,
  type PartnerId,
  type RichBlock,
  type RichText,
  type SoaId,
  type SoaSnapshot,
} from '../model';
import { POLICY_PRIORITY_IDS } from '../reference';
import { generateSampleSoa, type SampleSoa } from './generateSample';

function updatesOf(sample: SampleSoa): Uint8Array[] {
  return [
    Y.encodeStateAsUpdate(sample.frame),
    ...[...sample.partnerDocs.values()].map((doc) => Y.encodeStateAsUpdate(doc)),
  ];
}

function snapshotOf(sample: SampleSoa): SoaSnapshot {
  return assembleFromDocs(sample.frame, sample.partnerDocs);
}

/** Every rich-text field of the SOA, with where it lives. */
function allRichText(snapshot: SoaSnapshot): { where: string; text: RichText }[] {
  const fields: { where: string; text: RichText }[] = [];
  for (const key of NARRATIVE_KEYS) fields.push({ where: `narrative.${key}`, text: snapshot.narrative[key] });
  for (const outcome of snapshot.outcomes) {
    fields.push({ where: `outcome ${outcome.number} ten-year`, text: outcome.tenYearStatement });
    fields.push({ where: `outcome ${outcome.number} evidence`, text: outcome.evidence });
    for (const contribution of outcome.contributions)
      fields.push({ where: `${contribution.partner.name} on ${outcome.number}`, text: contribution.statement });
  }
  for (const partner of snapshot.partners) {
    fields.push({ where: `${partner.name} statement`, text: partner.statement });
    fields.push({ where: `${partner.name} gaps`, text: partner.gapNotes });
  }
  return fields;
}

function wordCount(snapshot: SoaSnapshot): number {
  return allRichText(snapshot).reduce(
    (sum, field) => sum + richTextToPlain(field.text).split(/\s+/).filter(Boolean).length,
    0,
  );
}

function paragraphsOf(blocks: readonly RichBlock[]): string[] {
  const found: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph')
      found.push(block.content.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join(''));
    else if (block.type === 'blockquote') found.push(...paragraphsOf(block.content));
  }
  return found;
}

describe('generateSampleSoa', () => {
  const sample = generateSampleSoa({ seed: 1 });
  const snapshot = snapshotOf(sample);

  it('is deterministic: the same seed gives byte-identical documents', () => {
    const again = generateSampleSoa({ seed: 1 });
    const first = updatesOf(sample);
    const second = updatesOf(again);
    expect(second.length).toBe(first.length);
    first.forEach((update, index) =>
      expect(Buffer.from(second[index] as Uint8Array).equals(Buffer.from(update))).toBe(true),
    );
    expect(again.soaId).toBe(sample.soaId);
    expect(again.partners).toEqual(sample.partners);
  });

  it('gives different content for different seeds', () => {
    const other = generateSampleSoa({ seed: 2 });
    expect(
      Buffer.from(Y.encodeStateAsUpdate(other.frame)).equals(Buffer.from(Y.encodeStateAsUpdate(sample.frame))),
    ).toBe(false);
    expect(other.soaId).not.toBe(sample.soaId);
    const otherText = richTextToPlain(snapshotOf(other).narrative.understandingOfPlace);
    expect(otherText).not.toBe(richTextToPlain(snapshot.narrative.understandingOfPlace));
  });

  it('uses the given soa id and partner ids in order', () => {
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((id) => asId<PartnerId>(id));
    const given = generateSampleSoa({ seed: 5, soaId: asId<SoaId>('demo'), partnerIds: ids });
    expect(given.soaId).toBe('demo');
    expect(given.partners.map((partner) => partner.id)).toEqual(ids);
    expect([...given.partnerDocs.keys()]).toEqual(ids);
    expect(new FrameDocument(given.frame).readMeta().soaId).toBe('demo');
    for (const id of ids) expect(new PartnerDocument(given.partnerDocs.get(id) as Y.Doc).read().partnerId).toBe(id);
    expect(snapshotOf(given).orphans).toEqual([]);
    expect(() => generateSampleSoa({ seed: 5, partnerIds: ids.slice(0, 3) })).toThrow(RangeError);
    // Seed 5 has seven partners of its own, so only the ids differ.
    const own = generateSampleSoa({ seed: 5, soaId: asId<SoaId>('demo') });
    expect(given.partners.map((partner) => partner.name)).toEqual(own.partners.map((partner) => partner.name));
    expect(richTextToPlain(snapshotOf(given).narrative.foreword)).toBe(
      richTextToPlain(snapshotOf(own).narrative.foreword),
    );
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i has the shape of a real SOA', (seed) => {
    const soa = seed === 1 ? sample : generateSampleSoa({ seed });
    const view = seed === 1 ? snapshot : snapshotOf(soa);
    expect(view.meta.framework).toBe('npf-2011');
    expect(soa.title).toBe(`${soa.area} Single Outcome Agreement 2013-2023`);
    expect(soa.partnershipName).toBe(`${soa.area} Community Planning Partnership`);

    expect(soa.partners.length).toBeGreaterThanOrEqual(6);
    expect(soa.partners.length).toBeLessThanOrEqual(7);
    const kinds = soa.partners.map((partner) => partner.kind);
    for (const kind of ['council', 'health-board', 'police', 'fire-and-rescue', 'third-sector-interface'] as const)
      expect(kinds).toContain(kind);
    expect(soa.partnerDocs.size).toBe(soa.partners.length);

    expect(view.outcomes.length).toBeGreaterThanOrEqual(6);
    expect(view.outcomes.length).toBeLessThanOrEqual(8);
    const priorities = new Set(view.outcomes.flatMap((outcome) => outcome.priorities.map((priority) => priority.id)));
    expect([...priorities].sort()).toEqual([...POLICY_PRIORITY_IDS].sort());
    expect(view.outcomes.some((outcome) => outcome.tags.includes('Fairer Scotland Fund'))).toBe(true);

    const indicators = view.outcomes.flatMap((outcome) => outcome.indicators);
    expect(indicators.length).toBeGreaterThanOrEqual(36);
    expect(indicators.length).toBeLessThanOrEqual(44);
    expect(indicators.filter((indicator) => indicator.catalogueId !== null).length).toBeGreaterThan(
      indicators.length / 2,
    );
    for (const indicator of indicators) {
      expect(indicator.displaySource).not.toBe('');
      expect(indicator.displayUnit).not.toBe('');
      if (indicator.catalogueId) expect(indicator.catalogue).not.toBeNull();
      else expect(indicator.source).not.toBe('');
      const { baselineValue: base, target1, target3, target10 } = indicator;
      expect([base, target1, target3, target10, indicator.baselineYear]).not.toContain(null);
      const sign = indicator.higherIsBetter ? 1 : -1;
      expect(sign * ((target1 as number) - (base as number))).toBeGreaterThanOrEqual(0);
      expect(sign * ((target3 as number) - (target1 as number))).toBeGreaterThanOrEqual(0);
      expect(sign * ((target10 as number) - (target3 as number))).toBeGreaterThan(0);
      expect(indicator.leadPartner).not.toBeNull();
    }

    for (const outcome of view.outcomes) {
      expect(outcome.nationalOutcomes.length).toBeGreaterThanOrEqual(1);
      expect(outcome.nationalOutcomes.length).toBeLessThanOrEqual(4);
      expect(outcome.leadPartner).not.toBeNull();
      expect(outcome.deliveringPartners.length).toBeGreaterThanOrEqual(3);
      expect(isRichTextEmpty(outcome.tenYearStatement)).toBe(false);
      expect(isRichTextEmpty(outcome.evidence)).toBe(false);
      for (const contribution of outcome.contributions) {
        expect(contribution.listed).toBe(true);
        expect(contribution.commitments.length).toBeGreaterThanOrEqual(2);
        expect(contribution.commitments.length).toBeLessThanOrEqual(5);
        for (const commitment of contribution.commitments) {
          expect(commitment.timescale).not.toBe('');
          expect(commitment.resourcePounds !== null || commitment.resourceFte !== null).toBe(true);
        }
      }
    }
    const commitments = view.outcomes.flatMap((outcome) =>
      outcome.contributions.flatMap((contribution) => contribution.commitments),
    );
    expect(commitments.some((commitment) => commitment.preventative)).toBe(true);
    expect(commitments.some((commitment) => !commitment.preventative)).toBe(true);

    for (const partner of view.partners) {
      expect(partner.hasRoom).toBe(true);
      expect(partner.contributesTo.length).toBeGreaterThanOrEqual(3);
      expect(isRichTextEmpty(partner.statement)).toBe(false);
      if (['health-board', 'police', 'fire-and-rescue'].includes(partner.kind))
        expect(partner.indicatorLinks.length).toBeGreaterThan(0);
    }
    const nhs = view.partners.find((partner) => partner.kind === 'health-board');
    expect(nhs?.indicatorLinks.some((link) => link.scheme === 'heat' || link.scheme === 'ldp')).toBe(true);

    for (const key of NARRATIVE_KEYS) expect(isRichTextEmpty(view.narrative[key]), key).toBe(false);
    expect(view.orphans).toEqual([]);

    const states = view.partners.map((partner) => partner.signOff.state);
    const drafts = states.filter((state) => state === 'draft').length;
    expect(drafts).toBeGreaterThanOrEqual(1);
    expect(drafts).toBeLessThanOrEqual(2);
    expect(view.partners.every((partner) => !partner.signOff.lapsed)).toBe(true);

    const report = checkCompleteness(view, '2013-03-25');
    const notAgreed = view.partners
      .filter((partner) => partner.signOff.state !== 'agreed')
      .map((partner) => partner.id);
    expect(report.signOffsOutstanding.map((partner) => partner.id)).toEqual(notAgreed);
    expect(report.general).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.missing)).toEqual([]);
    expect(report.partners.flatMap((partner) => partner.missing).map((item) => item.code)).toEqual(
      notAgreed.map(() => 'sign-off-outstanding'),
    );
    expect(report.counts.missing).toBe(notAgreed.length);
    expect(report.deadlines.draftDue?.daysLeft).toBe(7);
  });

  it('uses rich formatting: headings, lists, tables, bold and links', () => {
    const blocks = allRichText(snapshot).flatMap((field) => field.text);
    const types = new Set(blocks.map((block) => block.type));
    for (const type of ['heading', 'paragraph', 'bulletList', 'orderedList', 'table']) expect(types).toContain(type);
    const inlines = blocks.flatMap((block) => (block.type === 'paragraph' ? block.content : []));
    expect(inlines.some((inline) => inline.type === 'text' && inline.marks?.bold)).toBe(true);
    expect(inlines.some((inline) => inline.type === 'text' && inline.marks?.link)).toBe(true);
  });

  it.each([1, 2, 3, 4, 5])(
    'seed %i writes prose without repeated paragraphs, repeated sentences or placeholders',
    (seed) => {
      const view = seed === 1 ? snapshot : snapshotOf(generateSampleSoa({ seed }));
      const paragraphs = allRichText(view)
        .flatMap((field) => paragraphsOf(field.text))
        .filter((text) => text.split(/\s+/).length >= 15);
      const repeated = paragraphs.filter((text, index) => paragraphs.indexOf(text) !== index);
      expect(repeated).toEqual([]);
      for (const field of allRichText(view)) {
        const sentences = richTextToPlain(field.text)
          .split(/(?<=\.)\s+|\n/)
          .filter((sentence) => sentence.split(/\s+/).length >= 8);
        const twice = sentences.filter((sentence, index) => sentences.indexOf(sentence) !== index);
        expect(twice, field.where).toEqual([]);
      }
      const all = allRichText(view)
        .map((field) => richTextToPlain(field.text))
        .join('\n');
      expect(all).not.toMatch(/lorem|ipsum|\{\w+\}|undefined|\bNaN\b/);
    },
  );

  // About a hundred pages in Word. Calibrated against the real export (shared/export, converted by LibreOffice):
  // seed 1 at 22,300 words of rich text gives 106 A4 pages, because indicator, commitment and resource tables and
  // the annexes add 40-odd pages of their own; the 30,000-40,000-word yardstick gave 125-150 pages.
  it('is about a hundred pages long (20,000-30,000 words of rich text)', () => {
    const counts = [1, 2, 3, 4, 5].map((seed) =>
      seed === 1 ? wordCount(snapshot) : wordCount(snapshotOf(generateSampleSoa({ seed }))),
    );
    const indicators = snapshot.outcomes.reduce((sum, outcome) => sum + outcome.indicators.length, 0);
    const commitments = snapshot.outcomes.reduce(
      (sum, outcome) => sum + outcome.contributions.reduce((n, contribution) => n + contribution.commitments.length, 0),
      0,
    );
    console.log(
      `sample seed 1: ${counts[0]} words of rich text, ${snapshot.partners.length} partners, ${snapshot.outcomes.length} outcomes, ${indicators} indicators, ${commitments} commitments; seeds 1-5 words: ${counts.join(', ')}`,
    );
    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(20_000);
      expect(count).toBeLessThanOrEqual(30_000);
    }
  });
});

/**
 * The sample SOA's figures add up (issue 14): it is what every new user exports first, so a reviewer reads it
 * as a real SOA. One set of numbers feeds the text and the tables; the same fact reads the same wherever it
 * is told; the settlements add up to the area; nothing names an organisation the SOA's era did not have;
 * and the sign-off round is dated from the day the sample is made.
 */
import { describe, expect, it } from 'vitest';
import { assembleFromDocs, richTextToPlain, type RichBlock, type RichText, type SoaSnapshot } from '../model';
import { generateSampleSoa } from './generateSample';

const SEEDS = [1, 2, 7, 2013];

function snapshotFor(seed: number, today?: string): SoaSnapshot {
  const sample = generateSampleSoa({ seed, ...(today ? { today } : {}) });
  return assembleFromDocs(sample.frame, sample.partnerDocs);
}

/** Every rich-text field of the SOA. */
function allText(snapshot: SoaSnapshot): RichText[] {
  return [
    ...Object.values(snapshot.narrative),
    ...snapshot.outcomes.flatMap((outcome) => [
      outcome.tenYearStatement,
      outcome.evidence,
      ...outcome.contributions.map((contribution) => contribution.statement),
    ]),
    ...snapshot.partners.flatMap((partner) => [partner.statement, partner.gapNotes]),
  ];
}

function tables(text: RichText): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  const visit = (block: RichBlock) => {
    if (block.type === 'table') {
      const cells = block.rows.map((row) => row.cells.map((cell) => richTextToPlain(cell.content).trim()));
      found.push({ header: cells[0] ?? [], rows: cells.slice(1) });
    }
  };
  text.forEach(visit);
  return found;
}

const number = (text: string) => Number(text.replace(/[£,%\s]/g, ''));

describe.each(SEEDS)('the sample SOA of seed %i', (seed) => {
  const snapshot = snapshotFor(seed);
  const place = snapshot.narrative.understandingOfPlace;

  it('has settlements that add up to the area\u2019s population, as the text states it', () => {
    const settlements = tables(place).find((table) => table.header[0] === 'Settlement');
    expect(settlements).toBeDefined();
    const rows = settlements!.rows;
    const total = rows.at(-1)!;
    expect(total[0]).toBe(`All of ${snapshot.meta.area}`);
    const parts = rows.slice(0, -1).reduce((sum, row) => sum + number(row[1]!), 0);
    expect(parts).toBe(number(total[1]!));
    expect(richTextToPlain(place)).toContain(`${snapshot.meta.area} has an estimated population of ${total[1]}.`);
    for (const row of rows) expect(number(row[1]!)).toBeGreaterThan(0);
  });

  it('states the prevention share the commitments (and so the export\u2019s resources table) give', () => {
    const plain = richTextToPlain(snapshot.narrative.preventionOverview);
    const match = /amount to £([\d,]+), of which £([\d,]+) \((\d+)%\) is preventative/.exec(plain);
    expect(match).not.toBeNull();
    const [committed, preventative, share] = [number(match![1]!), number(match![2]!), Number(match![3])];
    expect(committed).toBe(snapshot.resources.total.pounds);
    expect(preventative).toBe(snapshot.resources.total.preventativePounds);
    expect(share).toBe(Math.round((100 * preventative) / committed));
    // The export's resources table is computed from the same commitments (snapshot.resources), so it agrees too.
    // A plausible minority of the SOA's commitments, not nearly all of them.
    expect(share).toBeGreaterThan(15);
    expect(share).toBeLessThan(75);
  });

  it('has each partner state, in its contribution, the money and preventative share its commitments carry', () => {
    for (const outcome of snapshot.outcomes) {
      for (const contribution of outcome.contributions) {
        const plain = richTextToPlain(contribution.statement);
        const pounds = contribution.commitments.reduce((sum, commitment) => sum + (commitment.resourcePounds ?? 0), 0);
        const preventative = contribution.commitments.reduce(
          (sum, commitment) => sum + (commitment.preventative ? (commitment.resourcePounds ?? 0) : 0),
          0,
        );
        if (pounds > 0)
          expect(plain, `${contribution.partner.name} on ${outcome.number}`).toContain(
            `commits £${pounds.toLocaleString('en-GB')}`,
          );
        const stated = /\(£([\d,]+), (\d+)% of the money\)/.exec(plain);
        if (stated) {
          expect(number(stated[1]!)).toBe(preventative);
          expect(Number(stated[2])).toBe(Math.round((100 * preventative) / pounds));
        }
        expect(plain).not.toMatch(/up from an estimated \d+% now/);
      }
    }
  });

  it('tells the same fact with the same figures wherever it tells it', () => {
    const sentences = allText(snapshot)
      .flatMap((text) => richTextToPlain(text).split(/(?<=\.)\s+|\n/))
      // Table rows and the per-contribution sums (checked above) are facts of their own row or outcome.
      .filter(
        (sentence) =>
          /\d/.test(sentence) &&
          sentence.split(/\s+/).length >= 6 &&
          !sentence.includes('\t') &&
          !/ commits (£|\d)/.test(sentence),
      );
    const byShape = new Map<string, Set<string>>();
    for (const sentence of sentences) {
      // Years and outcome numbers stay: "by March 2014" and "by March 2016", or outcome 1 and 3, are different facts.
      const shape = sentence.replace(/(?<![Oo]utcomes? )£?\b(?!(?:19|20)\d\d\b)\d[\d,.]*(?:m|%)?/g, '#');
      const seen = byShape.get(shape) ?? new Set<string>();
      seen.add(sentence);
      byShape.set(shape, seen);
    }
    const different = [...byShape.values()].filter((variants) => variants.size > 1).map((variants) => [...variants]);
    expect(different).toEqual([]);
  });

  it('names no organisation or body that did not exist in 2013', () => {
    const words = [
      ...allText(snapshot).map(richTextToPlain),
      ...snapshot.partners.map((partner) => partner.name),
      ...snapshot.outcomes.flatMap((outcome) =>
        outcome.indicators.map((indicator) => `${indicator.name} ${indicator.source} ${indicator.definition}`),
      ),
    ].join('\n');
    for (const later of [
      'Public Health Scotland',
      'BEIS',
      'integration joint board\u2019s',
      'Community Planning Outcomes Profile',
      'Local Outcome Improvement Plan',
    ])
      expect(words).not.toContain(later);
    expect(words).not.toMatch(/(?<!Shadow )Health and Social Care Partnership(?! Board)/);
  });

  it('gives every partner total resources in the area for the SOA\u2019s first year, far above what it commits to the SOA', () => {
    for (const partner of snapshot.partners) {
      expect(partner.totalResources.year).toBe('2013/14');
      expect(partner.totalResources.basis).not.toBe('');
      const committed = snapshot.resources.byPartner.find((row) => row.partner.id === partner.id)?.pounds ?? 0;
      expect(partner.totalResources.amount).toBeGreaterThan(committed);
    }
    // The sample's sign-offs stand: the totals were written before the partners agreed.
    expect(snapshot.partners.some((partner) => partner.signOff.state === 'agreed')).toBe(true);
    expect(snapshot.partners.every((partner) => !partner.signOff.lapsed)).toBe(true);
  });
});

describe('the sample\u2019s sign-off round', () => {
  it('is dated from the day given: deadlines ahead, sign-offs in the weeks before, the text agreeing', () => {
    const snapshot = snapshotFor(2013, '2026-12-02');
    expect(snapshot.meta.periodStart).toBe(2013);
    expect(snapshot.meta.periodEnd).toBe(2023);
    expect(snapshot.meta.draftDue).toBe('2026-12-30');
    expect(snapshot.meta.agreementDue).toBe('2027-03-03');
    const dated = snapshot.partners.filter((partner) => partner.signOff.state !== 'draft');
    expect(dated.length).toBeGreaterThan(0);
    for (const partner of dated) {
      expect(partner.signOff.date! < '2026-12-02').toBe(true);
      expect(partner.signOff.date! >= '2026-11-11').toBe(true);
    }
    const gaps = richTextToPlain(snapshot.narrative.gapNotes);
    expect(gaps).toContain('before the agreement is due on 3 March 2027');
    expect(allText(snapshot).map(richTextToPlain).join('\n')).not.toMatch(
      /signed in June 2013|in (January|February|March) 2013, with the participation/,
    );
  });

  it('refuses a date that is not an ISO date', () => {
    expect(() => generateSampleSoa({ seed: 1, today: '02/12/2026' })).toThrow(RangeError);
  });
});

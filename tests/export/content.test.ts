/**
 * What the exported words say, checked against the document's own data (issue 14): the statement of support
 * follows the sign-off table beneath it, indicator sources and origins are named as the SOA's era named them,
 * a partner's extract says whose it is, target columns carry the SOA's real years, and the National Outcomes
 * matrix is at least 10 pt with each outcome's wording in the table.
 */
import { describe, expect, it } from 'vitest';
import { exportSoaDocx, type ExportOptions } from '../../shared/export';
import type { IndicatorView, PartnerView, SoaSnapshot } from '../../shared/model';
import { findCatalogueIndicator } from '../../shared/reference';
import { allMatches, readDocxParts } from './docxParts';
import { smallSoa } from './fixtures';

const WHOLE: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

/** The text of each paragraph of the body, tags removed. */
function paragraphs(xml: string): string[] {
  return allMatches(xml, /<w:p[ >]([\s\S]*?)<\/w:p>/).map((inner) =>
    allMatches(inner, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"'),
  );
}

async function bodyText(snapshot: SoaSnapshot, options: ExportOptions = WHOLE): Promise<string[]> {
  return paragraphs((await readDocxParts(await exportSoaDocx(snapshot, options))).document);
}

/** The paragraph that follows the "Statement of support" heading. */
async function supportParagraph(snapshot: SoaSnapshot, options: ExportOptions = WHOLE): Promise<string> {
  const text = await bodyText(snapshot, options);
  const index = text.indexOf('Statement of support');
  expect(index).toBeGreaterThan(-1);
  return text[index + 1] ?? '';
}

function withSignOffs(
  snapshot: SoaSnapshot,
  change: (partner: PartnerView, index: number) => PartnerView['signOff'],
): SoaSnapshot {
  const partners = snapshot.partners.map((partner, index) => ({ ...partner, signOff: change(partner, index) }));
  return { ...snapshot, partners, allAgreed: partners.every((partner) => partner.signOff.state === 'agreed') };
}

const agreed = (partner: PartnerView): PartnerView['signOff'] => ({
  ...partner.signOff,
  state: 'agreed',
  lapsed: false,
  officerName: 'A Officer',
  date: '2013-03-20',
});

describe('the statement of support', () => {
  it('says the partners support the agreement only when every partner has agreed', async () => {
    const all = withSignOffs(smallSoa().snapshot, agreed);
    const text = await supportParagraph(all);
    expect(text).toContain(
      'The partners of Glenmore Community Planning Partnership support this Single Outcome Agreement',
    );
    expect(text).not.toMatch(/not yet agreed/);
  });

  it('names who has agreed and who has not when only some have', async () => {
    // The small SOA: Glenmore Council agreed; NHS Glenmore and Voluntary Action Glenmore still in draft.
    const some = smallSoa().snapshot;
    const text = await supportParagraph(some);
    expect(text).not.toContain('The partners of Glenmore Community Planning Partnership support');
    expect(text).toContain('Glenmore Council has agreed this Single Outcome Agreement');
    expect(text).toContain('NHS Glenmore and Voluntary Action Glenmore have not yet agreed it');
  });

  it('says it is a draft no partner has agreed when none has, counting an agreement to an earlier version as not agreed', async () => {
    const none = withSignOffs(smallSoa().snapshot, (partner, index) =>
      index === 0
        ? { ...partner.signOff, state: 'agreed-earlier-version', lapsed: false }
        : index === 1
          ? { ...partner.signOff, state: 'draft', lapsed: true }
          : { ...partner.signOff, state: 'ready', lapsed: false },
    );
    const text = await supportParagraph(none);
    expect(text).toContain(
      'This is a draft. No partner of Glenmore Community Planning Partnership has yet agreed this Single Outcome Agreement',
    );
    expect(text).not.toMatch(/ support this Single Outcome Agreement/);
  });

  it('speaks for the one partner in its extract', async () => {
    const snapshot = smallSoa().snapshot;
    const council = snapshot.partners[0]!;
    const nhs = snapshot.partners[1]!;
    expect(await supportParagraph(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: council.id } })).toMatch(
      /^Glenmore Council supports this Single Outcome Agreement/,
    );
    expect(await supportParagraph(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: nhs.id } })).toMatch(
      /^This is a draft. NHS Glenmore has not yet agreed/,
    );
  });
});

/** The small SOA with its catalogue indicator swapped for one whose publisher was renamed, and a period of choice. */
function eraSoa(periodStart: number | null): SoaSnapshot {
  const snapshot = smallSoa().snapshot;
  const birthweight = findCatalogueIndicator('cpop-healthy-birthweight')!;
  const outcomes = snapshot.outcomes.map((outcome) => ({
    ...outcome,
    indicators: outcome.indicators.map(
      (indicator): IndicatorView =>
        indicator.catalogue
          ? {
              ...indicator,
              catalogue: birthweight,
              displayName: birthweight.name,
              displaySource: birthweight.source,
              displayDefinition: birthweight.definition,
            }
          : indicator,
    ),
  }));
  return {
    ...snapshot,
    outcomes,
    meta: { ...snapshot.meta, periodStart, periodEnd: periodStart === null ? null : periodStart + 10 },
  };
}

describe('indicator sources and origins', () => {
  it('names the 2012 guidance\u2019s Menu of Local Outcome Indicators and the publishers of 2013 in a 2013-2023 SOA', async () => {
    const text = (await bodyText(eraSoa(2013))).join('\n');
    expect(text).toContain('Origin: Menu of Local Outcome Indicators (Improvement Service)');
    expect(text).toContain('Origin: Local indicator, not from the Menu of Local Outcome Indicators');
    expect(text).not.toContain('Community Planning Outcomes Profile');
    expect(text).toContain('Source: ISD Scotland');
    expect(text).not.toContain('Public Health Scotland');
  });

  it('names the Community Planning Outcomes Profile and today\u2019s publishers in a 2020-2030 SOA', async () => {
    const text = (await bodyText(eraSoa(2020))).join('\n');
    expect(text).toContain('Origin: Community Planning Outcomes Profile (Improvement Service)');
    expect(text).toContain('Source: Public Health Scotland');
    expect(text).not.toContain('Menu of Local Outcome Indicators (Improvement Service)');
  });

  it('keeps an officer\u2019s own source as written', async () => {
    const text = (await bodyText(eraSoa(2013))).join('\n');
    // The small SOA's local indicators give "Scottish Government" as their source.
    expect(text).toContain('Source: Scottish Government');
  });
});

describe('a partner\u2019s extract', () => {
  it('says in its footer whose contribution it is, and the whole SOA\u2019s footer does not name a partner', async () => {
    const snapshot = smallSoa().snapshot;
    const nhs = snapshot.partners[1]!;
    const extract = await readDocxParts(
      await exportSoaDocx(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: nhs.id } }),
    );
    const footer = paragraphs(extract.footers.join('\n')).join('\n');
    expect(footer).toContain('Glenmore SOA 2013-2023 \u2013 contribution of NHS Glenmore \u2013 Draft v0.3');
    const whole = await readDocxParts(await exportSoaDocx(snapshot, WHOLE));
    expect(paragraphs(whole.footers.join('\n')).join('\n')).not.toContain('contribution of');
  });
});

describe('indicator tables', () => {
  it('head the targets with the financial years of the SOA\u2019s period', async () => {
    const text = await bodyText(smallSoa().snapshot);
    for (const heading of ['2013/14 (year 1)', '2015/16 (year 3)', '2022/23 (year 10)'])
      expect(text).toContain(heading);
    expect(text).not.toContain('Year 1');
    const later = await bodyText(eraSoa(2017));
    for (const heading of ['2017/18 (year 1)', '2019/20 (year 3)', '2026/27 (year 10)'])
      expect(later).toContain(heading);
  });

  it('fall back to "Year 1", "Year 3" and "Year 10" when the SOA has no period', async () => {
    const text = await bodyText(eraSoa(null));
    for (const heading of ['Year 1', 'Year 3', 'Year 10']) expect(text).toContain(heading);
  });
});

describe('the National Outcomes matrix', () => {
  it('is at least 10 pt and gives each National Outcome\u2019s wording in its row, with the local outcomes named before it', async () => {
    const snapshot = smallSoa().snapshot;
    const xml = (await readDocxParts(await exportSoaDocx(snapshot, WHOLE))).document;
    const tables = allMatches(xml, /(<w:tbl>[\s\S]*?<\/w:tbl>)/);
    const matrix = tables.find((table) => table.includes('>National Outcome<'));
    expect(matrix).toBeDefined();
    const sizes = allMatches(matrix!, /<w:sz w:val="(\d+)"\/>/).map(Number);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    const rows = paragraphs(matrix!);
    for (const national of snapshot.framework.outcomes) expect(rows).toContain(`${national.number}. ${national.text}`);
    // The local outcomes the columns stand for are listed before the table.
    const before = paragraphs(xml.slice(0, xml.indexOf(matrix!)));
    for (const outcome of snapshot.outcomes)
      expect(before.slice(-snapshot.outcomes.length - 1)).toContain(`${outcome.number}. ${outcome.title}`);
  });
});

describe('total resources', () => {
  function withTotals(snapshot: SoaSnapshot): SoaSnapshot {
    const totals = [
      {
        amountText: '£182.4m',
        amount: 182_400_000,
        year: '2013/14',
        basis: 'Net revenue budget for council services in Glenmore',
      },
      {
        amountText: 'Within the board\u2019s allocation',
        amount: null,
        year: '2013/14',
        basis: 'Share of the NHS allocation for the area',
      },
      { amountText: '', amount: null, year: '', basis: '' },
    ];
    return {
      ...snapshot,
      partners: snapshot.partners.map((partner, index) => ({ ...partner, totalResources: totals[index]! })),
    };
  }

  it('shows each partner\u2019s total resources, year and basis beside what it commits to the SOA, and "Not stated" where blank', async () => {
    const snapshot = withTotals(smallSoa().snapshot);
    const text = await bodyText(snapshot);
    const start = text.indexOf('Total resources deployed in the area');
    expect(start).toBeGreaterThan(-1);
    const table = text.slice(start, start + 40);
    // Glenmore Council: £182.4m in 2013/14, and its £200,000 of commitments is 0.1% of that.
    expect(table.slice(table.indexOf('Glenmore Council'), table.indexOf('Glenmore Council') + 5)).toEqual([
      'Glenmore Council',
      '£182,400,000',
      '2013/14',
      '£200,000 (0.1%)',
      'Net revenue budget for council services in Glenmore',
    ]);
    expect(table).toContain('Within the board\u2019s allocation');
    expect(
      table.slice(table.indexOf('Voluntary Action Glenmore'), table.indexOf('Voluntary Action Glenmore') + 5),
    ).toEqual(['Voluntary Action Glenmore', 'Not stated', 'Not stated', '£600,000', 'Not stated']);
    // Both the money committed and the totals are in the export.
    expect(text).toContain('Money committed');
  });

  it('gives a partner\u2019s extract its own total only', async () => {
    const snapshot = withTotals(smallSoa().snapshot);
    const text = (
      await bodyText(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: snapshot.partners[0]!.id } })
    ).join('\n');
    expect(text).toContain('£182,400,000');
    expect(text).not.toContain('Within the board\u2019s allocation');
  });
});

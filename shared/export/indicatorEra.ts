/**
 * How the export names where an indicator comes from, in the words of the SOA's own time. A 2013 SOA picked
 * its indicators from the Improvement Service's Menu of Local Outcome Indicators (the December 2012
 * guidance); the Community Planning Outcomes Profile replaced it in 2015. Organisations that publish the
 * data were renamed in the same years, so a 2013 SOA cites ISD Scotland, not Public Health Scotland (2020).
 * An officer's own source is never changed: only the catalogue's default wording follows the era.
 */
import type { IndicatorView, SoaSnapshot } from '../model/assemble';

/** The first year of an SOA's period, or of the framework's round when the period is not set. */
function eraYear(snapshot: SoaSnapshot): number {
  if (snapshot.meta.periodStart !== null) return snapshot.meta.periodStart;
  return snapshot.framework.id === 'npf-2018' ? 2018 : snapshot.framework.id === 'npf-2007' ? 2008 : 2013;
}

/** The catalogue of outcome indicators current when the SOA was written. */
export function indicatorCatalogueName(snapshot: SoaSnapshot): string {
  const year = eraYear(snapshot);
  return year < 2015 && snapshot.framework.id !== 'npf-2018'
    ? 'Menu of Local Outcome Indicators'
    : 'Community Planning Outcomes Profile';
}

/** The catalogue's name on a small label in the app: CPOP's own abbreviation; the Menu has none in use. */
export function indicatorCatalogueTag(snapshot: SoaSnapshot): string {
  const name = indicatorCatalogueName(snapshot);
  return name === 'Community Planning Outcomes Profile' ? 'CPOP' : name;
}

/** "Origin" in the indicator definitions: the catalogue of its era, or a local indicator. */
export function indicatorOrigin(indicator: IndicatorView, snapshot: SoaSnapshot): string {
  const catalogue = indicatorCatalogueName(snapshot);
  return indicator.catalogue ? `${catalogue} (Improvement Service)` : `Local indicator, not from the ${catalogue}`;
}

/** Publishers renamed over the years: the name in use from `from`, and the names before it. */
const RENAMED: readonly { readonly name: string; readonly from: number; readonly before: string }[] = [
  { name: 'Public Health Scotland', from: 2020, before: 'ISD Scotland' },
  { name: 'BEIS', from: 2016, before: 'DECC' },
  { name: 'National Records of Scotland', from: 2011, before: 'General Register Office for Scotland' },
];

/** The indicator's source as the SOA's era named it; an officer's own wording is kept as written. */
export function indicatorSource(indicator: IndicatorView, snapshot: SoaSnapshot): string {
  const source = indicator.displaySource;
  if (!indicator.catalogue || source !== indicator.catalogue.source) return source;
  const year = eraYear(snapshot);
  let named = source;
  for (const renamed of RENAMED) if (year < renamed.from) named = named.split(renamed.name).join(renamed.before);
  return named;
}

/** "2013/14": the financial year that ends in March of `endYear`. */
function financialYear(endYear: number): string {
  return `${endYear - 1}/${String(endYear % 100).padStart(2, '0')}`;
}

/**
 * Column headings of the three targets: the financial years of the first, third and last year of the SOA's
 * period ("2013/14 (year 1)", "2015/16 (year 3)", "2022/23 (year 10)"), or "Year 1" and so on without a period.
 */
export function targetYearLabels(snapshot: SoaSnapshot): readonly [string, string, string] {
  const start = snapshot.meta.periodStart;
  if (start === null) return ['Year 1', 'Year 3', 'Year 10'];
  const end = snapshot.meta.periodEnd ?? start + 10;
  const span = Math.max(end - start, 3);
  return [
    `${financialYear(start + 1)} (year 1)`,
    `${financialYear(start + 3)} (year 3)`,
    `${financialYear(start + span)} (year ${span})`,
  ];
}

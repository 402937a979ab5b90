/**
 * The names, labels and number formats the exported document prints in more than one part: the SOA's
 * status, period, area and title, a partner's sign-off, money and staff.
 */
import type { PartnerView, SoaSnapshot } from '../model/assemble';
import type { Commitment, EffectiveSignOff } from '../model/partner';
import { cleanLine } from './sanitize';
import { lazyNumberFormat } from '../text/lazyFormat';

/** Shown wherever a section has no words yet, so a draft reads as unfinished rather than broken. */
export const NOT_YET_WRITTEN = 'Not yet written.';

/** "Draft v0.3" until every partner has agreed, then "Agreed". */
export function documentStatus(snapshot: SoaSnapshot): string {
  if (snapshot.allAgreed) return 'Agreed';
  const version = cleanLine(snapshot.meta.version).trim();
  return version ? `Draft v${version}` : 'Draft';
}

/** "2013-2023" from the SOA's period; the 2013 round's ten years when the period is not set. */
export function periodLabel(snapshot: SoaSnapshot): string {
  const start = snapshot.meta.periodStart ?? 2013;
  const end = snapshot.meta.periodEnd ?? start + 10;
  return `${start}-${end}`;
}

/** "Glenmore", falling back to the partnership's name. */
export function areaName(snapshot: SoaSnapshot): string {
  const area = cleanLine(snapshot.meta.area).trim();
  if (area) return area;
  const partnership = cleanLine(snapshot.meta.partnershipName)
    .trim()
    .replace(/\s*Community Planning Partnership$/i, '');
  return partnership || 'Community Planning Partnership';
}

export function partnershipName(snapshot: SoaSnapshot): string {
  return cleanLine(snapshot.meta.partnershipName).trim() || `${areaName(snapshot)} Community Planning Partnership`;
}

export function documentTitle(snapshot: SoaSnapshot, partner: PartnerView | null): string {
  const base =
    cleanLine(snapshot.meta.title).trim() || `${areaName(snapshot)} Single Outcome Agreement ${periodLabel(snapshot)}`;
  return partner ? `${base}: contribution of ${cleanLine(partner.name)}` : base;
}

export function signOffLabel(signOff: EffectiveSignOff): string {
  if (signOff.lapsed) return 'Draft (changed since sign-off)';
  if (signOff.state === 'agreed') return 'Agreed';
  if (signOff.state === 'ready') return 'Ready for sign-off';
  return 'Draft';
}

const NUMBER_FORMAT = lazyNumberFormat('en-GB', { maximumFractionDigits: 2 });
const MONEY_FORMAT = lazyNumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
export const FTE_FORMAT = lazyNumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return 'To be set';
  const number = NUMBER_FORMAT.format(value);
  return unit.trim() === '%' ? `${number}%` : number;
}

export function money(pounds: number): string {
  return MONEY_FORMAT.format(pounds);
}

/** A figure as the SOA states it: a plain number formatted, anything else ("about 20%", "Maintain") as typed. */
export function formatFigure(value: number | null, text: string, unit: string): string {
  if (!text.trim()) return 'To be set';
  return value !== null && text.trim() === String(value) ? formatValue(value, unit) : text.trim();
}

/** A commitment's resources: money and staff where stated, as typed where in words, else "Not stated". */
export function formatResources(commitment: Commitment): string {
  const pounds =
    commitment.resourcePounds !== null ? money(commitment.resourcePounds) : commitment.resourcePoundsText.trim();
  const fte =
    commitment.resourceFte !== null
      ? `${FTE_FORMAT.format(commitment.resourceFte)} FTE`
      : commitment.resourceFteText.trim();
  return [pounds, fte].filter(Boolean).join('\n') || 'Not stated';
}

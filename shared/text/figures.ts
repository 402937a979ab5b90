/**
 * Figures as UK officers type them: "£120,000", "1.2m", "£3.5 million", "about 20%", "12 500", "2.5 FTE".
 * What was typed is what the SOA keeps (a target may rightly be "Maintain" or "Below the Scottish
 * average"); this module only reads a number out of it where there is one, and says in words what the app
 * will do with the text, so nothing is dropped and nobody is surprised.
 */
import { lazyNumberFormat } from './lazyFormat';

/** What a figure is for: the words next to the field depend on it. */
export type FigureKind = 'target' | 'baseline' | 'year' | 'pounds' | 'fte';

export interface Figure {
  /** Exactly as typed (trimmed), what everyone sees and what the export prints where it is not a number. */
  readonly text: string;
  /** The number read from it, or null when blank or not a number. */
  readonly value: number | null;
  /** 'blank' (nothing typed), 'number' (a plain number), 'text' (words, kept as typed). */
  readonly reading: 'blank' | 'number' | 'text';
}

/** Words in front of a number that do not change it ("about 20%"). */
const APPROXIMATELY =
  /^(?:about|around|approximately|approx\.?|roughly|circa|c\.|ca\.|some|nearly|almost|up to|at least|over|under|more than|less than|~|±)\s*/i;
const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1_000,
  thousand: 1_000,
  m: 1_000_000,
  mn: 1_000_000,
  million: 1_000_000,
  bn: 1_000_000_000,
  billion: 1_000_000_000,
};
/** A number with optional £ and sign, thousands separated by commas or spaces, then an optional multiplier, %, or FTE. */
const FIGURE =
  /^([-−–+]?)\s*(£?)\s*([-−–]?)\s*(\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)\s*(k|thousand|mn|m|million|bn|billion)?\s*(%|per\s?cent|percent|fte|wte|posts?|staff)?\.?$/i;

/** Reads a figure. Never throws; anything that is not a number is kept as text. */
export function parseFigure(typed: string, kind: FigureKind = 'target'): Figure {
  const text = typed.trim();
  if (text === '') return { text: '', value: null, reading: 'blank' };
  if (kind === 'year') return parseYear(text);
  const stripped = text.replace(APPROXIMATELY, '').trim();
  const match = FIGURE.exec(stripped);
  if (!match) return { text, value: null, reading: 'text' };
  const [, signBefore = '', , signAfter = '', digits = '', multiplier, suffix] = match;
  if (signBefore && signAfter) return { text, value: null, reading: 'text' };
  let value = Number(digits.replace(/[,\s]/g, ''));
  if (multiplier) value *= MULTIPLIERS[multiplier.toLowerCase()] ?? 1;
  if (/^[-−–]$/.test(signBefore || signAfter)) value = -value;
  if (!Number.isFinite(value)) return { text, value: null, reading: 'text' };
  // Money and staff cannot be negative; a percentage is only a figure for targets and baselines.
  if ((kind === 'pounds' || kind === 'fte') && value < 0) return { text, value: null, reading: 'text' };
  if (kind === 'pounds' && suffix && !/^£?$/.test(suffix)) return { text, value: null, reading: 'text' };
  if (kind === 'fte' && suffix && /%|cent/i.test(suffix)) return { text, value: null, reading: 'text' };
  // Avoid binary noise such as 1.2 * 1e6 = 1199999.9999999998.
  value = Number(value.toPrecision(12));
  return { text, value, reading: 'number' };
}

/** A year: "2012", or a financial or school year "2012/13" or "2012-13" (read as its first year). */
function parseYear(text: string): Figure {
  const match = /^(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?$/.exec(text);
  if (!match) return { text, value: null, reading: 'text' };
  const year = Number(match[1]);
  if (year < 1900 || year > 2200) return { text, value: null, reading: 'text' };
  return { text, value: year, reading: 'number' };
}

/** A stored figure: an older document holds a plain number, a newer one the text as typed. */
export function figureFromStored(stored: unknown, kind: FigureKind, maxLength = 200): Figure {
  if (typeof stored === 'number' && Number.isFinite(stored))
    return { text: String(stored), value: stored, reading: 'number' };
  if (typeof stored === 'string') return parseFigure(stored.slice(0, maxLength), kind);
  return { text: '', value: null, reading: 'blank' };
}

/**
 * In words, what the app will do with what was typed: shown next to the field and read by screen readers.
 * Empty when there is nothing worth saying (a plain number that reads as typed).
 */
export function describeFigure(figure: Figure, kind: FigureKind): string {
  if (figure.reading === 'blank') {
    if (kind === 'pounds' || kind === 'fte')
      return 'Not stated: the export says "Not stated" and this is listed as missing.';
    return '';
  }
  if (figure.reading === 'text') {
    switch (kind) {
      case 'target':
        return 'Not a number: kept as written, with no trend chart or progress status for this target.';
      case 'baseline':
        return 'Not a number: kept as written, with no trend chart or progress status against this baseline.';
      case 'year':
        return 'Not a year: kept as written. Use a year such as 2012 or 2012/13 to have it read as one.';
      case 'pounds':
        return 'Not a number: printed as written and not added to the resource totals.';
      case 'fte':
        return 'Not a number: printed as written and not added to the staff totals.';
    }
  }
  const value = figure.value ?? 0;
  const plain = String(value);
  if (figure.text === plain) return '';
  if (kind === 'pounds') return `Read as ${formatPounds(value)}.`;
  if (kind === 'fte') return `Read as ${formatNumber(value)} FTE.`;
  if (kind === 'year') return `Read as ${value}.`;
  return `Read as ${formatNumber(value)}${/%|cent/i.test(figure.text) ? '%' : ''}.`;
}

const NUMBER_FORMAT = lazyNumberFormat('en-GB', { maximumFractionDigits: 2 });
const POUNDS_FORMAT = lazyNumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export function formatNumber(value: number): string {
  return NUMBER_FORMAT.format(value);
}

export function formatPounds(value: number): string {
  return POUNDS_FORMAT.format(value);
}

/** A figure as a reader sees it: a plain number formatted (with % for a percentage), anything else as typed. */
export function displayFigure(value: number | null, text: string, unit: string): string {
  if (value !== null && text.trim() === String(value)) return `${formatNumber(value)}${unit.trim() === '%' ? '%' : ''}`;
  return text;
}

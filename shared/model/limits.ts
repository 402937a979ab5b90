/**
 * How long each kind of text may be. The model refuses longer text on write and the reader trims only what a
 * faulty client forced past these same limits, so the two always agree; the editor shows the limit as people
 * type and refuses an edit that would pass it, saying so, rather than cutting anything silently.
 */

export const TEXT_LIMITS = {
  /** Titles and names: the SOA's title, area and partnership, an outcome, an indicator, a partner. */
  title: 500,
  /** Where an indicator's data comes from. */
  source: 500,
  unit: 50,
  /** Document control version, "0.3". */
  version: 20,
  /** Contact for other formats and languages. */
  contact: 2_000,
  /** "By March 2015". */
  timescale: 500,
  /** A reference in a partner's own plan, "HEAT H4". */
  reference: 200,
  /** A figure as typed: a target, a baseline, a resource. */
  figure: 200,
  /** Notes, definitions, equality outcomes, commitments' actions and other longer plain text. */
  note: 100_000,
} as const;

export type TextLimitKind = keyof typeof TEXT_LIMITS;

export class TextTooLongError extends Error {
  constructor(
    readonly field: string,
    readonly length: number,
    readonly limit: number,
  ) {
    super(
      `${field} is ${length.toLocaleString('en-GB')} characters long; the most it can be is ${limit.toLocaleString('en-GB')}. Nothing was changed.`,
    );
    this.name = 'TextTooLongError';
  }
}

/** Throws TextTooLongError for text over the limit; returns the text otherwise. */
export function withinLimit(text: string, kind: TextLimitKind, field: string): string {
  const limit = TEXT_LIMITS[kind];
  if (text.length > limit) throw new TextTooLongError(field, text.length, limit);
  return text;
}

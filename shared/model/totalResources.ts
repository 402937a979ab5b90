/**
 * A partner's total resources deployed in the area (guidance of December 2012, 4.3: the SOA shows how "the
 * total resource available to the CPP and partners has been considered and deployed"), beside the money it
 * commits to the SOA's outcomes. Written in the partner's own room, by that partner:
 *
 *   totalResources                Y.Map   { amount, year } as typed ("£182.4m", "2013/14")
 *   text.totalResources.basis     Y.Text  how the figure was worked out, merged by character
 *
 * The amount is kept as typed and read as a number where it is one (shared/text/figures.ts).
 */
import type * as Y from 'yjs';
import { figureFromStored } from '../text/figures';
import { TEXT_LIMITS, withinLimit } from './limits';
import { readTextField, replaceText, textRootName } from './textFields';
import { readString } from './yValues';

export interface TotalResources {
  /** The amount as typed; '' when not stated. */
  readonly amountText: string;
  /** The amount in pounds, or null when blank or in words. */
  readonly amount: number | null;
  /** The year the amount is for, as typed ("2013/14"). */
  readonly year: string;
  /** How the figure was worked out ("Net revenue budget for the area, excluding capital"). */
  readonly basis: string;
}

export type TotalResourcesFields = { readonly amount: string; readonly year: string; readonly basis: string };

export const NO_TOTAL_RESOURCES: TotalResources = { amountText: '', amount: null, year: '', basis: '' };

const MAP = 'totalResources';
const BASIS_ROOT = textRootName('totalResources', 'basis');

/** The Y.Text holding the basis. */
export function totalResourcesBasis(doc: Y.Doc): Y.Text {
  return doc.getText(BASIS_ROOT);
}

export function readTotalResources(doc: Y.Doc): TotalResources {
  const map = doc.getMap(MAP);
  const amount = figureFromStored(map.get('amount'), 'pounds', TEXT_LIMITS.figure);
  return {
    amountText: amount.text,
    amount: amount.value !== null && amount.value >= 0 ? amount.value : null,
    year: readString(map, 'year', '', TEXT_LIMITS.figure),
    basis: readTextField(doc, BASIS_ROOT, null, '', TEXT_LIMITS.note),
  };
}

/** Whether anything has been said about total resources (an empty record is not part of what a sign-off covers). */
export function hasTotalResources(resources: TotalResources): boolean {
  return resources.amountText !== '' || resources.year !== '' || resources.basis !== '';
}

/** Writes the given fields; the caller runs it in a transaction. Throws TextTooLongError over a limit. */
export function writeTotalResources(doc: Y.Doc, fields: Partial<TotalResourcesFields>): void {
  if (fields.amount !== undefined) withinLimit(fields.amount.trim(), 'figure', 'The total resources');
  if (fields.year !== undefined) withinLimit(fields.year.trim(), 'figure', 'The year of the total resources');
  if (fields.basis !== undefined) withinLimit(fields.basis, 'note', 'The basis of the total resources');
  const map = doc.getMap(MAP);
  for (const key of ['amount', 'year'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value.trim() === '') map.delete(key);
    else map.set(key, value.trim());
  }
  if (fields.basis !== undefined) replaceText(doc.getText(BASIS_ROOT), fields.basis);
}

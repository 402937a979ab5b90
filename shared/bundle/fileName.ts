/**
 * The name a saved change or latest file is offered under, e.g.
 * "Balmuir SOA - changes from NHS Clyde Valley - 3 December 2026.soabundle": what it is, whose and when, so
 * an officer can tell files apart in an inbox or on a USB stick.
 */
import { formatUkDate } from '../text/dates';

export const BUNDLE_EXTENSION = 'soabundle';

/** Characters that no file system accepts in a name are replaced, and the name is kept short. */
function safePart(text: string): string {
  const cleaned = text
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, 80).trim() || 'SOA';
}

/** `dateIso` is a day, YYYY-MM-DD. */
export function changeFileName(soaTitle: string, partnerName: string, dateIso: string): string {
  return `${safePart(soaTitle)} - changes from ${safePart(partnerName)} - ${formatUkDate(dateIso)}.${BUNDLE_EXTENSION}`;
}

/** `dateIso` is a day, YYYY-MM-DD. */
export function latestFileName(soaTitle: string, dateIso: string): string {
  return `${safePart(soaTitle)} - latest for someone offline - ${formatUkDate(dateIso)}.${BUNDLE_EXTENSION}`;
}

/**
 * Validated reads of values stored in Y.Maps. A room's content comes from outside this process (the relay,
 * IndexedDB, another client), and a client may write junk into a room it owns; every read therefore checks
 * the type and falls back to a safe default instead of trusting the stored value.
 */
import * as Y from 'yjs';

export function readString(map: Y.Map<unknown>, key: string, fallback = '', maxLength = 100_000): string {
  const value = map.get(key);
  return typeof value === 'string' ? value.slice(0, maxLength) : fallback;
}

export function readOptionalString(map: Y.Map<unknown>, key: string, maxLength = 100_000): string | null {
  const value = map.get(key);
  return typeof value === 'string' && value.length > 0 ? value.slice(0, maxLength) : null;
}

/** A finite number, or null for anything else (including NaN and Infinity). */
export function readNumber(map: Y.Map<unknown>, key: string): number | null {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readBoolean(map: Y.Map<unknown>, key: string, fallback: boolean): boolean {
  const value = map.get(key);
  return typeof value === 'boolean' ? value : fallback;
}

export function readYMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const value = map.get(key);
  return value instanceof Y.Map ? value : null;
}

export function readFragment(map: Y.Map<unknown>, key: string): Y.XmlFragment | null {
  const value = map.get(key);
  return value instanceof Y.XmlFragment ? value : null;
}

/** The keys of a Y.Map used as a set (key -> true), filtered by a guard. Sets merge concurrent adds. */
export function readKeySet<T extends string>(map: Y.Map<unknown> | null, guard: (key: string) => key is T): T[] {
  if (!map) return [];
  const keys: T[] = [];
  for (const [key, value] of map.entries()) if (value === true && guard(key)) keys.push(key);
  return keys.sort();
}

/** An ISO calendar date (YYYY-MM-DD) that exists, or null. */
export function readIsoDate(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' && isIsoDate(value) ? value : null;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

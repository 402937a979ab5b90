/**
 * Order of outcomes, indicators and commitments. Each item stores a fractional order key (a string that
 * sorts between its neighbours), so moving an item writes one field and concurrent moves never duplicate or
 * lose items. Two items that end up with the same key (concurrent inserts at the same place) are ordered
 * by id, so every replica shows the same order.
 */
import { generateKeyBetween } from 'fractional-indexing';

export interface Ordered {
  readonly id: string;
  readonly order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

/** A key after every item of the list. */
export function orderKeyAtEnd(items: readonly Ordered[]): string {
  const sorted = sortOrdered(items);
  const last = sorted[sorted.length - 1];
  return generateKeyBetween(last ? safeKey(last.order) : null, null);
}

/**
 * The key that puts an item at `index` of the list once it is removed from its current place.
 * `items` is the current list without the item being moved.
 */
export function orderKeyAt(items: readonly Ordered[], index: number): string {
  const sorted = sortOrdered(items);
  const clamped = Math.max(0, Math.min(index, sorted.length));
  const before = sorted[clamped - 1];
  const after = sorted[clamped];
  const low = before ? safeKey(before.order) : null;
  let high = after ? safeKey(after.order) : null;
  // Equal neighbours (a concurrent tie) leave no room between them; place after the lower one.
  if (low !== null && high !== null && low >= high) high = null;
  return generateKeyBetween(low, high);
}

/** A stored key that is not a valid fractional key sorts as the smallest valid key. */
export function safeKey(key: string): string {
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return 'a0';
  }
}

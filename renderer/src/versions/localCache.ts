/**
 * What the app last fetched from the relay about an SOA's versions and history, kept on this computer
 * (localStorage) with the time it was fetched, so the pages still have something true to show offline and
 * can say how old it is. A damaged or foreign entry reads as nothing cached, never as an error.
 */
import type { z } from 'zod';

export interface Cached<T> {
  readonly value: T;
  /** ISO time it was fetched from the relay. */
  readonly fetchedAt: string;
}

const key = (what: string, soaId: string) => `soa-studio.${what}.${soaId}`;

export function readCache<T>(what: string, soaId: string, schema: z.ZodType<T>): Cached<T> | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key(what, soaId)) ?? 'null');
    if (
      !raw ||
      typeof raw !== 'object' ||
      !('fetchedAt' in raw) ||
      typeof raw.fetchedAt !== 'string' ||
      !('value' in raw)
    )
      return null;
    const value = schema.safeParse(raw.value);
    return value.success ? { value: value.data, fetchedAt: raw.fetchedAt } : null;
  } catch {
    return null;
  }
}

export function writeCache<T>(what: string, soaId: string, value: T): Cached<T> {
  const cached = { value, fetchedAt: new Date().toISOString() };
  try {
    localStorage.setItem(key(what, soaId), JSON.stringify(cached));
  } catch {
    // A full store: the answer is still shown now, only not kept for offline.
  }
  return cached;
}

export function readList<T>(what: string, soaId: string, schema: z.ZodType<T>): T[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key(what, soaId)) ?? '[]');
    return Array.isArray(raw)
      ? raw.flatMap((item) => {
          const parsed = schema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
  } catch {
    return [];
  }
}

export function writeList<T>(what: string, soaId: string, items: readonly T[]): void {
  localStorage.setItem(key(what, soaId), JSON.stringify(items));
}

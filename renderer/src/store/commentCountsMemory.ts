/**
 * The open-comment counts of an SOA as this computer last read them, kept in localStorage so the outline
 * and the dashboard show them on the first screen, before the comment rooms are read (reading every
 * member's comment room from IndexedDB costs the open a tenth of a second or more with 1,000 comments).
 * Rewritten every time the comment rooms are read, so it follows edits, replies and resolutions, online
 * or offline. A damaged or foreign entry reads as nothing kept, never as an error.
 */
import { z } from 'zod';
import type { OpenCommentCounts, OutcomeId, PartnerId } from '../../../shared/model';

const countsSchema = z.object({
  total: z.number().int().nonnegative(),
  bySection: z.array(z.tuple([z.string(), z.number().int().positive()])),
  byPartner: z.array(z.tuple([z.string(), z.number().int().positive()])),
  coordinators: z.number().int().nonnegative(),
  byOutcome: z.array(z.tuple([z.string(), z.number().int().positive()])),
  /** ISO time the comment rooms were read. */
  readAt: z.string(),
});

export interface RememberedCounts {
  readonly counts: OpenCommentCounts;
  readonly readAt: string;
}

export function readRememberedCounts(key: string | null): RememberedCounts | null {
  if (key === null) return null;
  try {
    const parsed = countsSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
    if (!parsed.success) return null;
    const { total, bySection, byPartner, coordinators, byOutcome, readAt } = parsed.data;
    return {
      counts: {
        total,
        bySection: new Map(bySection),
        byPartner: new Map(byPartner.map(([id, count]) => [id as PartnerId, count])),
        coordinators,
        byOutcome: new Map(byOutcome.map(([id, count]) => [id as OutcomeId, count])),
      },
      readAt,
    };
  } catch {
    return null;
  }
}

export function rememberCounts(key: string | null, counts: OpenCommentCounts): void {
  if (key === null) return;
  const value: z.input<typeof countsSchema> = {
    total: counts.total,
    bySection: [...counts.bySection],
    byPartner: [...counts.byPartner],
    coordinators: counts.coordinators,
    byOutcome: [...counts.byOutcome],
    readAt: new Date().toISOString(),
  };
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full store: the counts are shown now, only not ready for the next open's first screen.
  }
}

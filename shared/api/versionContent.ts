/**
 * One named version's content and its comparison, over HTTP (Authorization: Bearer <token>):
 *
 *   GET /api/soas/<soaId>/versions/<versionId>                  each room's state as the version holds it
 *   GET /api/soas/<soaId>/versions/<versionId>/compare[?to=<id>] what changed since it (to now, or a later version)
 *
 * The compare answer is the same as `soa-relay version compare --json`. The app validates both before use.
 */
import { z } from 'zod';
import { versionRecordSchema } from './versions';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function versionPath(soaId: string, versionId: string): string {
  return `/api/soas/${encodeURIComponent(soaId)}/versions/${encodeURIComponent(versionId)}`;
}

export function comparePath(soaId: string, fromVersionId: string, toVersionId?: string | null): string {
  return `${versionPath(soaId, fromVersionId)}/compare${toVersionId ? `?to=${encodeURIComponent(toVersionId)}` : ''}`;
}

export const versionContentSchema = z.object({
  version: versionRecordSchema,
  /** Every room the version holds: its name and its state (Y.encodeStateAsUpdate), base64. */
  rooms: z.array(z.object({ room: z.string().max(300), state: z.string().max(200 * 1024 * 1024) })).max(10_000),
});

export type VersionContentResponse = z.infer<typeof versionContentSchema>;

export const comparedAuthorSchema = z.object({
  memberId: id.nullable(),
  name: z.string().max(200),
  partnerId: id.nullable(),
  partnerName: z.string().max(500).nullable(),
  changes: z.number().int().nonnegative(),
  lastChangedAt: z.string().max(40),
});

export const comparedPieceSchema = z.object({
  kind: z.enum(['same', 'inserted', 'deleted']),
  text: z.string(),
  memberId: id.nullable().optional(),
  at: z.string().max(40).optional(),
});

export const comparedSectionSchema = z.object({
  key: z.string().max(1000),
  title: z.string().max(1000),
  room: z.string().max(300),
  changedBy: z.array(comparedAuthorSchema).max(10_000),
  pieces: z.array(comparedPieceSchema),
});

export const comparisonResponseSchema = z.object({
  from: versionRecordSchema,
  to: versionRecordSchema.nullable(),
  sections: z.array(comparedSectionSchema),
});

export type ComparedAuthor = z.infer<typeof comparedAuthorSchema>;
export type ComparedPiece = z.infer<typeof comparedPieceSchema>;
export type ComparedSection = z.infer<typeof comparedSectionSchema>;
export type ComparisonResponse = z.infer<typeof comparisonResponseSchema>;

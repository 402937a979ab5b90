/**
 * The SOA's named versions and its history over HTTP (Authorization: Bearer <token>):
 *
 *   GET  /api/soas/<soaId>/versions   every named version of the SOA, oldest first
 *   POST /api/soas/<soaId>/versions   {"name": "..."}: records one (coordinators only)
 *   GET  /api/soas/<soaId>/history    the audit, grouped as `soa-relay history` groups it
 *
 * `soa-relay version create|list --json` print the same version records. The app validates every answer
 * with these schemas before using it (the relay is outside the app's trust boundary).
 */
import { z } from 'zod';
import { MEMBER_ROLES } from '../model/rooms';
import { MAX_VERSION_NAME } from './versionName';

export { MAX_VERSION_NAME };

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const versionRecordSchema = z.object({
  versionId: id,
  name: z.string().min(1).max(MAX_VERSION_NAME),
  /** ISO time the relay recorded it. */
  createdAt: z.string().max(40),
  /** The member who recorded it; null: the relay's administrator (soa-relay version create). */
  createdBy: id.nullable(),
  createdByName: z.string().max(200),
  /** Every room whose state the version holds, frame first. */
  rooms: z.array(z.string().max(300)).max(10_000),
});

export type VersionRecord = z.infer<typeof versionRecordSchema>;

export const versionListSchema = z.object({ versions: z.array(versionRecordSchema).max(10_000) });

export const createVersionRequestSchema = z.object({ name: z.string().max(MAX_VERSION_NAME * 4) });

export const historyEntrySchema = z.object({
  from: z.string().max(40),
  to: z.string().max(40),
  changes: z.number().int().nonnegative(),
  memberId: id.nullable(),
  memberName: z.string().max(200),
  partnerName: z.string().max(500).nullable(),
  role: z.enum(MEMBER_ROLES).nullable(),
  room: z.string().max(300),
  /** The partner whose room it is; null for the frame. */
  roomPartnerId: id.nullable(),
  sections: z.array(z.string().max(1000)).max(10_000),
  /**
   * The sections touched, by identity: shared/compare's section keys ("narrative.vision", "outcome.<id>",
   * "partner.<id>.contribution.<outcomeId>"), which a rename does not change. Absent from older relays.
   */
  sectionKeys: z.array(z.string().max(300)).max(10_000).optional(),
});

export type HistoryEntryRecord = z.infer<typeof historyEntrySchema>;

export const historyResponseSchema = z.object({
  soaId: id,
  title: z.string().max(500),
  entries: z.array(historyEntrySchema),
});

export type HistoryResponse = z.infer<typeof historyResponseSchema>;

/**
 * GET /api/session (Authorization: Bearer <token>): who the member is, their partnership and partners, and
 * the SOAs they can see with their rooms. The relay answers with this shape; the app validates it with the
 * schema before using it (the relay is outside the app's trust boundary).
 */
import { z } from 'zod';
import { FRAMEWORK_IDS, PARTNER_KINDS } from '../reference';
import { MEMBER_ROLES } from '../model/rooms';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const sessionResponseSchema = z.object({
  member: z.object({
    id,
    name: z.string().max(200),
    role: z.enum(MEMBER_ROLES),
    partnerId: id,
  }),
  partnership: z.object({
    id,
    name: z.string().max(500),
    partners: z.array(z.object({ id, name: z.string().max(500), kind: z.enum(PARTNER_KINDS) })).max(100),
    /** Every member, revoked ones too: comment authors and the people a comment can mention. */
    members: z
      .array(z.object({ id, name: z.string().max(200), partnerId: id, role: z.enum(MEMBER_ROLES) }))
      .max(2000)
      .default([]),
  }),
  soas: z
    .array(
      z.object({
        id,
        title: z.string().max(500),
        framework: z.enum(FRAMEWORK_IDS),
        /** Room names: the frame first, then one per partner. */
        rooms: z.array(z.string().max(300)).max(101),
        /** One comment room per member (soa/<soaId>/comments/<memberId>), written only by that member. */
        commentRooms: z.array(z.string().max(300)).max(2000).default([]),
      }),
    )
    .max(100),
  /**
   * The relay's own Ed25519 public key (raw 32 bytes, base64), which signs "latest" files
   * (shared/bundle/latestFile.ts). The app remembers it when it joins. Absent from older relays.
   */
  relayKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/)
    .optional(),
});

export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** Error body of every failed /api request: a plain-English message for the user. */
export const apiErrorSchema = z.object({ error: z.string().max(2000) });

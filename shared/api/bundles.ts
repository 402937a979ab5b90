/**
 * POST /api/bundles (Authorization: Bearer <token>, the body a change file): the relay's answer, as
 * shared/bundle/FORMAT.md describes it. The app validates it before showing it (the relay is outside the
 * app's trust boundary). `changed` per room is an addition the app uses to tell "applied" from "already
 * there"; a relay that does not send it is read as if every applied room changed when `changed` > 0.
 */
import { z } from 'zod';

export const BUNDLES_PATH = '/api/bundles';

export const bundleImportResultSchema = z.object({
  soaId: z.string().max(64),
  memberId: z.string().max(64),
  rooms: z
    .array(
      z.object({
        room: z.string().max(300),
        applied: z.boolean(),
        reason: z.string().max(2000).nullable(),
        changed: z.boolean().optional(),
      }),
    )
    .max(10_000),
  changed: z.number().int().min(0),
});

export type BundleImportResponse = z.infer<typeof bundleImportResultSchema>;

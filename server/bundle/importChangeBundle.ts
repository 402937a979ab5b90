/**
 * Importing a change file (issue 17): the same checks, pipeline and audit as a live write by the file's
 * member, whoever imports it (the CLI's `bundle import`, or POST /api/bundles on a running relay).
 *
 * - The file as a whole: its shape (shared/bundle/changeFile.ts), its member (known, not revoked), its MAC
 *   (keyed from that member's token hash), and its SOA (one of that member's partnership). If any fails,
 *   nothing is applied and the one reason is returned.
 * - Each room: only if the member may write it (the rule of live writes, shared/model/rooms.ts mayWrite);
 *   its update goes through the write pipeline as that member's (author, client-id rule, quotas, nesting,
 *   durable store, broadcast to open clients), in pieces the pipeline accepts (shared/protocol/
 *   updatePieces.ts). A room refused is reported and the others still apply.
 * - Idempotent: a file imported before holds nothing new, so nothing is stored and `changed` is 0.
 */
import type { MemberId, SoaId } from '../../shared/model/ids';
import { mayWrite, parseRoomName } from '../../shared/model/rooms';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { splitUpdate } from '../../shared/protocol/updatePieces';
import { parseChangeBundle } from '../../shared/bundle/changeFile';
import type { AuthenticatedMember, Directory } from '../db/directory';
import type { RoomRegistry } from '../relay/roomRegistry';
import type { WriteOutcome } from '../relay/writePipeline';
import { bundleKey, macMatches } from './bundleMac';

export interface BundleRoomResult {
  readonly room: string;
  readonly applied: boolean;
  readonly reason: string | null;
  /** Whether this room's stored content changed (false: refused, or everything in it was already there). */
  readonly changed: boolean;
}

export interface BundleImportResult {
  readonly soaId: SoaId;
  readonly memberId: MemberId;
  readonly rooms: readonly BundleRoomResult[];
  /** Rooms whose stored content changed. */
  readonly changed: number;
}

export type BundleImport =
  /** Nothing was applied. forbidden: the importer may not import for this SOA (HTTP 403). */
  | { readonly kind: 'refused'; readonly reason: string; readonly forbidden?: boolean }
  | { readonly kind: 'imported'; readonly result: BundleImportResult };

const NOTHING = 'Nothing was imported.';

export async function importChangeBundle(
  text: string,
  directory: Directory,
  registry: RoomRegistry,
  importer: AuthenticatedMember | null = null,
): Promise<BundleImport> {
  const parsed = parseChangeBundle(text);
  if (!parsed.ok) return { kind: 'refused', reason: `${parsed.reason} ${NOTHING}` };
  const { bundle, updates, mac } = parsed;
  const found = directory.memberById(bundle.memberId);
  if (!found)
    return {
      kind: 'refused',
      reason: `The change file's member (${bundle.memberId}) is not known to this relay. ${NOTHING}`,
    };
  if (!macMatches(bundle, mac, bundleKey(found.tokenHash))) {
    return {
      kind: 'refused',
      reason: `The change file was changed after it was saved, or was not saved by its member: its MAC does not match. ${NOTHING}`,
    };
  }
  const member = found.member;
  if (found.revoked)
    return {
      kind: 'refused',
      reason: `${member.name}'s access has been revoked, so their change file is not accepted. ${NOTHING}`,
    };
  if (!directory.mayOpen(member, { kind: 'frame', soaId: bundle.soaId })) {
    return {
      kind: 'refused',
      reason: `The change file is for an SOA that is not one of ${member.name}'s partnership's on this relay. ${NOTHING}`,
    };
  }
  if (importer && importer.partnershipId !== member.partnershipId) {
    return {
      kind: 'refused',
      reason: `Only a member of ${member.name}'s partnership may import their change file. ${NOTHING}`,
      forbidden: true,
    };
  }

  const rooms: BundleRoomResult[] = [];
  let changed = 0;
  for (const [index, entry] of bundle.rooms.entries()) {
    const room = parseRoomName(entry.room);
    if (!room || !directory.mayOpen(member, room)) {
      rooms.push({
        room: entry.room,
        applied: false,
        reason: 'This relay has no such room in the SOA.',
        changed: false,
      });
      continue;
    }
    if (!mayWrite(member, room)) {
      rooms.push({
        room: entry.room,
        applied: false,
        reason: `${member.name} may not change this room: it belongs to another partner or role.`,
        changed: false,
      });
      continue;
    }
    const outcome = await registry.withRoom(entry.room, async (loaded) => {
      let stored = false;
      for (const piece of splitUpdate(updates[index] ?? new Uint8Array())) {
        const result = await new Promise<WriteOutcome>((resolve) => {
          void registry.pipeline.submit(
            loaded,
            { author: member.id, via: 'bundle', mayWrite: true, peer: null, dropped: () => false, settle: resolve },
            piece,
          );
        });
        if (result.kind === 'refused') return { stored, refused: result };
        if (result.kind === 'accepted' && result.stored) stored = true;
      }
      return { stored, refused: null };
    });
    if (outcome.stored) changed++;
    if (outcome.refused)
      rooms.push({ room: entry.room, applied: false, reason: reasonFor(outcome.refused), changed: outcome.stored });
    else rooms.push({ room: entry.room, applied: true, reason: null, changed: outcome.stored });
  }
  return { kind: 'imported', result: { soaId: bundle.soaId, memberId: member.id, rooms, changed } };
}

function reasonFor(refused: Extract<WriteOutcome, { kind: 'refused' }>): string {
  if (refused.code === CLOSE_CODES.MALFORMED) return 'The change for this room could not be read.';
  return refused.reason;
}

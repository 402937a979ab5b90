/**
 * Change files (.soabundle, kind "changes"): a member's unsent changes, carried by email or on a USB stick
 * to whoever has a link, who imports them into the relay. The format is a contract with other tools; it is
 * documented in shared/bundle/FORMAT.md. This module reads and checks a file's shape and gives the text its
 * MAC is computed over; the MAC itself (HMAC-SHA256) is computed where a crypto library is (the relay with
 * node:crypto, the app with WebCrypto).
 */
import { fromBase64 } from 'lib0/buffer';
import { isWellFormedId, type MemberId, type SoaId } from '../model/ids';
import { parseRoomName } from '../model/rooms';

export const BUNDLE_FORMAT = 'soabundle';
export const BUNDLE_VERSION = 1;

export interface BundleRoom {
  /** The room's name, e.g. soa/<soaId>/partner/<partnerId>. */
  readonly room: string;
  /** A Yjs update (format V1), base64. */
  readonly update: string;
}

export interface ChangeBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly kind: 'changes';
  readonly soaId: SoaId;
  readonly memberId: MemberId;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly rooms: readonly BundleRoom[];
  /** base64 of HMAC-SHA256 over bundleMacMessage, keyed with the 32 bytes of SHA-256 of the member's token. */
  readonly mac: string;
}

export type ParsedBundle =
  | {
      readonly ok: true;
      readonly bundle: ChangeBundle;
      readonly updates: readonly Uint8Array[];
      readonly mac: Uint8Array;
    }
  | { readonly ok: false; readonly reason: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The exact text the MAC is computed over (UTF-8). */
export function bundleMacMessage(bundle: Omit<ChangeBundle, 'mac'>): string {
  const head = `${BUNDLE_FORMAT}\n${BUNDLE_VERSION}\n${bundle.kind}\n${bundle.soaId}\n${bundle.memberId}\n${bundle.createdAt}\n`;
  return head + bundle.rooms.map((entry) => `${entry.room}\n${entry.update}\n`).join('');
}

function refuse(reason: string): ParsedBundle {
  return { ok: false, reason };
}

/** Reads a change file's text; says in words what is wrong with one that is not a valid change file. */
export function parseChangeBundle(text: string): ParsedBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('This is not a change file: it is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('This is not a change file: it is not a JSON object.');
  const file = value as Record<string, unknown>;
  if (file.format !== BUNDLE_FORMAT) return refuse('This is not a change file: its "format" is not "soabundle".');
  if (file.version !== BUNDLE_VERSION)
    return refuse(
      `This change file is version ${JSON.stringify(file.version)}; this relay reads version ${BUNDLE_VERSION}.`,
    );
  if (file.kind === 'latest')
    return refuse('This file holds the latest SOA for someone offline, not changes to import; open it in the app.');
  if (file.kind !== 'changes') return refuse('This is not a change file: its "kind" is not "changes".');
  if (!isWellFormedId(file.soaId)) return refuse('This change file has no valid "soaId".');
  if (!isWellFormedId(file.memberId)) return refuse('This change file has no valid "memberId".');
  if (typeof file.createdAt !== 'string' || !ISO_8601.test(file.createdAt) || Number.isNaN(Date.parse(file.createdAt)))
    return refuse('This change file has no valid "createdAt" (ISO 8601).');
  if (!Array.isArray(file.rooms)) return refuse('This change file has no "rooms" list.');
  if (typeof file.mac !== 'string' || !BASE64.test(file.mac)) return refuse('This change file has no valid "mac".');
  const rooms: BundleRoom[] = [];
  const updates: Uint8Array[] = [];
  for (const [index, entry] of file.rooms.entries()) {
    const item = entry as Record<string, unknown> | null;
    if (typeof item !== 'object' || item === null || typeof item.room !== 'string' || typeof item.update !== 'string')
      return refuse(`Room ${index + 1} of this change file is not a "room" and an "update".`);
    const parsed = parseRoomName(item.room);
    if (!parsed || parsed.soaId !== file.soaId)
      return refuse(`Room ${index + 1} of this change file (${item.room.slice(0, 120)}) is not a room of its SOA.`);
    if (!BASE64.test(item.update))
      return refuse(`Room ${index + 1} of this change file has an update that is not base64.`);
    rooms.push({ room: item.room, update: item.update });
    updates.push(fromBase64(item.update));
  }
  const bundle: ChangeBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'changes',
    soaId: file.soaId as SoaId,
    memberId: file.memberId as MemberId,
    createdAt: file.createdAt,
    rooms,
    mac: file.mac,
  };
  return { ok: true, bundle, updates, mac: fromBase64(file.mac) };
}

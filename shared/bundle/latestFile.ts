/**
 * Latest files (.soabundle, kind "latest"): every room of an SOA as the relay stores it, for an officer with
 * no link, signed with the relay's own Ed25519 key. The app applies one only when the signature checks
 * against the relay key it learnt when it joined, so content nobody on the relay wrote never reaches an
 * officer's copy. Documented in shared/bundle/FORMAT.md; the signature itself is made and checked where a
 * crypto library is (node:crypto on the relay, WebCrypto in the app).
 */
import { fromBase64 } from 'lib0/buffer';
import { isWellFormedId, type SoaId } from '../model/ids';
import { parseRoomName } from '../model/rooms';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleRoom } from './changeFile';

export interface LatestBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly kind: 'latest';
  readonly soaId: SoaId;
  /** ISO 8601: when the relay wrote it. */
  readonly createdAt: string;
  /** base64 of the relay's raw 32-byte Ed25519 public key (which key signed it; trust comes from the app's own copy). */
  readonly relayKey: string;
  /** Every room of the SOA: its whole stored state (a Yjs update, V1), base64. */
  readonly rooms: readonly BundleRoom[];
  /** base64 of the 64-byte Ed25519 signature over latestSignedMessage. */
  readonly signature: string;
}

export type ParsedLatest =
  | {
      readonly ok: true;
      readonly bundle: LatestBundle;
      readonly updates: readonly Uint8Array[];
      readonly signature: Uint8Array;
      readonly relayKey: Uint8Array;
    }
  | { readonly ok: false; readonly reason: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The exact text the signature is made over (UTF-8). */
export function latestSignedMessage(bundle: Omit<LatestBundle, 'signature'>): string {
  const head = `${BUNDLE_FORMAT}\n${BUNDLE_VERSION}\nlatest\n${bundle.soaId}\n${bundle.createdAt}\n${bundle.relayKey}\n`;
  return head + bundle.rooms.map((entry) => `${entry.room}\n${entry.update}\n`).join('');
}

function refuse(reason: string): ParsedLatest {
  return { ok: false, reason };
}

/** True when the text is a JSON object that says it is a latest file (before any check of its content). */
export function looksLikeLatest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'latest';
}

/** Reads a latest file's text; says in words what is wrong with one that is not a valid latest file. */
export function parseLatestBundle(text: string): ParsedLatest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('This is not an SOA Studio file: it is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('This is not an SOA Studio file.');
  const file = value as Record<string, unknown>;
  if (file.format !== BUNDLE_FORMAT) return refuse('This is not an SOA Studio file: its "format" is not "soabundle".');
  if (file.version !== BUNDLE_VERSION)
    return refuse(
      `This file is version ${JSON.stringify(file.version)}; this SOA Studio reads version ${BUNDLE_VERSION}.`,
    );
  if (file.kind !== 'latest') return refuse('This is not a latest file.');
  if (!isWellFormedId(file.soaId)) return refuse('This latest file has no valid "soaId".');
  if (typeof file.createdAt !== 'string' || !ISO_8601.test(file.createdAt) || Number.isNaN(Date.parse(file.createdAt)))
    return refuse('This latest file has no valid "createdAt".');
  if (typeof file.relayKey !== 'string' || !BASE64.test(file.relayKey) || fromBase64(file.relayKey).byteLength !== 32)
    return refuse('This latest file has no valid "relayKey".');
  if (
    typeof file.signature !== 'string' ||
    !BASE64.test(file.signature) ||
    fromBase64(file.signature).byteLength !== 64
  )
    return refuse('This latest file has no valid "signature".');
  if (!Array.isArray(file.rooms)) return refuse('This latest file has no "rooms" list.');
  const rooms: BundleRoom[] = [];
  const updates: Uint8Array[] = [];
  for (const [index, entry] of file.rooms.entries()) {
    const item = entry as Record<string, unknown> | null;
    if (typeof item !== 'object' || item === null || typeof item.room !== 'string' || typeof item.update !== 'string')
      return refuse(`Room ${index + 1} of this latest file is not a "room" and an "update".`);
    const parsed = parseRoomName(item.room);
    if (!parsed || parsed.soaId !== file.soaId)
      return refuse(`Room ${index + 1} of this latest file is not a room of its SOA.`);
    if (!BASE64.test(item.update))
      return refuse(`Room ${index + 1} of this latest file has an update that is not base64.`);
    rooms.push({ room: item.room, update: item.update });
    updates.push(fromBase64(item.update));
  }
  const bundle: LatestBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'latest',
    soaId: file.soaId as SoaId,
    createdAt: file.createdAt,
    relayKey: file.relayKey,
    rooms,
    signature: file.signature,
  };
  return { ok: true, bundle, updates, signature: fromBase64(file.signature), relayKey: fromBase64(file.relayKey) };
}

/**
 * A latest file for an SOA (shared/bundle/latestFile.ts): every room's stored state, signed with the
 * relay's key. Written by `soa-relay bundle export` and GET /api/soas/<id>/latest; the route has each room's
 * state worked out on the comparison worker (roomStates), so the relay's event loop only reads the rows
 * and signs.
 */
import * as Y from 'yjs';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../shared/bundle/changeFile';
import { latestSignedMessage, type LatestBundle } from '../../shared/bundle/latestFile';
import type { SoaId } from '../../shared/model/ids';
import type { Directory } from '../db/directory';
import { signWithRelayKey } from './relayKey';

/** Each room of the SOA with its stored rows, as they are in the database. */
export function latestRoomRows(
  directory: Directory,
  soaInput: string | undefined,
): { readonly soaId: SoaId; readonly rooms: [string, readonly Uint8Array[]][] } {
  const { soaId, rooms } = directory.soaRoomNames(soaInput);
  return { soaId, rooms: rooms.map((room) => [room, directory.rooms.loadNow(room).updates]) };
}

/** One room's state from its stored rows, as Directory.readRoom builds it. */
export function roomState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The signed latest file of an SOA whose rooms' states are worked out. */
export function signedLatest(
  directory: Directory,
  soaId: SoaId,
  states: readonly (readonly [string, Uint8Array])[],
  now: Date = new Date(),
): LatestBundle {
  const key = directory.relayKey();
  const fields: Omit<LatestBundle, 'signature'> = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'latest',
    soaId,
    createdAt: now.toISOString(),
    relayKey: key.publicKeyBase64,
    rooms: states.map(([room, state]) => ({ room, update: Buffer.from(state).toString('base64') })),
  };
  return { ...fields, signature: signWithRelayKey(key, latestSignedMessage(fields)).toString('base64') };
}

export function latestBundle(directory: Directory, soaInput: string | undefined, now: Date = new Date()): LatestBundle {
  const { soaId, rooms } = latestRoomRows(directory, soaInput);
  return signedLatest(
    directory,
    soaId,
    rooms.map(([room, updates]) => [room, roomState(updates)]),
    now,
  );
}

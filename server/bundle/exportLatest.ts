/**
 * A latest file for an SOA (shared/bundle/latestFile.ts): every room's stored state, signed with the
 * relay's key. Written by `soa-relay bundle export` and GET /api/soas/<id>/latest.
 */
import * as Y from 'yjs';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../shared/bundle/changeFile';
import { latestSignedMessage, type LatestBundle } from '../../shared/bundle/latestFile';
import type { Directory } from '../db/directory';
import { signWithRelayKey } from './relayKey';

export function latestBundle(directory: Directory, soaInput: string | undefined, now: Date = new Date()): LatestBundle {
  const { soaId, rooms } = directory.soaRoomNames(soaInput);
  const key = directory.relayKey();
  const fields: Omit<LatestBundle, 'signature'> = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'latest',
    soaId,
    createdAt: now.toISOString(),
    relayKey: key.publicKeyBase64,
    rooms: rooms.map((room) => ({
      room,
      update: Buffer.from(Y.encodeStateAsUpdate(directory.readRoom(room))).toString('base64'),
    })),
  };
  return { ...fields, signature: signWithRelayKey(key, latestSignedMessage(fields)).toString('base64') };
}

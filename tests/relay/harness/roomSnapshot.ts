/** What a room holds, as a fresh reader receives it, in a form two loads can be compared by. */
import * as Y from 'yjs';
import { connectClient } from './clients';

export interface RoomIdentity {
  /** Y.encodeStateAsUpdate of the received document. */
  readonly update: Uint8Array;
  readonly stateVector: Uint8Array;
  readonly snapshot: Y.Snapshot;
}

export async function readRoom(syncUrl: string, room: string, token: string): Promise<RoomIdentity> {
  const reader = connectClient(syncUrl, room, token);
  await reader.synced();
  const identity = {
    update: Y.encodeStateAsUpdate(reader.doc),
    stateVector: Y.encodeStateVector(reader.doc),
    snapshot: Y.snapshot(reader.doc),
  };
  reader.destroy();
  return identity;
}

export function sameRoom(a: RoomIdentity, b: RoomIdentity): boolean {
  return Buffer.from(a.update).equals(Buffer.from(b.update)) && Y.equalSnapshots(a.snapshot, b.snapshot);
}

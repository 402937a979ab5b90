/**
 * A version as the relay sent it (shared/api/versionContent.ts) made into documents: each room's Yjs state
 * decoded into its own Y.Doc (never the workspace's rooms, so nothing of the version can reach the live SOA
 * except through an explicit copy), and the SOA assembled from them as the export assembles it.
 */
import * as Y from 'yjs';
import type { VersionContentResponse } from '../../../shared/api/versionContent';
import { assembleFromDocs, parseRoomName, type PartnerId, type SoaSnapshot } from '../../../shared/model';

export interface VersionDocs {
  readonly frame: Y.Doc;
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
  /** Every room by name (frame and partners). */
  readonly rooms: ReadonlyMap<string, Y.Doc>;
  readonly snapshot: SoaSnapshot;
}

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function versionDocs(content: VersionContentResponse): VersionDocs {
  const rooms = new Map<string, Y.Doc>();
  let frame: Y.Doc | null = null;
  const partnerDocs = new Map<PartnerId, Y.Doc>();
  for (const { room, state } of content.rooms) {
    const parsed = parseRoomName(room);
    if (!parsed || parsed.kind === 'comments') continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decodeBase64(state));
    rooms.set(room, doc);
    if (parsed.kind === 'frame') frame = doc;
    else partnerDocs.set(parsed.partnerId, doc);
  }
  frame ??= new Y.Doc();
  return { frame, partnerDocs, rooms, snapshot: assembleFromDocs(frame, partnerDocs) };
}

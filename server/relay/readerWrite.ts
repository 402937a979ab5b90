/**
 * A write from a member who may not write the room is never decoded in full, applied, stored or broadcast.
 * The relay only decides whether to tell the sender "permission denied" (the write holds something the
 * room lacks) or to say nothing (a reader's sync step 2 normally holds no items, only the delete set of
 * what the room already has), and decides it reading as little of the write as it can:
 *
 * - no items: only a delete set follows, which is decoded (it has no content) and compared with the room;
 * - items whose first one starts at or beyond what the room holds from that client: new, refused unread;
 * - otherwise (items that begin with content the room has): decoded and compared only when small
 *   (READER_WRITE_DECODE_BYTES), refused unread when larger.
 *
 * Update format (Yjs v1): varUint number of clients with items; per client varUint item count, varUint
 * client id, varUint clock of its first item, then the items (each starting with an info byte); then the
 * delete set.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { addsToDoc, decodeUpdate } from './checkUpdate';
import { READER_WRITE_DECODE_BYTES } from './limits';

/** Yjs's info byte for a Skip struct (a gap left by merging updates): it holds nothing. */
const SKIP_INFO = 10;

export interface ReaderWriteVerdict {
  /** True when the write holds something the room lacks: the sender is told "permission denied". */
  readonly addsToRoom: boolean;
  /** Bytes the relay decoded to decide (0 when it decided from the header). */
  readonly decodedBytes: number;
}

export function judgeReaderWrite(doc: Y.Doc, update: Uint8Array): ReaderWriteVerdict {
  let smallEnoughToDecode = update.byteLength <= READER_WRITE_DECODE_BYTES;
  try {
    const decoder = decoding.createDecoder(update);
    const clientsWithItems = decoding.readVarUint(decoder);
    if (clientsWithItems === 0) smallEnoughToDecode = true;
    else {
      decoding.readVarUint(decoder); // item count
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const info = decoding.readUint8(decoder);
      if ((info & 0b11111) !== SKIP_INFO && clock >= Y.getState(doc.store, client))
        return { addsToRoom: true, decodedBytes: 0 };
    }
  } catch {
    // Not even a header: refused as a write, unread.
    return { addsToRoom: true, decodedBytes: 0 };
  }
  if (!smallEnoughToDecode) return { addsToRoom: true, decodedBytes: 0 };
  const decoded = decodeUpdate(update);
  return { addsToRoom: decoded === null || addsToDoc(doc, decoded), decodedBytes: update.byteLength };
}

import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeAckPayload, encodeAck, encodeSyncUpdate, MESSAGE_TYPES } from './messages';
import { fromV2Message, toV2Message, V2_MESSAGE_TYPES } from './v2Messages';

/** A document with typing and deletions by two writers, and one whose state lags it. */
function twoDocs(): { ahead: Y.Doc; behind: Y.Doc } {
  const ahead = new Y.Doc();
  const text = ahead.getText('statement');
  for (let i = 0; i < 300; i++) {
    text.insert(text.length, `word${i} `);
    if (i % 7 === 3) text.delete(text.length - 3, 2);
  }
  const behind = new Y.Doc();
  Y.applyUpdate(behind, Y.encodeStateAsUpdate(ahead));
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(ahead));
  other.getText('statement').insert(5, 'inserted later ');
  other.getText('statement').delete(40, 30);
  Y.applyUpdate(ahead, Y.encodeStateAsUpdate(other));
  return { ahead, behind };
}

function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

describe('V2 forms of sync step 2 and the ACK', () => {
  it('carries a catch-up in fewer bytes and gives back a sync step 2 that brings the document up to date', () => {
    const { ahead, behind } = twoDocs();
    const step2 = syncStep2(ahead, Y.encodeStateVector(behind));
    const compact = toV2Message(step2);
    expect(compact[0]).toBe(V2_MESSAGE_TYPES.SYNC_STEP2_V2);
    expect(compact.byteLength).toBeLessThan(step2.byteLength);
    const back = decoding.createDecoder(fromV2Message(compact));
    expect(decoding.readVarUint(back)).toBe(MESSAGE_TYPES.SYNC);
    expect(decoding.readVarUint(back)).toBe(syncProtocol.messageYjsSyncStep2);
    Y.applyUpdate(behind, decoding.readVarUint8Array(back));
    expect(behind.getText('statement').toString()).toBe(ahead.getText('statement').toString());
  });

  it('gives back an ACK with the same state vector and the same deletions', () => {
    const { ahead } = twoDocs();
    const ds = Y.encodeStateAsUpdate(ahead, Y.encodeStateVector(ahead)); // no structs, every deletion
    const ack = encodeAck({ stateVector: Y.encodeStateVector(ahead), deleteSetUpdate: ds });
    const compact = toV2Message(ack);
    expect(compact[0]).toBe(V2_MESSAGE_TYPES.ACK_V2);
    expect(compact.byteLength).toBeLessThan(ack.byteLength);
    const back = decoding.createDecoder(fromV2Message(compact));
    expect(decoding.readVarUint(back)).toBe(MESSAGE_TYPES.ACK);
    const payload = decodeAckPayload(back);
    expect(payload.stateVector).toEqual(Y.encodeStateVector(ahead));
    expect(Y.decodeUpdate(payload.deleteSetUpdate).ds).toEqual(Y.decodeUpdate(ds).ds);
  });

  it('leaves every other message as it is', () => {
    const update = encodeSyncUpdate(Y.encodeStateAsUpdate(twoDocs().ahead));
    expect(toV2Message(update)).toBe(update);
    expect(fromV2Message(update)).toBe(update);
    const awareness = new Uint8Array([MESSAGE_TYPES.AWARENESS, 1, 0]);
    expect(toV2Message(awareness)).toBe(awareness);
  });
});

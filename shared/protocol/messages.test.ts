import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeSyncUpdate, MESSAGE_TYPES, updateInSyncMessage } from './messages';

describe('sync update messages', () => {
  it('carry an update the stock sync protocol applies, and give it back unchanged', () => {
    const author = new Y.Doc();
    author.getText('statement').insert(0, 'We will publish the plan by 31 March 2026.');
    const update = Y.encodeStateAsUpdate(author);
    const message = encodeSyncUpdate(update);

    const reader = new Y.Doc();
    const decoder = decoding.createDecoder(message);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_TYPES.SYNC);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), reader, null);
    expect(reader.getText('statement').toString()).toBe('We will publish the plan by 31 March 2026.');

    expect(updateInSyncMessage(message)).toEqual(update);
  });

  it('find the update in a sync step 2, and nothing in a step 1 or a presence message', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'Glenmorven SOA');
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MESSAGE_TYPES.SYNC);
    syncProtocol.writeSyncStep2(step2, doc);
    expect(updateInSyncMessage(encoding.toUint8Array(step2))).toEqual(Y.encodeStateAsUpdate(doc));

    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_TYPES.SYNC);
    syncProtocol.writeSyncStep1(step1, doc);
    expect(updateInSyncMessage(encoding.toUint8Array(step1))).toBeNull();

    const presence = encoding.createEncoder();
    encoding.writeVarUint(presence, MESSAGE_TYPES.AWARENESS);
    encoding.writeVarUint8Array(presence, new Uint8Array([0]));
    expect(updateInSyncMessage(encoding.toUint8Array(presence))).toBeNull();
  });
});

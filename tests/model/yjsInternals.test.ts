// The parts of Yjs and y-websocket that are not public API and that this project relies on, checked on the
// exact versions package.json pins (an upgrade must pass this first, then tests/net/sentOnce.test.ts):
// - y-websocket's WebsocketProvider._updateHandler, which renderer/src/sync/roomConnection.ts unhooks to send
//   coalesced updates instead (if renamed, every edit would go twice: sentOnce.test.ts fails);
// - Y.Doc.store: clients (each client's structs, read by server/relay/checkUpdate.ts, shared/model/nesting.ts,
//   renderer/src/store/room.ts) and pendingStructs (content waiting for what the document lacks, read by
//   renderer/src/store/room.ts and renderer/src/sync/waitingEdits.ts), with Y.getState, Y.findIndexSS and
//   Y.getItem over it;
// - a type's _start (first item), _map (keyed items) and _item (the item holding a nested type), walked by
//   the rich-text reader, nesting checks and comment anchors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const ROOT = path.resolve(import.meta.dirname, '../..');
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
const pinned = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies;

describe('Yjs internals the project relies on', () => {
  it('are those of the exact versions package.json pins', () => {
    for (const name of ['yjs', 'y-websocket']) {
      expect(pinned[name], `${name} is pinned to an exact version`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(versionOf(name), `${name} installed`).toBe(pinned[name]);
    }
  });

  it('has WebsocketProvider._updateHandler, the listener that sends every update', () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: class {} as unknown as typeof WebSocket,
    });
    try {
      expect(typeof provider._updateHandler).toBe('function');
      expect(provider._updateHandler.length).toBe(2);
    } finally {
      provider.destroy();
    }
  });

  it('keeps each client’s structs in doc.store.clients, and content waiting for a missing piece in pendingStructs', () => {
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    writer.getText('t').insert(0, 'ab');
    writer.getText('t').insert(0, 'X');
    const structs = writer.store.clients.get(writer.clientID);
    expect(Array.isArray(structs)).toBe(true);
    expect(Y.getState(writer.store, writer.clientID)).toBe(3);
    expect(Y.findIndexSS(structs as Y.Item[], 2)).toBe(1);
    expect((Y.getItem(writer.store, Y.createID(writer.clientID, 1)) as Y.Item).content.getContent().join('')).toBe(
      'ab',
    );

    const reader = new Y.Doc();
    Y.applyUpdate(reader, updates[1] as Uint8Array);
    expect(reader.store.pendingStructs).not.toBeNull();
    expect(reader.getText('t').toString()).toBe('');
    Y.applyUpdate(reader, updates[0] as Uint8Array);
    expect(reader.store.pendingStructs).toBeNull();
    expect(reader.getText('t').toString()).toBe('Xab');
  });

  it('links a type to its items through _start, _map and _item', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('f');
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    paragraph.setAttribute('level', '1');
    expect(fragment._start?.content).toBeInstanceOf(Y.ContentType);
    expect((fragment._start?.content as Y.ContentType).type).toBe(paragraph);
    expect(paragraph._item?.parent).toBe(fragment);
    expect(fragment._item).toBeNull();
    const map = doc.getMap('m');
    map.set('k', 1);
    expect(map._map.get('k')?.content.getContent()).toEqual([1]);
  });
});

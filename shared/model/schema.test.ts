import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAME_SCHEMA_VERSION, migrate, NewerSchemaError } from './schema';

describe('schema versions', () => {
  it('refuses a document from a newer version of the app without changing it', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', FRAME_SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => migrate(doc, FRAME_SCHEMA_VERSION, [])).toThrow(NewerSchemaError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('runs each migration from an older version in order, in one transaction', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 1);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const ran = migrate(doc, 3, [
      { from: 1, describe: 'add a', apply: (d) => d.getMap('meta').set('a', 1) },
      {
        from: 2,
        describe: 'rename a to b',
        apply: (d) => {
          d.getMap('meta').set('b', d.getMap('meta').get('a'));
          d.getMap('meta').delete('a');
        },
      },
    ]);
    expect(ran).toBe(2);
    expect(transactions).toBe(1);
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: 3, b: 1 });
  });

  it('leaves an empty document alone', () => {
    expect(migrate(new Y.Doc(), FRAME_SCHEMA_VERSION, [])).toBe(0);
  });
});

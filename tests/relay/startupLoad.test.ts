// What a relay serving websockets loads: not zod (the HTTP API's schemas) nor any Intl formatter (the CLI's
// dates, the exports' figures), which cost it memory it never uses for sync; both come on first use, and the
// API answers correctly then. Watched from inside a real relay process (harness/startupWatch.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { versionRecordSchema } from '../../shared/api/versions';
import { connectClient } from './harness/clients';
import { makeFixture, type Fixture } from './harness/fixture';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

interface Watched {
  readonly modules: string[];
  readonly formatters: string[];
}

describe('what the relay loads to serve websockets', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  let out: string;
  beforeAll(async () => {
    fixture = makeFixture();
    out = path.join(fixture.dir, 'watched.json');
    const watcher = pathToFileURL(path.join(import.meta.dirname, 'harness/startupWatch.mjs')).href;
    relay = await startRelayProcess(fixture.dbFile, [], {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${watcher}`,
      STARTUP_WATCH_OUT: out,
    });
  });
  afterAll(async () => {
    await relay.stop();
    fixture.cleanup();
  });

  const watched = async (): Promise<Watched> => {
    fs.rmSync(out, { force: true });
    relay.child.kill('SIGUSR2');
    await vi.waitFor(() => expect(fs.existsSync(out)).toBe(true), { timeout: 10_000 });
    return JSON.parse(fs.readFileSync(out, 'utf8')) as Watched;
  };
  const zod = (modules: readonly string[]): string[] => modules.filter((url) => url.includes('/node_modules/zod/'));

  it('syncs and stores edits without loading zod or making an Intl formatter', async () => {
    const alex = connectClient(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA);
    await alex.synced();
    alex.doc.getXmlFragment('statement').insert(0, [new Y.XmlText('Stored without the API.')]);
    await alex.stored();
    alex.destroy();

    const seen = await watched();
    expect(seen.modules.some((url) => url.includes('/node_modules/yjs/'))).toBe(true);
    expect(zod(seen.modules)).toEqual([]);
    expect(seen.formatters).toEqual([]);
  });

  it('loads the API schemas on the first version recorded, and records it', async () => {
    const created = await fetch(`${relay.url}/api/soas/${fixture.soaId}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fixture.tokens.coordinator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'First after start' }),
    });
    expect(created.status).toBe(201);
    expect(versionRecordSchema.parse(await created.json()).name).toBe('First after start');
    expect(zod((await watched()).modules)).not.toEqual([]);
  });
});

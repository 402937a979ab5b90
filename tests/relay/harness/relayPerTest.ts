/**
 * A fresh relay process and database for every test of a file, and the clients a test opens closed after
 * it. Tests may restart the relay (`ctx.relay = await startRelayProcess(ctx.fixture.dbFile)`); the newest
 * one is stopped.
 */
import { afterEach, beforeEach } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from './clients';
import { makeFixture, type Fixture } from './fixture';
import { startRelayProcess, type RelayProcess } from '../../support/relayProcess';

export interface RelayTestContext {
  fixture: Fixture;
  relay: RelayProcess;
  /** Clients to close after the test; `client` adds to it, tests may push their own. */
  readonly clients: TestClient[];
  /** Connects a client to the current relay and closes it after the test. */
  client(room: string, token: string, doc?: Y.Doc, options?: { readonly stock?: boolean }): TestClient;
}

export function relayPerTest(): RelayTestContext {
  const ctx = {
    clients: [] as TestClient[],
    client(
      room: string,
      token: string,
      doc: Y.Doc = new Y.Doc(),
      options: { readonly stock?: boolean } = {},
    ): TestClient {
      const made = connectClient(ctx.relay.syncUrl, room, token, doc, options);
      ctx.clients.push(made);
      return made;
    },
  } as RelayTestContext;
  beforeEach(async () => {
    ctx.fixture = makeFixture();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
  });
  afterEach(async () => {
    for (const made of ctx.clients.splice(0)) made.destroy();
    await ctx.relay.stop();
    ctx.fixture.cleanup();
  });
  return ctx;
}

// Limits: connections per member, and the time allowed before authentication. (Message size limits are in
// garbage.test.ts; rooms per connection is one by construction: the room is in the URL.)
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { MAX_CONNECTIONS_PER_MEMBER } from '../../server/relay/limits';
import { connectClient, rawConnection, type RawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { makeFixture, type Fixture } from './harness/fixture';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

describe('limits', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  beforeEach(async () => {
    fixture = makeFixture();
    relay = await startRelayProcess(fixture.dbFile, ['--auth-timeout-ms', '1000']);
  });
  afterEach(async () => {
    await relay.stop();
    fixture.cleanup();
  });

  it(`refuses a member's connection beyond ${MAX_CONNECTIONS_PER_MEMBER} with TOO_MANY, and not another member's`, async () => {
    const open: RawConnection[] = [];
    for (let i = 0; i < MAX_CONNECTIONS_PER_MEMBER; i++)
      open.push(rawConnection(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA));
    await Promise.all(open.map((connection) => connection.opened));
    const extra = rawConnection(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA);
    expect((await extra.closed).code).toBe(CLOSE_CODES.TOO_MANY);
    const other = rawConnection(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA2);
    await other.opened;
    // A stock y-websocket client refused for the same reason keeps retrying (a "try again later" code)...
    const stock = connectClient(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA, undefined, { stock: true });
    await waitUntil(
      () => stock.closes.some((close) => close.code === CLOSE_CODES.TOO_MANY),
      'the stock client to be refused',
    );
    // ...and gets in by itself once closing one connection frees a place.
    open[0]?.socket.close();
    await stock.synced();
    expect(stock.provider.wsconnected).toBe(true);
    stock.destroy();
    for (const connection of [...open, other]) connection.socket.terminate();
  });

  it('drops a socket that has not sent its authenticated upgrade request in time', async () => {
    const { hostname, port } = new URL(relay.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /sync/soa/x/frame HTTP/1.1\r\nHost: x\r\n'); // headers never finish
    const started = Date.now();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const waited = Date.now() - started;
    expect(waited).toBeLessThan(5_000);
  });
});

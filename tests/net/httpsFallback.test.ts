/**
 * Behind a proxy that refuses websocket upgrades (as NHS and council web proxies do), a partner's client
 * with the app's link chooser moves to the HTTPS link and syncs with a partner on websockets both ways,
 * its changes acknowledged as stored; when the proxy lets upgrades through again it goes back to a
 * websocket by itself. The same against the relay directly: nothing refused, it stays on websockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LinkChooser } from '../../renderer/src/sync/linkChooser';
import { HttpsSocket } from '../../renderer/src/sync/httpsSocket';
import { createWorld, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import { PROFILES } from './profiles';

let world: NetWorld | null = null;
const choosers: LinkChooser[] = [];

afterEach(async () => {
  for (const chooser of choosers.splice(0)) {
    chooser.dispose();
    chooser.https.endAll(1000, 'test over');
  }
  await world?.dispose();
  world = null;
});

function chooserFor(relayUrl: string, token: string, retryMs: number): LinkChooser {
  const chooser = new LinkChooser({ relayUrl, token, webSocket: WebSocket as never, retryMs });
  choosers.push(chooser);
  return chooser;
}

describe('the HTTPS link behind a proxy that refuses websocket upgrades', () => {
  it('syncs both ways with a websocket peer, is acknowledged, and returns to websockets when they work again', async () => {
    world = await createWorld();
    const proxy = await world.proxy(PROFILES.office, 1717);
    proxy.refuseUpgrades(true);
    const partner = world.demo.partners[0];
    if (!partner) throw new Error('demo has no partner');
    const chooser = chooserFor(`http://127.0.0.1:${proxy.port}`, partner.token, 1_500);
    const blocked = world.client({
      serverUrl: proxy.wsUrl(),
      room: partner.room,
      token: partner.token,
      webSocketClass: chooser.socketClass,
      maxBackoffTime: 500,
    });
    const peer = world.client({ serverUrl: world.directUrl, room: partner.room, token: partner.token });

    await blocked.waitSynced(30_000);
    expect(chooser.mode).toBe('https');
    expect(blocked.provider.ws).toBeInstanceOf(HttpsSocket);
    expect(proxy.stats().upgradesRefused).toBeGreaterThanOrEqual(2);
    await peer.waitSynced(15_000);

    blocked.doc.getText('https').insert(0, 'typed behind the proxy');
    await blocked.waitStored(15_000);
    await waitUntil(
      () => peer.doc.getText('https').toString() === 'typed behind the proxy',
      'the websocket peer to see the HTTPS edit',
      15_000,
      50,
    );
    peer.doc.getText('https').insert(0, 'and back: ');
    await peer.waitStored(15_000);
    await waitUntil(
      () => blocked.doc.getText('https').toString() === 'and back: typed behind the proxy',
      'the HTTPS client to see the peer edit',
      15_000,
      50,
    );

    // The proxy lets websockets through again: the chooser's retry notices and the room reconnects over one.
    proxy.refuseUpgrades(false);
    await waitUntil(() => chooser.mode === 'websocket', 'the chooser to go back to websockets', 15_000, 50);
    await waitUntil(
      () => blocked.provider.wsconnected && !(blocked.provider.ws instanceof HttpsSocket),
      'the room to reconnect over a websocket',
      15_000,
      50,
    );
    blocked.doc.getText('https').insert(0, '[ws] ');
    await blocked.waitStored(15_000);
    await waitUntil(
      () => peer.doc.getText('https').toString() === '[ws] and back: typed behind the proxy',
      'the peer to see the websocket edit',
      15_000,
      50,
    );
    expect(chooser.https.roomCount).toBe(0);
  }, 90_000);

  it('stays on websockets when nothing refuses them', async () => {
    world = await createWorld();
    const partner = world.demo.partners[0];
    if (!partner) throw new Error('demo has no partner');
    const chooser = chooserFor(`http://127.0.0.1:${world.relay.port}`, partner.token, 1_000);
    const client = world.client({
      serverUrl: world.directUrl,
      room: partner.room,
      token: partner.token,
      webSocketClass: chooser.socketClass,
    });
    await client.waitSynced(15_000);
    client.doc.getText('ws').insert(0, 'direct');
    await client.waitStored(15_000);
    expect(chooser.mode).toBe('websocket');
    expect(client.provider.ws).not.toBeInstanceOf(HttpsSocket);
  }, 60_000);
});

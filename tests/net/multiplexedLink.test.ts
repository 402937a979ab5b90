/**
 * The app's link chooser over a shaped link: every room of an SOA rides one multiplexed websocket (one TCP
 * link through the proxy), syncs with stock per-room clients both ways and is acknowledged; after the link
 * drops, the rooms come back over one new websocket. Where the relay (or a proxy) does not take /mux/, the
 * rooms fall back to one websocket each and still sync, and move back to one websocket once /mux/ is taken.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { LinkChooser, MUX_RETRY_FIRST_MS } from '../../renderer/src/sync/linkChooser';
import { appConnection } from './appConnection';
import { MuxSocket } from '../../renderer/src/sync/muxSocket';
import { createWorld, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import type { NetClient } from './netClient';
import { PROFILES } from './profiles';

let world: NetWorld | null = null;
const choosers: LinkChooser[] = [];

afterEach(async () => {
  for (const chooser of choosers.splice(0)) chooser.dispose();
  await world?.dispose();
  world = null;
});

async function threeRooms(): Promise<{
  world: NetWorld;
  chooser: LinkChooser;
  clients: NetClient[];
  proxy: Awaited<ReturnType<NetWorld['proxy']>>;
}> {
  world = await createWorld();
  const proxy = await world.proxy(PROFILES.office, 2026);
  const [a, b] = world.demo.partners;
  if (!a || !b) throw new Error('the demo needs two partners');
  const chooser = new LinkChooser({
    relayUrl: `http://127.0.0.1:${proxy.port}`,
    token: a.token,
    webSocket: WebSocket as never,
  });
  choosers.push(chooser);
  const clients = [world.demo.frameRoom, a.room, b.room].map((room) =>
    (world as NetWorld).client({
      serverUrl: proxy.wsUrl(),
      room,
      token: a.token,
      webSocketClass: chooser.socketClass,
      maxBackoffTime: 500,
    }),
  );
  return { world, chooser, clients, proxy };
}

describe('one websocket per SOA', () => {
  it('carries every room over one websocket, syncs with per-room clients and comes back over one after a drop', async () => {
    const { world, chooser, clients, proxy } = await threeRooms();
    const [frame, own, other] = clients as [NetClient, NetClient, NetClient];
    await Promise.all(clients.map((client) => client.waitSynced(30_000)));
    for (const client of clients) expect(client.provider.ws).toBeInstanceOf(MuxSocket);
    expect(proxy.stats().linksAccepted).toBe(1);
    expect(chooser.websocketsOpened).toBe(1);
    // The proxy reads each room's messages inside the frames: opens, sync steps and the relay's ACKs.
    const first = proxy.stats();
    // The three rooms opened together are named in the upgrade URL: no open frames.
    expect(first.up.byKind['room-control']?.messages ?? 0).toBe(0);
    expect(first.up.byKind['sync-step1']?.messages).toBeGreaterThanOrEqual(3);
    expect(first.down.byKind['sync-step2']?.messages).toBeGreaterThanOrEqual(3);
    expect(first.down.byKind.ack?.messages).toBeGreaterThanOrEqual(3);

    const a = world.demo.partners[0];
    if (!a) throw new Error('no partner');
    const peer = world.client({ serverUrl: world.directUrl, room: a.room, token: a.token });
    await peer.waitSynced(15_000);
    own.doc.getText('mux').insert(0, 'typed over the shared websocket');
    await own.waitStored(15_000);
    await waitUntil(
      () => peer.doc.getText('mux').toString() === 'typed over the shared websocket',
      'the per-room peer to see the edit',
      15_000,
      50,
    );
    peer.doc.getText('mux').insert(0, 'Back: ');
    await waitUntil(
      () => own.doc.getText('mux').toString().startsWith('Back: '),
      'the multiplexed room to see the peer',
      15_000,
      50,
    );
    // A write to another partner's room over the same websocket is refused there, and the socket carries on.
    other.doc.getText('mux').insert(0, 'not mine');
    await waitUntil(() => other.permissionDenied.length > 0, 'permission denied in the other room', 15_000, 50);
    expect(frame.provider.wsconnected && own.provider.wsconnected).toBe(true);

    // The link drops: every room comes back, over one new websocket.
    proxy.resetStats();
    proxy.goOffline('reset');
    await waitUntil(() => clients.every((client) => !client.provider.wsconnected), 'the rooms to notice', 15_000, 50);
    proxy.goOnline();
    await Promise.all(clients.map((client) => client.waitSynced(30_000)));
    own.doc.getText('mux').insert(0, '!');
    await own.waitStored(15_000);
    expect(proxy.stats().linksAccepted).toBe(1);
  });

  it('falls back to one websocket per room where /mux/ is refused, and still syncs', async () => {
    world = await createWorld();
    const proxy = await world.proxy(PROFILES.office, 2027);
    proxy.refuseUpgradesTo('/mux/');
    const a = world.demo.partners[0];
    if (!a) throw new Error('no partner');
    const chooser = new LinkChooser({
      relayUrl: `http://127.0.0.1:${proxy.port}`,
      token: a.token,
      webSocket: WebSocket as never,
    });
    choosers.push(chooser);
    const clients = [world.demo.frameRoom, a.room].map((room) =>
      (world as NetWorld).client({
        serverUrl: proxy.wsUrl(),
        room,
        token: a.token,
        webSocketClass: chooser.socketClass,
        maxBackoffTime: 500,
      }),
    );
    await Promise.all(clients.map((client) => client.waitSynced(30_000)));
    expect(chooser.perRoom).toBe(true);
    expect(chooser.mode).toBe('websocket');
    for (const client of clients) expect(client.provider.ws).not.toBeInstanceOf(MuxSocket);
    const own = clients[1] as NetClient;
    own.doc.getText('mux').insert(0, 'per room');
    await own.waitStored(15_000);
  });

  it('tries /mux/ again while on per-room websockets and moves back to one websocket, losing nothing typed', async () => {
    world = await createWorld();
    const proxy = await world.proxy(PROFILES.office, 2028);
    proxy.refuseUpgradesTo('/mux/');
    const a = world.demo.partners[0];
    if (!a) throw new Error('no partner');
    const chooser = new LinkChooser({
      relayUrl: `http://127.0.0.1:${proxy.port}`,
      token: a.token,
      webSocket: WebSocket as never,
      muxRetryMs: 200,
    });
    choosers.push(chooser);
    const clients = [world.demo.frameRoom, a.room].map((room) =>
      (world as NetWorld).client({
        serverUrl: proxy.wsUrl(),
        room,
        token: a.token,
        webSocketClass: chooser.socketClass,
        maxBackoffTime: 500,
      }),
    );
    const own = clients[1] as NetClient;
    await Promise.all(clients.map((client) => client.waitSynced(30_000)));
    expect(chooser.perRoom).toBe(true);
    // The retries meet the same refusal and back off (the two refusals that led to the fallback, then more).
    const refusedAtFallback = proxy.stats().upgradesRefused;
    await waitUntil(() => proxy.stats().upgradesRefused >= refusedAtFallback + 2, 'two refused retries', 15_000, 50);
    expect(chooser.perRoom).toBe(true);

    // The proxy now passes /mux/; the officer keeps typing while the rooms move over.
    const text = own.doc.getText('mux');
    text.insert(0, 'per room.');
    proxy.refuseUpgradesTo(null);
    let typed = 0;
    while (chooser.perRoom || !clients.every((client) => client.provider.ws instanceof MuxSocket)) {
      if (typed > 400) throw new Error('the rooms did not move to the multiplexed websocket');
      text.insert(text.length, ` ${typed++}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    text.insert(text.length, ' over one websocket.');
    await Promise.all(clients.map((client) => client.waitSynced(30_000)));
    // Nothing waits for the relay (the pending count is 0), and the relay holds one websocket for them.
    await own.waitStored(15_000);
    expect(own.everythingOnServer()).toBe(true);
    await waitUntil(
      async () => (await (world as NetWorld).relay.healthz()).websockets === 1,
      'the relay to hold one websocket',
      15_000,
      100,
    );
    const peer = world.client({ serverUrl: world.directUrl, room: a.room, token: a.token });
    await waitUntil(
      () => peer.synced && peer.doc.getText('mux').toString() === text.toString(),
      'a fresh reader to see everything typed',
      15_000,
      50,
    );
    expect(text.toString()).toMatch(/^per room\. 0( \d+)* over one websocket\.$/);
  });

  it("moves the app's own connections back to one websocket after the first wait, with nothing left waiting", async () => {
    world = await createWorld();
    const proxy = await world.proxy(PROFILES.office, 2029);
    proxy.refuseUpgradesTo('/mux/');
    const a = world.demo.partners[0];
    if (!a) throw new Error('no partner');
    const relayUrl = `http://127.0.0.1:${proxy.port}`;
    const own = new Y.Doc();
    const rooms = [world.demo.frameRoom, a.room];
    const apps = rooms.map((room) =>
      appConnection({ relayUrl, room, token: a.token, doc: room === a.room ? own : new Y.Doc() }),
    );
    try {
      await waitUntil(() => apps.every((app) => app.snapshot.synced), 'the rooms to sync per room', 30_000, 50);
      for (const app of apps) expect(app.provider.ws).not.toBeInstanceOf(MuxSocket);
      const text = own.getText('mux');
      text.insert(0, 'typed per room.');
      proxy.refuseUpgradesTo(null);
      // The app tries /mux/ again after its first wait; the officer types on meanwhile.
      let typed = 0;
      await waitUntil(
        () => {
          if (typed < 150) text.insert(text.length, ` ${typed++}`);
          return apps.every((app) => app.provider.ws instanceof MuxSocket && app.snapshot.synced);
        },
        'the rooms to move to the multiplexed websocket',
        MUX_RETRY_FIRST_MS + 30_000,
        200,
      );
      text.insert(text.length, ' Done.');
      await waitUntil(() => apps.every((app) => app.snapshot.pending === 0), 'nothing left waiting', 15_000, 50);
      await waitUntil(
        async () => (await (world as NetWorld).relay.healthz()).websockets === 1,
        'the relay to hold one websocket',
        15_000,
        100,
      );
      const peer = world.client({ serverUrl: world.directUrl, room: a.room, token: a.token });
      await waitUntil(
        () => peer.synced && peer.doc.getText('mux').toString() === text.toString(),
        'a fresh reader to see everything typed',
        15_000,
        50,
      );
      expect(text.toString()).toMatch(/^typed per room\. 0( \d+)* Done\.$/);
    } finally {
      for (const app of apps) app.dispose();
    }
  }, 90_000);
});

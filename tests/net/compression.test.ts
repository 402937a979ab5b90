/**
 * Websocket compression (server/relay/compression.ts), with the relay started with `--compression on`: a
 * client that offers permessage-deflate (browsers and `ws` do) gets it, with the relay keeping no context
 * between its messages; a large catch-up crosses the wire compressed and arrives intact; a keystroke's
 * small update goes uncompressed. By default the relay agrees none; `--compression app` agrees it only on the
 * app's multiplexed websocket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createWorld, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import { PROFILES } from './profiles';

let world: NetWorld | null = null;

afterEach(async () => {
  await world?.dispose();
  world = null;
});

function negotiated(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let header = '';
    socket.on('upgrade', (response) => {
      header = String(response.headers['sec-websocket-extensions'] ?? '');
    });
    socket.on('open', () => {
      resolve(header);
      socket.close();
    });
    socket.on('error', reject);
  });
}

describe('websocket compression', () => {
  it('is negotiated, compresses a large catch-up (which arrives intact) and leaves keystrokes as they are', async () => {
    world = await createWorld({ serveArgs: ['--compression', 'on'] });
    const partner = world.demo.partners[0];
    if (!partner) throw new Error('demo has no partner');
    const room = `${world.directUrl}/${partner.room}?token=${encodeURIComponent(partner.token)}`;
    expect(await negotiated(room)).toMatch(/^permessage-deflate;.*server_no_context_takeover/);

    const writer = world.client({ serverUrl: world.directUrl, room: partner.room, token: partner.token });
    await writer.waitSynced(15_000);
    const text = writer.doc.getText('catch-up');
    for (let i = 0; i < 200; i++)
      text.insert(text.length, `Paragraph ${i}: the partnership will report progress on this outcome every quarter. `);
    await writer.waitStored(15_000);

    const proxy = await world.proxy(PROFILES.loopback, 4242);
    const reader = world.client({ serverUrl: proxy.wsUrl(), room: partner.room, token: partner.token });
    await reader.waitSynced(15_000);
    expect(reader.doc.getText('catch-up').toString()).toBe(text.toString());
    const compressed = proxy.stats().down.byKind.compressed;
    expect(compressed?.messages).toBeGreaterThanOrEqual(1);
    // The text repeats: the catch-up crosses the wire at a fraction of its size.
    expect(compressed?.wireBytes ?? Infinity).toBeLessThan(Y.encodeStateAsUpdate(writer.doc).byteLength / 4);

    proxy.resetStats();
    text.insert(0, 'x');
    await waitUntil(
      () => reader.doc.getText('catch-up').toString().startsWith('x'),
      'the keystroke to arrive',
      15_000,
      50,
    );
    expect(proxy.stats().down.byKind.compressed).toBeUndefined();
    expect(proxy.stats().down.byKind['sync-update']?.messages).toBe(1);
  });

  it('is not agreed by default, and with --compression app only on the multiplexed websocket', async () => {
    world = await createWorld();
    const first = world.demo.partners[0];
    if (!first) throw new Error('demo has no partner');
    const muxUrl = (partner: { readonly token: string }) =>
      `ws://127.0.0.1:${world?.relay.port}/mux/${world?.demo.soaId}?token=${encodeURIComponent(partner.token)}`;
    expect(await negotiated(muxUrl(first))).toBe('');
    expect(await negotiated(`${world.directUrl}/${first.room}?token=${encodeURIComponent(first.token)}`)).toBe('');
    await world.dispose();

    world = await createWorld({ serveArgs: ['--compression', 'app'] });
    const partner = world.demo.partners[0];
    if (!partner) throw new Error('demo has no partner');
    expect(await negotiated(muxUrl(partner))).toMatch(/^permessage-deflate;.*server_no_context_takeover/);
    // Stock clients may send every keystroke in a burst, which compression makes costly to read.
    expect(await negotiated(`${world.directUrl}/${partner.room}?token=${encodeURIComponent(partner.token)}`)).toBe('');
  });
});

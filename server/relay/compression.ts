/**
 * Websocket compression (permessage-deflate, RFC 7692), which browsers and `ws` clients offer, agreed only
 * when the relay is started with `--compression on`. A thin link pays for every byte of a catch-up after a
 * day offline; a keystroke's update is a few dozen bytes and not worth compressing. Measured by
 * bench/net-reconnect.ts (bytes on the wire and relay CPU per delivered message, compression on and off, in
 * one run; figures in bench/RESULTS.md): a catch-up's bytes fall to 0.67x, but the relay's CPU per
 * delivered message rises to 1.7-1.9x, even when the relay itself compresses nothing, so it is off by
 * default until that cost is understood.
 *
 * - threshold: messages under 1 KiB go as they are (keystrokes, ACKs, presence): no CPU spent on them;
 * - the relay keeps no compression context between its messages (server_no_context_takeover) and a small
 *   window and memory level: ws keeps each connection's zlib stream once used, and at 15 window bits and
 *   memory level 8 that is about 256 KiB per connection, too much for thousands of connections; at 13 and 7
 *   it is about 96 KiB, and a catch-up compresses nearly as well;
 * - the client may keep its own context (its uploads compress better); the relay's inflater for it is
 *   about 40 KiB per connection that uses it.
 */
import type { PerMessageDeflateOptions } from 'ws';

export const COMPRESSION: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { level: 6, memLevel: 7 },
  concurrencyLimit: 10,
};

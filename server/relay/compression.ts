/**
 * Websocket compression (permessage-deflate, RFC 7692), which browsers and `ws` clients offer, agreed by
 * the relay when started with `--compression app` (the app's multiplexed websocket) or `on` (see
 * CompressionMode below). A thin link pays for every byte of a catch-up after a
 * day offline; a keystroke's update is a few dozen bytes and not worth compressing. Measured by
 * bench/net-reconnect.ts (bytes on the wire and relay CPU per delivered message, compression on and off, in
 * one run; figures in bench/RESULTS.md): with the multiplexed link's V2 catch-ups a reconnect after an
 * offline day is 0.08x a full snapshot on the wire (0.14x without compression).
 *
 * What it costs the relay: not its own deflating (catch-ups only), but inflating what clients send. A
 * browser compresses every message once compression is agreed, however small, and ws inflates each on
 * zlib's thread pool (three round trips a message), one message at a time per socket. Where a client sends
 * keystrokes in synchronous bursts (the stock provider), the relay without compression reads a burst at once
 * and stores it in a few transactions; with compression the messages arrive one inflate apart and are stored
 * about one transaction each (2.4x the rows in the benchmark): 1.7x the CPU per delivered message. Paced as
 * the app sends (one merged update per 500 ms at most), 1.03x. Clients that compress only 1 KiB and more
 * cost nothing extra (0.92x). With the durable group commit (storage/sqliteRoomStore.ts), on a quiet machine
 * on 3 December 2026: paced 1.12x, bursts 1.99x, 1 KiB and more 1.04x. So `--compression app` leaves out the
 * stock per-room endpoint, whose clients may send in bursts.
 *
 * - threshold: the relay's own messages under 1 KiB go as they are (keystrokes, ACKs, presence);
 * - the relay keeps no compression context between its messages (server_no_context_takeover) and a small
 *   window and memory level: ws keeps each connection's zlib stream once used, and at 15 window bits and
 *   memory level 8 that is about 256 KiB per connection, too much for thousands of connections; at 13 and 7
 *   it is about 96 KiB, and a catch-up compresses nearly as well;
 * - the client may keep its own context (its uploads compress better); the relay's inflater for it is
 *   about 40 KiB per connection that uses it.
 */
import type { PerMessageDeflateOptions } from 'ws';

/**
 * Where compression is agreed. 'off', the default: nowhere. 'app': on the app's multiplexed websocket
 * (/mux/), whose clients send at most one merged update per room every 500 ms (renderer/src/sync/
 * roomConnection.ts), so inflating what they send costs little CPU per message (1.12x, quiet machine, 3
 * December 2026); not on the stock per-room endpoint, whose clients may send every keystroke in a burst
 * (1.99x). 'on': both. Not on by default: with 384 members online (bench/relay-capacity.ts, every client
 * compressing every message as browsers do) 'app' held p99 under 100 ms only to an update every 750 ms
 * each, against every 250 ms without compression; each inflate waits its turn on the thread pool.
 */
export type CompressionMode = 'app' | 'on' | 'off';

export function isCompressionMode(value: string): value is CompressionMode {
  return value === 'app' || value === 'on' || value === 'off';
}

export const COMPRESSION: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { level: 6, memLevel: 7 },
  concurrencyLimit: 10,
};

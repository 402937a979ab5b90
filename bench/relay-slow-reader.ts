/**
 * The slow-reader attack of issue 13, for 30 seconds: a reviewer opens a frame of about 140 KB, never
 * reads, and sends sync step 1 requests ("send me everything") as fast as the relay takes them, connecting
 * again whenever the relay drops it. Meanwhile a coordinator of another partnership writes to its own frame
 * every 50 ms and times each change until the relay acknowledges it stored.
 *
 * Figures (issue 13): the relay's RSS grows by at most 100 MiB, and the other writer's p99 stays under
 * 250 ms. The reference, measured in the same run just before the attack, is the same writer with nobody
 * attacking; the ratio shows what the attack adds on this machine.
 *
 * Run: npx tsx bench/relay-slow-reader.ts   (SLOW_READER_SECONDS, default 30; SLOW_READER_REQUEST=step1|query)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ACK_REQUEST_PARAM, decodeAckPayload, encodeSyncUpdate, MESSAGE_TYPES } from '../shared/protocol/messages';
import { Directory } from '../server/db/directory';
import { openDatabase } from '../server/db/openDatabase';
import { startRelayProcess } from '../tests/support/relayProcess';
import { formatBytes, percentile, printTable, processMemory } from './lib/stats';

const SECONDS = Number(process.env.SLOW_READER_SECONDS ?? 30);
const REQUEST = process.env.SLOW_READER_REQUEST === 'query' ? '03' : '00000100'; // query-awareness, or step 1 with an empty state vector
const QUIET_SECONDS = 10;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ATTACKER = path.join(ROOT, 'tests/relay/harness/slowReaderAttack.mjs');

/** A writer over a raw websocket that asks for ACKs: each change's time until the relay says it is stored. */
class TimedWriter {
  readonly doc = new Y.Doc();
  private readonly socket: WebSocket;
  private storedClock = 0;
  private waiting: { clock: number; resolve: () => void } | null = null;

  constructor(syncUrl: string, room: string, token: string) {
    this.socket = new WebSocket(`${syncUrl}/${room}?token=${encodeURIComponent(token)}&${ACK_REQUEST_PARAM}=1`);
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.ACK) return;
      this.storedClock = Y.decodeStateVector(decodeAckPayload(decoder).stateVector).get(this.doc.clientID) ?? 0;
      if (this.waiting && this.storedClock >= this.waiting.clock) this.waiting.resolve();
    });
    this.doc.on('update', (update: Uint8Array) => this.socket.send(encodeSyncUpdate(update)));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  /** Writes `text` and resolves with the milliseconds until the relay acknowledged it. */
  async write(text: string): Promise<number> {
    const started = performance.now();
    const body = this.doc.getText('body');
    body.insert(body.length, text);
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    if (this.storedClock < clock) await new Promise<void>((resolve) => (this.waiting = { clock, resolve }));
    this.waiting = null;
    return performance.now() - started;
  }

  close(): void {
    this.socket.close();
    this.doc.destroy();
  }
}

async function writeFor(writer: TimedWriter, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    latencies.push(await writer.write('x'));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soa-slow-reader-'));
  const dbFile = path.join(dir, 'relay.db');
  const db = openDatabase(dbFile);
  const directory = new Directory(db);
  const attacked = directory.createPartnership('Attacked CPP');
  const council = directory.addPartner(attacked, 'Attacked Council', 'council');
  const attackedFrame =
    directory.createSoa({ partnership: attacked, title: 'Attacked SOA', framework: 'npf-2018' }).rooms[0] ?? '';
  const filler = directory.inviteMember(council, 'coordinator', 'Filler').token;
  const reviewer = directory.inviteMember(council, 'reviewer', 'Slow Reader').token;
  const other = directory.createPartnership('Other CPP');
  const otherCouncil = directory.addPartner(other, 'Other Council', 'council');
  const otherFrame =
    directory.createSoa({ partnership: other, title: 'Other SOA', framework: 'npf-2018' }).rooms[0] ?? '';
  const writerToken = directory.inviteMember(otherCouncil, 'coordinator', 'Other Writer').token;
  db.close();

  const relay = await startRelayProcess(dbFile);
  const pid = relay.child.pid ?? 0;
  try {
    const fill = new TimedWriter(relay.syncUrl, attackedFrame, filler);
    await fill.opened();
    let text = '';
    for (let i = 0; text.length < 140_000; i++) text += `Outcome ${i}: improved wellbeing for families in the area. `;
    await fill.write(text.slice(0, 140_000));
    const writer = new TimedWriter(relay.syncUrl, otherFrame, writerToken);
    await writer.opened();
    await writeFor(writer, 2); // warm up

    const quiet = await writeFor(writer, QUIET_SECONDS);
    const before = processMemory(pid).rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, processMemory(pid).rss)), 50);
    const attacker = spawn(
      process.execPath,
      [
        ATTACKER,
        relay.url,
        `/sync/${attackedFrame}?token=${encodeURIComponent(reviewer)}`,
        REQUEST,
        String(SECONDS * 1000),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let report = '';
    attacker.stdout.on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
    const attackedLatencies = await writeFor(writer, SECONDS);
    await new Promise((resolve) => attacker.once('exit', resolve));
    clearInterval(sampler);
    const attack = JSON.parse(report.trim() || '{}') as { connections?: number; cutOff?: number; requests?: number };

    const quietP99 = percentile(quiet, 99);
    const attackedP99 = percentile(attackedLatencies, 99);
    console.log(
      `\nSlow reader sending ${REQUEST === '03' ? 'query-awareness' : 'sync step 1'} for ${SECONDS} s against a ${formatBytes(140_000)} frame: ${attack.requests ?? '?'} requests on ${attack.connections ?? '?'} connections, ${attack.cutOff ?? '?'} cut off by the relay\n`,
    );
    printTable(
      ['writer in another partnership', 'changes', 'p50', 'p99', 'max'],
      [
        [
          'reference: nobody attacking',
          String(quiet.length),
          `${percentile(quiet, 50).toFixed(1)} ms`,
          `${quietP99.toFixed(1)} ms`,
          `${(quiet.at(-1) ?? 0).toFixed(1)} ms`,
        ],
        [
          'during the attack',
          String(attackedLatencies.length),
          `${percentile(attackedLatencies, 50).toFixed(1)} ms`,
          `${attackedP99.toFixed(1)} ms`,
          `${(attackedLatencies.at(-1) ?? 0).toFixed(1)} ms`,
        ],
      ],
    );
    const growth = peak - before;
    console.log(`\np99 during the attack / reference: ${(attackedP99 / quietP99).toFixed(2)}x`);
    console.log(
      `relay RSS: ${formatBytes(before)} before, ${formatBytes(peak)} at most during the attack (+${formatBytes(Math.max(0, growth))})`,
    );
    console.log(
      `figures: RSS growth <= 100 MiB: ${growth <= 100 * 1024 * 1024 ? 'met' : 'NOT MET'}; writer p99 < 250 ms: ${attackedP99 < 250 ? 'met' : 'NOT MET'}`,
    );
    fill.close();
    writer.close();
  } finally {
    await relay.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

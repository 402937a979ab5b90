/**
 * Importing an offline day of changes from a change file, against the same kind of work sent live over a
 * websocket, in one run (issue 17; goal: the import under 1 s).
 *
 * A partner officer's copy of its room is synced, then a day of work is done offline (SOA_BENCH_EDITS edit
 * transactions, default 8,000: words typed at places through the statement, some deleted, some made bold,
 * new paragraphs; the shape of tests/net/largeCatchUp.test.ts's week, cut to a day). Then either
 * - change file: the file is made as the app makes it (everything beyond what the relay had, base64,
 *   HMAC-SHA256 keyed by the token's hash) and POSTed to /api/bundles on a running relay; timed from making
 *   the file to the relay's answer, which comes after the durable commit of every piece; or
 * - websocket (reference): the app's own sync layer (renderer/src/sync/roomConnection.ts) reconnects and
 *   sends the same day's work; timed from connecting to the relay's ACK covering all of it.
 * Trials alternate between the two (change files in one partner's room, websocket in another's), so both
 * see the same machine load and rooms of the same size.
 *
 * Run: npm run bench:bundle-import  (SOA_SEED to repeat; SOA_BENCH_EDITS, SOA_BENCH_TRIALS, default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ChangeBundle } from '../shared/bundle/changeFile';
import type { MemberId, PartnerId, SoaId } from '../shared/model/ids';
import { PartnerDocument } from '../shared/model/partner';
import { bundleKey, bundleMac } from '../server/bundle/bundleMac';
import { hashToken } from '../server/tokens';
import { RoomConnection } from '../renderer/src/sync/roomConnection';
import { createDemo, createRng, RestartableRelay, seedFromEnv, type Rng } from './lib/net/harness';
import { kb, ms, percentile, printTable, ratio } from './lib/net/table';
import { PLAN_WORDS } from '../tests/support/planWords';
import { until } from './lib/until';

/** How often a wait asks: it bounds how late a measured moment is seen. */
const POLL_MS = 2;

const seed = seedFromEnv();
const EDITS = Number(process.env.SOA_BENCH_EDITS ?? 8_000);
const TRIALS = Number(process.env.SOA_BENCH_TRIALS ?? 5);
/** A day of revising a statement offline, one transaction per edit. */
function reviseOffline(doc: Y.Doc, edits: number, rng: Rng): void {
  const fragment = doc.getXmlFragment('statement');
  const pick = () => PLAN_WORDS[rng.int(0, PLAN_WORDS.length - 1)] ?? 'the';
  for (let i = 0; i < edits; i++) {
    doc.transact(() => {
      const roll = rng.next();
      if (roll < 0.03 || fragment.length === 0) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`${pick()} `)]);
        fragment.insert(rng.int(0, fragment.length), [paragraph]);
        return;
      }
      const paragraph = fragment.get(rng.int(0, fragment.length - 1));
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (!(text instanceof Y.XmlText)) return;
      if (roll < 0.12 && text.length > 4) text.delete(rng.int(0, text.length - 3), 2);
      else if (roll < 0.15 && text.length > 6) text.format(rng.int(0, text.length - 5), 4, { bold: true });
      else text.insert(rng.int(0, text.length), `${pick()} `);
    });
  }
}

function connection(relayUrl: string, room: string, token: string, doc: Y.Doc): RoomConnection {
  // The app's sync layer expects a browser: `ws` and a bare EventTarget stand in (as tests/net/appConnection.ts).
  const g = globalThis as unknown as { WebSocket?: unknown; window?: unknown };
  g.WebSocket ??= WebSocket;
  g.window ??= new EventTarget();
  return new RoomConnection({ relayUrl, room, token, doc, nonLocalOrigins: [], trackerKey: null });
}

async function allStored(app: RoomConnection, what: string): Promise<void> {
  await until(
    () => app.snapshot.problem !== null || (app.snapshot.synced && app.snapshot.pending === 0),
    120_000,
    what,
    POLL_MS,
  );
  if (app.snapshot.problem) throw new Error(`${what}: ${app.snapshot.problem.message}`);
}

/** A synced copy of the room, then a day offline. Returns the copy, its connection and what the relay had. */
async function offlineDay(
  relayUrl: string,
  partnerId: string,
  room: string,
  token: string,
  rng: Rng,
): Promise<{ doc: Y.Doc; app: RoomConnection; relayHad: Uint8Array }> {
  const doc = new Y.Doc();
  const app = connection(relayUrl, room, token, doc);
  await allStored(app, 'the first sync');
  if (!new PartnerDocument(doc).isInitialised()) new PartnerDocument(doc).initialise(partnerId as PartnerId);
  await allStored(app, 'the room to be initialised');
  app.provider.disconnect();
  const relayHad = Y.encodeStateVector(doc);
  reviseOffline(doc, EDITS, rng);
  return { doc, app, relayHad };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-bundle-'));
  const db = path.join(dir, 'relay.sqlite');
  const demo = createDemo(db);
  const relay = new RestartableRelay(db);
  await relay.start();
  const relayUrl = `http://127.0.0.1:${relay.port}`;
  const [viaFile, viaSocket] = demo.partners;
  if (!viaFile || !viaSocket) throw new Error('the demo has fewer than two partners');
  const session = (await (
    await fetch(`${relayUrl}/api/session`, { headers: { Authorization: `Bearer ${viaFile.token}` } })
  ).json()) as { member: { id: string } };
  const fileTimes: number[] = [];
  const socketTimes: number[] = [];
  let fileBytes = 0;
  let updateBytes = 0;
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      const rng = createRng(seed + trial);
      // Change file.
      {
        const { doc, app, relayHad } = await offlineDay(
          relayUrl,
          viaFile.partnerId,
          viaFile.room,
          viaFile.token,
          rng.fork('file'),
        );
        app.dispose();
        const started = performance.now();
        const update = Y.encodeStateAsUpdate(doc, relayHad);
        const fields: Omit<ChangeBundle, 'mac'> = {
          format: BUNDLE_FORMAT,
          version: BUNDLE_VERSION,
          kind: 'changes',
          soaId: demo.soaId as SoaId,
          memberId: session.member.id as MemberId,
          createdAt: new Date().toISOString(),
          rooms: [{ room: viaFile.room, update: Buffer.from(update).toString('base64') }],
        };
        const body = JSON.stringify({
          ...fields,
          mac: bundleMac(fields, bundleKey(hashToken(viaFile.token))).toString('base64'),
        });
        const post = () =>
          fetch(`${relayUrl}/api/bundles`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${viaSocket.token}`, 'Content-Type': 'application/json' },
            body,
          });
        // The offline day's edits hold this process's event loop for seconds, so fetch may reuse a kept-alive
        // connection the relay has already closed as idle ("other side closed", nothing sent). Importing is
        // idempotent, so asking once more on a fresh connection is what any client would do.
        const answer = await post().catch((error: unknown) => {
          if (!(error instanceof TypeError)) throw error;
          return post();
        });
        const result = (await answer.json()) as { changed?: number; error?: string };
        fileTimes.push(performance.now() - started);
        if (answer.status !== 200 || result.changed !== 1)
          throw new Error(`the import failed: ${answer.status} ${JSON.stringify(result)}`);
        fileBytes = body.length;
        updateBytes = update.byteLength;
        doc.destroy();
      }
      // Websocket (reference).
      {
        const { doc, app } = await offlineDay(
          relayUrl,
          viaSocket.partnerId,
          viaSocket.room,
          viaSocket.token,
          rng.fork('socket'),
        );
        const started = performance.now();
        app.provider.connect();
        await allStored(app, 'the day’s work over the websocket');
        socketTimes.push(performance.now() - started);
        app.dispose();
        doc.destroy();
      }
      process.stdout.write(
        `trial ${trial + 1}/${TRIALS}: change file ${ms(fileTimes[trial] ?? 0)}, websocket ${ms(socketTimes[trial] ?? 0)}\n`,
      );
    }
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const sortedFile = [...fileTimes].sort((a, b) => a - b);
  const sortedSocket = [...socketTimes].sort((a, b) => a - b);
  const fileMedian = percentile(sortedFile, 50);
  const socketMedian = percentile(sortedSocket, 50);
  printTable(
    `seed ${seed}; ${EDITS} edits offline (a day); the day's update ${kb(updateBytes)}, the change file ${kb(fileBytes)}; ${TRIALS} trials each, alternating`,
    ['way in', 'median', 'best', 'worst'],
    [
      [
        'change file (POST /api/bundles)',
        ms(fileMedian),
        ms(sortedFile[0] ?? 0),
        ms(sortedFile[sortedFile.length - 1] ?? 0),
      ],
      [
        'websocket (reference)',
        ms(socketMedian),
        ms(sortedSocket[0] ?? 0),
        ms(sortedSocket[sortedSocket.length - 1] ?? 0),
      ],
    ],
  );
  console.log(
    `change file / websocket: ${ratio(fileMedian, socketMedian)}; goal: the import under 1 s: ${fileMedian < 1_000 ? 'met' : 'NOT met'} (${ms(fileMedian)})`,
  );
}

await main();

/**
 * The slow-reader attack of issue 13 and what it costs the relay: a member opens a room, never reads, and
 * sends small requests that each make the relay encode the whole room (or its presence), reconnecting
 * whenever the relay drops it; meanwhile another partnership's writer measures how long its changes take
 * to be stored, and the relay's resident memory is sampled.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import type { TestClient } from './clients';
import { residentBytes } from './rawFrames';

/** Sync step 1 with an empty state vector: "send me everything". */
export const STEP_1_EMPTY = new Uint8Array([0, 0, 1, 0]);
/** Query-awareness: "send me everyone's presence". */
export const QUERY_AWARENESS = new Uint8Array([3]);

/** Writes `characters` of text to the client's room in one change and waits until it is stored. */
export async function fillRoom(client: TestClient, characters: number): Promise<void> {
  await client.synced();
  let text = '';
  for (let i = 0; text.length < characters; i++) text += `Outcome ${i}: improved wellbeing for families in the area. `;
  client.doc.getText('body').insert(0, text.slice(0, characters));
  await client.stored('the filled room to be stored');
}

export interface AttackReport {
  /** Connections the attacker opened. */
  readonly connections: number;
  /** Of those, how many the relay dropped while the attacker was still sending. */
  readonly cutOff: number;
  /** Requests written. */
  readonly requests: number;
}

const ATTACKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'slowReaderAttack.mjs');

/**
 * Sends `request` as fast as the relay takes it for `durationMs`, never reading, from a process of its own;
 * when the relay drops the connection, opens another (as a determined attacker would).
 */
export async function hammerWithRequests(
  relayUrl: string,
  rawPath: string,
  request: Uint8Array,
  durationMs: number,
): Promise<AttackReport> {
  const child = spawn(
    process.execPath,
    [ATTACKER, relayUrl, rawPath, Buffer.from(request).toString('hex'), String(durationMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the attacker exited with ${code}: ${out}`);
  return JSON.parse(out.trim()) as AttackReport;
}

export interface Measured<T> {
  readonly attack: T;
  /** Largest resident memory seen during the attack minus the resident memory before it. */
  readonly rssGrowthBytes: number;
  /** Time from each of the writer's changes to the relay's acknowledgement that it is stored. */
  readonly latenciesMs: number[];
  readonly p99Ms: number;
}

/** Runs `attack` while the writer writes every 50 ms and the relay's memory is sampled every 50 ms. */
export async function measureWhile<T>(
  relayPid: number,
  writer: TestClient,
  attack: () => Promise<T>,
): Promise<Measured<T>> {
  const before = residentBytes(relayPid);
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(relayPid));
    } catch {
      // the relay has exited; the test reports that
    }
  }, 50);
  let attacking = true;
  const latenciesMs: number[] = [];
  // A change still waiting when the attack ends counts with the time it has waited so far.
  let pendingSince: number | null = null;
  const writing = (async () => {
    const text = writer.doc.getText('body');
    const acks = writer.acks ?? [];
    while (attacking) {
      const started = performance.now();
      pendingSince = started;
      text.insert(text.length, 'x');
      const made = Y.getState(writer.doc.store, writer.doc.clientID);
      const storedAt = await new Promise<number>((resolve) => {
        const check = (): void => {
          const last = acks.at(-1);
          if (last && (Y.decodeStateVector(last.stateVector).get(writer.doc.clientID) ?? 0) >= made)
            resolve(performance.now());
          else setTimeout(check, 1);
        };
        check();
      });
      pendingSince = null;
      if (attacking) latenciesMs.push(storedAt - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await attack();
    if (pendingSince !== null) latenciesMs.push(performance.now() - pendingSince);
    return { attack: result, rssGrowthBytes: peak - before, latenciesMs, ...withP99(latenciesMs) };
  } finally {
    attacking = false;
    clearInterval(sampler);
    await writing;
  }
}

function withP99(latencies: readonly number[]): { p99Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p99Ms: sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? Number.NaN };
}

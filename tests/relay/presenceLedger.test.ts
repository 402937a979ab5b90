// The presence ledger's bounds that a few real connections cannot reach cheaply: ids and bytes per room,
// reservations that expire, and limits on rate and log lines over time (tokenBucket, throttledLogger).
import { describe, expect, it } from 'vitest';
import { throttledLogger, type Logger } from '../../server/log';
import {
  MAX_PRESENCE_BYTES_PER_ROOM,
  MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_IDS_PER_ROOM,
  PRESENCE_ID_RESERVED_MS,
} from '../../server/relay/limits';
import { PresenceLedger, type PresenceHolder } from '../../server/relay/presenceLedger';
import { TokenBucket } from '../../server/relay/tokenBucket';

const holder = (memberId: string, roomName = 'soa/s/frame'): PresenceHolder => ({ memberId, roomName });

describe('presence ledger', () => {
  it(`holds a room to ${MAX_PRESENCE_IDS_PER_ROOM} ids and ${MAX_PRESENCE_BYTES_PER_ROOM / 1024} KiB, and frees both when people leave`, () => {
    const ledger = new PresenceLedger();
    const holders = Array.from({ length: MAX_PRESENCE_IDS_PER_ROOM / MAX_PRESENCE_IDS_PER_CONNECTION + 1 }, (_, i) =>
      holder(`member-${i}`),
    );
    let id = 1;
    let accepted = 0;
    for (const each of holders)
      for (let i = 0; i < MAX_PRESENCE_IDS_PER_CONNECTION; i++) if (ledger.claim(each, id++, 100) === null) accepted++;
    expect(accepted).toBe(MAX_PRESENCE_IDS_PER_ROOM);
    expect(ledger.claim(holder('late'), 999_999, 100)).toBe('too many ids in the room');
    ledger.leave(holders[0] as PresenceHolder);
    expect(ledger.claim(holder('late'), 999_999, 100)).toBeNull();

    const bytes = new PresenceLedger();
    const big = Math.floor(MAX_PRESENCE_BYTES_PER_ROOM / 8);
    const people = Array.from({ length: 8 }, (_, i) => holder(`m${i}`));
    for (let i = 0; i < 7; i++) expect(bytes.claim(people[i] as PresenceHolder, i, big)).toBeNull();
    expect(bytes.claim(people[7] as PresenceHolder, 7, big + 1)).toBe('too much presence in the room');
    // Shrinking a state always passes; growing it counts only the growth.
    expect(bytes.claim(people[0] as PresenceHolder, 0, 10)).toBeNull();
    expect(bytes.claim(people[7] as PresenceHolder, 7, big)).toBeNull();
  });

  it('keeps a released id for its member until the reservation expires, and lets that member take it back', () => {
    const ledger = new PresenceLedger();
    const alex = holder('alex');
    expect(ledger.claim(alex, 42, 50, 0)).toBeNull();
    ledger.leave(alex, 1_000);
    expect(ledger.claim(holder('bea'), 42, 50, 2_000)).toBe('reserved for another member');
    const alexAgain = holder('alex');
    expect(ledger.claim(alexAgain, 42, 50, 3_000)).toBeNull();
    ledger.leave(alexAgain, 4_000);
    ledger.prune(4_000 + PRESENCE_ID_RESERVED_MS);
    expect(ledger.claim(holder('bea'), 42, 50, 4_000 + PRESENCE_ID_RESERVED_MS)).toBeNull();
  });

  it('counts ids a connection introduces over its life, not only those it holds', () => {
    const ledger = new PresenceLedger();
    const cycling = holder('cycling');
    for (let i = 0; i < MAX_PRESENCE_IDS_PER_CONNECTION; i++) {
      expect(ledger.claim(cycling, i, 10)).toBeNull();
      ledger.release(cycling, i);
    }
    expect(ledger.claim(cycling, 1_000, 10)).toBe('too many ids for one connection');
    expect(ledger.claim(cycling, 0, 10)).toBeNull(); // one of its own, back again
  });
});

describe('token bucket', () => {
  it('allows a burst, then the rate; one request larger than the burst passes once', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 5 }, 0);
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(1, 0)) allowed++;
    expect(allowed).toBe(10);
    expect(bucket.take(1, 1_000)).toBe(true); // 5 refilled
    const big = new TokenBucket({ burst: 10, perSecond: 5 }, 0);
    expect(big.take(50, 0)).toBe(true);
    expect(big.take(1, 5_000)).toBe(false); // still 15 in debt after 5 s
    expect(big.take(1, 10_001)).toBe(true);
  });
});

describe('throttled logger', () => {
  it('writes at most the allowed lines per event and member a minute, then says how many it left out', () => {
    const written: { event: string; suppressed: unknown; member: unknown }[] = [];
    const sink: Logger = {
      info: () => undefined,
      error: () => undefined,
      warn: (event, fields) => void written.push({ event, suppressed: fields?.suppressed, member: fields?.member }),
    };
    let now = 0;
    const logger = throttledLogger(sink, 3, () => now);
    for (let i = 0; i < 10; i++) logger.warn('write refused', { member: 'a' });
    logger.warn('write refused', { member: 'b' });
    expect(written.filter((line) => line.member === 'a')).toHaveLength(3);
    expect(written.filter((line) => line.member === 'b')).toHaveLength(1);
    now = 61_000;
    logger.warn('write refused', { member: 'a' });
    expect(written.at(-1)).toEqual({ event: 'write refused', member: 'a', suppressed: 7 });
  });
});

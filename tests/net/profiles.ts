/**
 * Named link profiles for the shaping proxy. Rates are bits per second; latency is one-way delay added in
 * each direction (so the round trip adds twice the figure), jitter is the half-width of a uniform spread
 * around it. "down" is relay to client, "up" client to relay.
 */
export interface DirectionShape {
  readonly bitsPerSecond: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
}

export interface FlapShape {
  /** How long the link stays up, ms (a seeded value between the two). */
  readonly upMs: readonly [number, number];
  /** How long it stays down, ms. */
  readonly downMs: readonly [number, number];
  /**
   * Probability that a down phase resets the open connections (the rest stall: data waits, as TCP
   * retransmits would, and flows again when the link is back). New connections are refused while down.
   */
  readonly resetProbability: number;
}

export interface LinkProfile {
  readonly name: string;
  readonly up: DirectionShape;
  readonly down: DirectionShape;
  readonly flap?: FlapShape;
  /** The link starts offline and stays so until goOnline() (an offline day, compressed). */
  readonly startsOffline?: boolean;
  /** Probability, per websocket data message, that the link is cut in the middle of it. */
  readonly cutProbability?: number;
}

const mbit = 1_000_000;
const kbit = 1_000;

function symmetric(name: string, bitsPerSecond: number, latencyMs: number, jitterMs = 0): LinkProfile {
  const shape = { bitsPerSecond, latencyMs, jitterMs };
  return { name, up: shape, down: shape };
}

export const PROFILES = {
  /** No shaping at all: loopback speed (a reference for the others). */
  loopback: symmetric('loopback', Infinity, 0),
  office: symmetric('office', 50 * mbit, 20),
  ruralAdsl: {
    name: 'rural ADSL',
    down: { bitsPerSecond: 2 * mbit, latencyMs: 60, jitterMs: 0 },
    up: { bitsPerSecond: 0.5 * mbit, latencyMs: 60, jitterMs: 0 },
  },
  rural4gEdge: symmetric('rural 4G edge', 1 * mbit, 150, 100),
  fallback3g: symmetric('3G fallback', 384 * kbit, 400),
  /** Rural 4G that drops out every few seconds, sometimes mid-message. */
  flapping: {
    ...symmetric('flapping', 1 * mbit, 150, 50),
    name: 'flapping',
    flap: { upMs: [2_000, 5_000], downMs: [500, 2_500], resetProbability: 0.5 },
    /** Now and then a message is cut in its middle and the connection reset (a cell handover). */
    cutProbability: 0.01,
  },
  /** Offline until the test calls goOnline(); then office-grade. */
  offlineDay: { ...symmetric('offline day', 50 * mbit, 20), name: 'offline day', startsOffline: true },
} as const satisfies Record<string, LinkProfile>;

export type ProfileName = keyof typeof PROFILES;

/** The profiles a "reconnect after an offline day" is measured under. */
export const SHAPED_PROFILES: readonly LinkProfile[] = [
  PROFILES.office,
  PROFILES.ruralAdsl,
  PROFILES.rural4gEdge,
  PROFILES.fallback3g,
];

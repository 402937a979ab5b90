/**
 * The relay tests' seeded random source: tests/net's mulberry32 stream (createRng) plus random bytes, so a
 * failing fuzz run can be replayed from its printed seed.
 */
import { createRng } from '../../net/rng';

export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  bytes(length: number): Uint8Array;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  const rng = createRng(seed);
  return {
    seed: rng.seed,
    next: rng.next,
    int: rng.int,
    bytes: (length) => Uint8Array.from({ length }, () => rng.int(0, 255)),
    pick: rng.pick,
  };
}

/** The seed for a fuzz test: RELAY_SEED if set, otherwise a fresh one (printed by the test). */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.RELAY_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

/**
 * The tests' one seeded random source (mulberry32), so that every shaped link, fault schedule, fuzz case and
 * edit script is repeatable from one printed seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True or false, evenly. */
  bool(): boolean;
  /** Picks one element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A word of `minLength` to `maxLength` lower-case letters. */
  word(minLength: number, maxLength: number): string;
  bytes(length: number): Uint8Array;
  /** A new independent stream derived from this one's seed and a label. */
  fork(label: string | number): Rng;
  readonly seed: number;
}

function hash32(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed: seed >>> 0,
    next,
    int,
    bool: () => next() < 0.5,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty array');
      return item;
    },
    word: (minLength, maxLength) =>
      Array.from({ length: int(minLength, maxLength) }, () => String.fromCharCode(int(97, 122))).join(''),
    bytes: (length) => Uint8Array.from({ length }, () => int(0, 255)),
    fork: (label) => createRng(hash32(String(label), seed)),
  };
}

/**
 * The seed for a randomised test: the environment variable `variable` (SOA_SEED unless the test's doc names
 * another) when set, or a fresh one. Always print it.
 */
export function seedFromEnv(variable = 'SOA_SEED'): number {
  const fromEnv = process.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = Number(fromEnv);
    if (!Number.isInteger(parsed)) throw new Error(`${variable} must be an integer, got ${fromEnv}`);
    return parsed >>> 0;
  }
  return (Math.random() * 2 ** 32) >>> 0;
}

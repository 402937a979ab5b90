/**
 * The sample generator's only source of chance: a seeded lib0 PRNG behind a few helpers. Every choice the
 * generator makes goes through one `SampleRandom`, in a fixed order, so one seed always gives the same SOA.
 */
import * as prng from 'lib0/prng';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class SampleRandom {
  private readonly gen: prng.PRNG;

  constructor(seed: number) {
    this.gen = prng.create(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return prng.int32(this.gen, min, max);
  }

  /** A real in [min, max). */
  real(min: number, max: number): number {
    return min + prng.real53(this.gen) * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return prng.real53(this.gen) < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `count` distinct items in random order (all of them when there are fewer). */
  pickSome<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }

  /** A well-formed id (22 URL-safe characters, about 131 bits) drawn from the seed, never from the platform. */
  id<T extends string>(): T {
    let id = '';
    for (let i = 0; i < 22; i++) id += ID_ALPHABET[this.int(0, ID_ALPHABET.length - 1)];
    return id as T;
  }

  /** A Yjs client id: a positive 31-bit integer. */
  clientId(): number {
    return this.int(1, 0x7fffffff);
  }
}

/**
 * Picks from a bank without repeating until the bank is used up, then starts a fresh shuffle. Keeps long
 * texts from reusing a sentence before every other one has had its turn.
 */
export class Deck<T> {
  private queue: T[] = [];
  /** The last few cards drawn; a fresh shuffle deals them last, so a sentence never follows itself. */
  private recent: T[] = [];

  constructor(
    private readonly random: SampleRandom,
    private readonly items: readonly T[],
  ) {
    if (items.length === 0) throw new Error('a deck needs at least one card');
  }

  draw(): T {
    if (this.queue.length === 0) {
      const shuffled = this.random.shuffle(this.items);
      const avoid = new Set(this.recent);
      // pop() deals from the end, so the recently drawn cards go to the front.
      this.queue = [...shuffled.filter((item) => avoid.has(item)), ...shuffled.filter((item) => !avoid.has(item))];
    }
    const card = this.queue.pop() as T;
    this.recent.push(card);
    if (this.recent.length > Math.min(6, this.items.length - 1)) this.recent.shift();
    return card;
  }

  drawSome(count: number): T[] {
    const drawn: T[] = [];
    for (let i = 0; i < count; i++) drawn.push(this.draw());
    return drawn;
  }
}

/**
 * Fuzz seeds that found real relay bugs. The fuzz tests that take RELAY_SEED (garbage.test.ts,
 * rehearsal.test.ts) run each of these as a named case on every run, beside a fresh random seed.
 */
export const REGRESSION_SEEDS: readonly { readonly seed: number; readonly found: string }[] = [
  {
    seed: 1159479013,
    found: 'a bit-flipped update that decoded and applied to an empty document, then threw half-way into the room',
  },
  { seed: 1704169964, found: 'a second such update, refused only once the room rehearsed writes as they are stored' },
  {
    seed: 1077688549,
    found:
      'a write left content pending (waiting for content the room lacked) that readers were served but the store never had, so a refused message changed the room',
  },
];

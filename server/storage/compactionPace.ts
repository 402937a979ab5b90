/**
 * How a compaction on the relay's own thread gives way to live traffic between its steps (reading the log,
 * merging it: sqliteRoomStore.ts and compactor.ts).
 *
 * Not the next turn of the event loop but a pause of a millisecond. A delivery crosses several turns (the
 * message is read, its batch committed, the WAL's sync completes, it is broadcast), and when the steps came
 * one a turn, each of those turns also ran a step: measured under the fan-out benchmark (5 December 2026),
 * the event loop was 80% busy for the 7-24 ms a compaction took, the updates sent in its first 12 ms reached
 * their readers in 5-6 ms instead of 1.5, and those 2% of the seconds held 26-37% of the relay's slowest 1%
 * of deliveries. With the pause a compaction of 500 rows takes about 25 ms, the loop serves what is ready
 * between its steps, and 0-1% of the slowest deliveries fell near a compaction (bench/RESULTS.md).
 */
import { setTimeout as pause } from 'node:timers/promises';

/** The pause between two steps of a compaction. */
export const COMPACTION_STEP_PAUSE_MS = 1;

/** Resolves after the pause, once the sockets and syncs that are ready have been served. */
export function betweenCompactionSteps(): Promise<void> {
  return pause(COMPACTION_STEP_PAUSE_MS);
}

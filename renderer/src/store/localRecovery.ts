/**
 * Recovery of a room whose copy on this computer could not be read. The copy is rebuilt only once the
 * relay has sent the room's content; the report stays on screen a moment first, so the officer sees what
 * happened before a lasting note says it was rebuilt.
 */
import type { Room } from './room';

/** How long "could not be read, being rebuilt" shows before the rebuild replaces it with a lasting note. */
const REBUILD_DELAY_MS = 1_500;

export class LocalRecovery {
  private readonly rebuilding = new Set<Room>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /** Called whenever a room's state changes. */
  check(room: Room): void {
    if (room.storeState !== 'unreadable' || !room.syncState?.synced || this.rebuilding.has(room)) return;
    this.rebuilding.add(room);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void room.rebuildLocalStore().finally(() => this.rebuilding.delete(room));
    }, REBUILD_DELAY_MS);
    this.timers.add(timer);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

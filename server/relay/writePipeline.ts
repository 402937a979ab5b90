/**
 * The one way a change gets into a room, whoever brings it: a member's live websocket today, HTTPS writes
 * and change files (.soabundle) next (issue 17). For every write, in this order:
 *
 *   1. the caller has decoded the message into a typed client message (clientMessage.ts);
 *   2. access, before an update's content is decoded: a write from a member who may not write the room is
 *      judged from as little of it as possible (readerWrite.ts), never applied, stored or broadcast;
 *   3. in the room's queue, one write at a time: the checks, rehearsal, durable store, apply and broadcast
 *      of writeUpdate.ts;
 *   4. the outcome goes back to the source (the connection acknowledges or closes);
 *   5. stored rows are counted (in the room) and a long log is compacted (compactIfLong).
 *
 * Everything inside the queue runs under one catch: a throw anywhere (a stage, the source's own handling
 * of the outcome) is logged, the room is rebuilt from the store if it may hold an unstored change, and the
 * source is told 4503 (nothing unsaved was acknowledged). Before, such a throw was dropped by the queue
 * without a word.
 *
 * The author is the source's, not necessarily a socket's member: a change file is written by the member
 * who made it (its MAC proves it) and may be imported by anyone. The client-id rule (a struct under a Yjs
 * client id another member first used in the room is refused, 4409) is checked against that author, so a
 * change file carries its member's own client ids as a live write from that member would, and the
 * importer's identity never enters into it.
 */
import { CLOSE_CODES, encodeSyncUpdate } from '../../shared/protocol/messages';
import type { MemberId } from '../../shared/model/ids';
import { errorMessage } from '../log';
import { judgeReaderWrite } from './readerWrite';
import type { LoadedRoom, RoomPeer } from './room';
import { restore, writeUpdate, type WriteContext, type WriteOutcome } from './writeUpdate';

export type { WriteOutcome } from './writeUpdate';

/** Where a write comes from, and where its outcome goes. */
export interface WriteSource {
  /** The member the write is stored as by, and whose client ids it may use. */
  readonly author: MemberId;
  /** How it arrived (for the log): a member's own live connection (websocket or HTTPS), or a change file. */
  readonly via: 'websocket' | 'https' | 'bundle';
  /** Whether the author may write the room (shared/model/rooms.ts mayWrite, decided from the member). */
  readonly mayWrite: boolean;
  /** The room peer it came from, which is not sent its own change; null for none. */
  readonly peer: RoomPeer | null;
  /** True once the source was closed for a fault: its writes still queued are dropped. */
  dropped(): boolean;
  /** The outcome: acknowledge it, report it, or close (see WriteOutcome). */
  settle(outcome: WriteOutcome): void;
}

const STORE_FAILED = 'The relay could not save your change; it is kept on your computer. Try again later.';

export class WritePipeline {
  constructor(
    private readonly context: WriteContext,
    /** Starts a compaction in the background when the room's log has grown long. */
    private readonly compactIfLong: (room: LoadedRoom) => void,
  ) {}

  /** One write to a loaded room. Resolves once it has been settled (or dropped). */
  submit(room: LoadedRoom, source: WriteSource, update: Uint8Array): Promise<void> {
    if (!source.mayWrite) {
      // Access first: a write this member may not make is judged without being applied or queued.
      const verdict = judgeReaderWrite(room.doc, update);
      source.settle(
        verdict.addsToRoom
          ? { kind: 'denied', decodedBytes: verdict.decodedBytes }
          : { kind: 'ignored', decodedBytes: verdict.decodedBytes },
      );
      return Promise.resolve();
    }
    return room.serialise(async () => {
      if (room.poisoned || source.dropped()) return;
      try {
        const outcome = await writeUpdate(this.context, room, update, source.author, source.peer);
        source.settle(outcome);
        if (outcome.kind === 'accepted' && outcome.stored) this.compactIfLong(room);
      } catch (error) {
        await this.failed(room, source, error);
      }
    });
  }

  /** Applies an update the administrator already stored (another process: the admin CLI) to a loaded room. */
  applyStored(room: LoadedRoom, update: Uint8Array): Promise<void> {
    return room.serialise(async () => {
      if (room.poisoned) return;
      try {
        const applied = room.apply(update);
        if (!applied.ok) {
          this.context.logger.error('foreign update unreadable', { room: room.name, error: applied.error });
          await restore(this.context, room);
          return;
        }
        room.markStored();
        room.countStored(update.byteLength);
        // Another process may have recorded client ids for their first writer (a change file imported with
        // the CLI): learn them, so the client-id rule holds for this loaded room too. Rare, so a full read.
        for (const [client, owner] of this.context.store.loadNow(room.name).clientOwners)
          if (!room.clientOwners.has(client)) room.clientOwners.set(client, owner);
        if (applied.change) room.broadcast(encodeSyncUpdate(applied.change), null);
      } catch (error) {
        this.context.logger.error('foreign update failed', { room: room.name, error: errorMessage(error) });
        await restore(this.context, room);
      }
    });
  }

  /** The one catch: log, make sure nothing unstored is served, and tell the source 4503. */
  private async failed(room: LoadedRoom, source: WriteSource, error: unknown): Promise<void> {
    this.context.logger.error('write failed', {
      member: source.author,
      room: room.name,
      via: source.via,
      error: errorMessage(error),
    });
    try {
      if (room.holdsUnstoredChange) await restore(this.context, room);
      source.settle({
        kind: 'refused',
        code: CLOSE_CODES.STORAGE_UNAVAILABLE,
        reason: STORE_FAILED,
        log: 'write failed',
        detail: {},
      });
    } catch (again) {
      this.context.logger.error('write failed', {
        member: source.author,
        room: room.name,
        via: source.via,
        error: errorMessage(again),
      });
    }
  }
}

/**
 * The sync status of an open SOA, summed over its rooms: the link, the changes the relay has not yet
 * acknowledged, when it last synced, and any problem (a revoked token, a refused write, a local copy that
 * could not be read). Listeners hear only real changes, so the status bar does not re-render per keystroke.
 */
import type { LinkStatus, SyncProblem } from '../sync/roomConnection';
import type { Room } from './room';

/** One room with changes the relay has not yet acknowledged. */
export interface UnsentRoom {
  readonly room: string;
  readonly changes: number;
  /** The room's root types those changes touched (named as sections by shared/model/sectionNames). */
  readonly roots: readonly string[];
}

export interface SyncSummary {
  /**
   * 'local' for an SOA that lives only on this computer; 'signed-out' for a partnership SOA with no invite
   * token on this computer (nothing can be sent, whatever the network).
   */
  readonly link: LinkStatus | 'local' | 'signed-out';
  /** Every change the relay has not acknowledged (the exact count, for the detail). */
  readonly pending: number;
  /** The rooms those changes are in: what the status bar counts ("edits in 2 sections"). */
  readonly unsent: readonly UnsentRoom[];
  readonly lastSyncedAt: number | null;
  readonly allSynced: boolean;
  /** Connected over the HTTPS link, as websockets are blocked on this network (slower, but syncing). */
  readonly slowerLink?: boolean;
  /** Each kind of problem once, with the rooms it concerns. */
  readonly problems: readonly RoomProblem[];
  /** Rooms whose copy on this computer could not be read. */
  readonly unreadableRooms: readonly string[];
  /** Rooms whose damaged copy is being recovered now. */
  readonly repairingRooms: readonly string[];
  /** Rooms whose damaged copy was recovered in this session, with what was set aside. */
  readonly salvagedRooms: readonly SalvagedRoom[];
  /** Rooms with edits of this computer held back by a missing piece (after a damaged row), with what they say. */
  readonly waitingRooms: readonly WaitingRoom[];
  readonly unsavedLocally: boolean;
}

export interface WaitingRoom {
  readonly room: string;
  readonly texts: readonly string[];
}

export interface RoomProblem extends SyncProblem {
  readonly rooms: readonly string[];
}

export interface SalvagedRoom {
  readonly room: string;
  /** Its IndexedDB database (the quarantine is keyed by it). */
  readonly storeName: string;
  readonly recovered: number;
  readonly skipped: number;
}

type Listener = () => void;

export function summariseSync(rooms: readonly Room[], relayBacked: boolean, signedIn: boolean): SyncSummary {
  const unreadableRooms = rooms.filter((room) => room.storeState === 'unreadable').map((room) => room.options.name);
  const unsavedLocally = rooms.some((room) => room.hasUnsavedLocalChanges);
  const repairingRooms = rooms.filter((room) => room.storeState === 'repairing').map((room) => room.options.name);
  const salvagedRooms = rooms.flatMap((room) =>
    room.salvage && room.options.storeName
      ? [{ room: room.options.name, storeName: room.options.storeName, ...room.salvage }]
      : [],
  );
  const waitingRooms = rooms.flatMap((room) => {
    const waiting = room.waiting;
    return waiting && waiting.texts.length > 0 ? [{ room: room.options.name, texts: waiting.texts }] : [];
  });
  if (!relayBacked) {
    return {
      link: 'local',
      pending: 0,
      unsent: [],
      lastSyncedAt: null,
      allSynced: false,
      problems: [],
      unreadableRooms,
      repairingRooms,
      salvagedRooms,
      waitingRooms,
      unsavedLocally,
    };
  }
  const unsent = rooms
    .filter((room) => room.pending > 0)
    .map((room) => ({ room: room.options.name, changes: room.pending, roots: room.pendingRoots }));
  const pending = unsent.reduce((sum, room) => sum + room.changes, 0);
  const times = rooms.map((room) => room.lastSyncedAt).filter((time): time is number => time !== null);
  const lastSyncedAt = times.length > 0 ? Math.max(...times) : null;
  if (!signedIn)
    return {
      link: 'signed-out',
      pending,
      unsent,
      lastSyncedAt,
      allSynced: false,
      problems: [],
      unreadableRooms,
      repairingRooms,
      salvagedRooms,
      waitingRooms,
      unsavedLocally,
    };
  const states = rooms.map((room) => room.syncState).filter((state) => state !== null);
  const problems: RoomProblem[] = [];
  for (const room of rooms) {
    const problem = room.syncState?.problem;
    if (!problem) continue;
    const index = problems.findIndex((known) => known.kind === problem.kind);
    if (index < 0) problems.push({ ...problem, rooms: [room.options.name] });
    else
      problems[index] = {
        ...(problems[index] as RoomProblem),
        rooms: [...(problems[index] as RoomProblem).rooms, room.options.name],
      };
  }
  let link: LinkStatus = 'offline';
  if (states.length > 0) {
    if (states.every((state) => state.link === 'stopped')) link = 'stopped';
    else if (states.some((state) => state.link === 'connecting')) link = 'connecting';
    else if (states.every((state) => state.link === 'connected' || state.link === 'stopped')) link = 'connected';
    else if (states.some((state) => state.link === 'connected')) link = 'connecting';
  }
  const allSynced = states.length > 0 && states.every((state) => state.synced || state.link === 'stopped');
  const slowerLink = link === 'connected' && states.some((state) => state.link === 'connected' && state.slowerLink);
  return {
    link,
    pending,
    unsent,
    lastSyncedAt,
    allSynced,
    slowerLink,
    problems,
    unreadableRooms,
    repairingRooms,
    salvagedRooms,
    waitingRooms,
    unsavedLocally,
  };
}

function same(prev: SyncSummary, next: SyncSummary): boolean {
  return (
    prev.link === next.link &&
    prev.pending === next.pending &&
    prev.unsent.map((room) => `${room.room}:${room.roots.join()}`).join() ===
      next.unsent.map((room) => `${room.room}:${room.roots.join()}`).join() &&
    prev.lastSyncedAt === next.lastSyncedAt &&
    prev.allSynced === next.allSynced &&
    prev.slowerLink === next.slowerLink &&
    prev.unsavedLocally === next.unsavedLocally &&
    prev.problems.length === next.problems.length &&
    prev.problems.every(
      (problem, index) =>
        problem.message === next.problems[index]?.message &&
        problem.rooms.join() === next.problems[index]?.rooms.join(),
    ) &&
    prev.unreadableRooms.join() === next.unreadableRooms.join() &&
    prev.repairingRooms.join() === next.repairingRooms.join() &&
    prev.salvagedRooms.map((room) => room.room).join() === next.salvagedRooms.map((room) => room.room).join() &&
    JSON.stringify(prev.waitingRooms) === JSON.stringify(next.waitingRooms)
  );
}

export class SyncStatus {
  private summary: SyncSummary;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly rooms: () => readonly Room[],
    private readonly relayBacked: boolean,
    private readonly signedIn: () => boolean,
  ) {
    this.summary = summariseSync(rooms(), relayBacked, signedIn());
  }

  /** Recounts; tells listeners only when something they show has changed. */
  update(): void {
    const next = summariseSync(this.rooms(), this.relayBacked, this.signedIn());
    if (same(this.summary, next)) return;
    this.summary = next;
    for (const listener of this.listeners) listener();
  }

  readonly get = (): SyncSummary => this.summary;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    this.listeners.clear();
  }
}

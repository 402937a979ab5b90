/**
 * Who holds which awareness client id in which room, and how many bytes of presence each room and member
 * holds: the relay's bounds on presence (server/relay/limits.ts). An id is claimed by the first connection
 * that sends a state for it; only that connection may change or remove it. When it lets the id go (a null
 * state, or its connection closes) the id stays tied to its member for PRESENCE_ID_RESERVED_MS, so another
 * member cannot take it with a huge awareness clock and shut the returning client out of presence (clients
 * ignore states whose clock is not above the last one they saw). A connection may introduce at most
 * MAX_PRESENCE_IDS_PER_CONNECTION ids over its life (not merely at once), which also bounds how many
 * reservations one connection can leave behind.
 *
 * Kept relay-wide, keyed by room name, so a reservation outlives the room being unloaded.
 */
import {
  MAX_PRESENCE_BYTES_PER_MEMBER,
  MAX_PRESENCE_BYTES_PER_ROOM,
  MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_IDS_PER_ROOM,
  PRESENCE_ID_RESERVED_MS,
} from './limits';

/** A connection as the ledger sees it. */
export interface PresenceHolder {
  readonly memberId: string;
  readonly roomName: string;
}

/** Why a presence state was not accepted (for the log). */
export type PresenceRefusal =
  | 'owned by another connection'
  | 'reserved for another member'
  | 'too many ids for one connection'
  | 'too many ids in the room'
  | 'too much presence in the room'
  | 'too much presence for the member';

interface RoomPresence {
  readonly owners: Map<number, { readonly holder: PresenceHolder; bytes: number }>;
  readonly reserved: Map<number, { readonly memberId: string; readonly until: number }>;
  bytes: number;
}

export class PresenceLedger {
  private readonly rooms = new Map<string, RoomPresence>();
  private readonly memberBytes = new Map<string, number>();
  private readonly holders = new Map<
    PresenceHolder,
    { readonly held: Set<number>; readonly introduced: Set<number> }
  >();

  /** True when `holder` controls the id (may change or remove its state). */
  controls(holder: PresenceHolder, clientId: number): boolean {
    return this.rooms.get(holder.roomName)?.owners.get(clientId)?.holder === holder;
  }

  /**
   * Records a state of `bytes` for the id from `holder`, claiming the id if it is free. Returns null when
   * accepted, or why not; nothing changes when refused.
   */
  claim(holder: PresenceHolder, clientId: number, bytes: number, now: number = Date.now()): PresenceRefusal | null {
    const room = this.room(holder.roomName);
    const owned = room.owners.get(clientId);
    if (owned && owned.holder !== holder) return 'owned by another connection';
    const previous = owned?.bytes ?? 0;
    if (!owned) {
      const reservation = room.reserved.get(clientId);
      if (reservation && reservation.until > now && reservation.memberId !== holder.memberId)
        return 'reserved for another member';
      const introduced = this.holders.get(holder)?.introduced;
      if (!introduced?.has(clientId) && (introduced?.size ?? 0) >= MAX_PRESENCE_IDS_PER_CONNECTION)
        return 'too many ids for one connection';
      if (room.owners.size >= MAX_PRESENCE_IDS_PER_ROOM) return 'too many ids in the room';
    }
    const growth = bytes - previous;
    if (growth > 0 && room.bytes + growth > MAX_PRESENCE_BYTES_PER_ROOM) return 'too much presence in the room';
    const memberTotal = this.memberBytes.get(holder.memberId) ?? 0;
    if (growth > 0 && memberTotal + growth > MAX_PRESENCE_BYTES_PER_MEMBER) return 'too much presence for the member';
    if (owned) owned.bytes = bytes;
    else {
      room.owners.set(clientId, { holder, bytes });
      room.reserved.delete(clientId);
      const ids = this.holders.get(holder) ?? { held: new Set<number>(), introduced: new Set<number>() };
      ids.held.add(clientId);
      ids.introduced.add(clientId);
      this.holders.set(holder, ids);
    }
    room.bytes += growth;
    this.memberBytes.set(holder.memberId, memberTotal + growth);
    return null;
  }

  /** The holder lets an id go (a null state): it stays reserved for the holder's member for a while. */
  release(holder: PresenceHolder, clientId: number, now: number = Date.now()): void {
    const room = this.rooms.get(holder.roomName);
    const owned = room?.owners.get(clientId);
    if (!room || owned?.holder !== holder) return;
    room.owners.delete(clientId);
    room.bytes -= owned.bytes;
    room.reserved.set(clientId, { memberId: holder.memberId, until: now + PRESENCE_ID_RESERVED_MS });
    const memberTotal = (this.memberBytes.get(holder.memberId) ?? 0) - owned.bytes;
    if (memberTotal > 0) this.memberBytes.set(holder.memberId, memberTotal);
    else this.memberBytes.delete(holder.memberId);
    this.holders.get(holder)?.held.delete(clientId);
  }

  /** The holder's connection closed: releases (and reserves) every id it held. Returns them. */
  leave(holder: PresenceHolder, now: number = Date.now()): number[] {
    const ids = [...(this.holders.get(holder)?.held ?? [])];
    for (const id of ids) this.release(holder, id, now);
    this.holders.delete(holder);
    return ids;
  }

  /** Forgets expired reservations, and rooms with nothing left in them. */
  prune(now: number = Date.now()): void {
    for (const [name, room] of this.rooms) {
      for (const [id, reservation] of room.reserved) if (reservation.until <= now) room.reserved.delete(id);
      if (room.owners.size === 0 && room.reserved.size === 0) this.rooms.delete(name);
    }
  }

  private room(name: string): RoomPresence {
    let room = this.rooms.get(name);
    if (!room) {
      room = { owners: new Map(), reserved: new Map(), bytes: 0 };
      this.rooms.set(name, room);
    }
    return room;
  }
}

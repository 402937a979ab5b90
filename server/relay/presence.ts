/**
 * Presence: awareness updates are forwarded within a room, but the relay vouches for who is who. It
 * rewrites `state.user` of every entry to the authenticated member's PresenceUser, and drops entries for
 * awareness client ids that another connection in the room owns, so nobody can pose as someone else or
 * remove another's presence.
 *
 * Awareness update format (y-protocols/awareness): varUint count, then per entry varUint clientID,
 * varUint clock, varString JSON state ("null" removes the client).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from '../../shared/protocol/messages';

export interface PresenceEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The state with the vouched user fields, or null when the client leaves. */
  readonly state: Record<string, unknown> | null;
}

/** Decodes and rewrites an awareness update. Throws on malformed input. */
export function vouchForPresence(update: Uint8Array, user: PresenceUser, mayControl: (clientId: number) => boolean): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const parsed: unknown = JSON.parse(decoding.readVarString(decoder));
    if (!mayControl(clientId)) continue;
    if (parsed === null) entries.push({ clientId, clock, state: null });
    else if (typeof parsed === 'object' && !Array.isArray(parsed)) entries.push({ clientId, clock, state: { ...(parsed as Record<string, unknown>), user: { ...user } } });
    else throw new Error('An awareness state must be an object or null.');
  }
  if (decoding.hasContent(decoder)) throw new Error('Trailing bytes after an awareness update.');
  return entries;
}

export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

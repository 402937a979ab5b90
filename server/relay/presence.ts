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
import { MAX_PRESENCE_ENTRIES_PER_MESSAGE, MAX_PRESENCE_STATE_BYTES } from './limits';

export interface PresenceEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The state with the vouched user fields, or null when the client leaves. */
  readonly state: Record<string, unknown> | null;
  /** The state as JSON, as it is forwarded (null when the client leaves). */
  readonly json: string | null;
}

export interface VouchedPresence {
  /** Entries to apply, in message order. */
  readonly entries: PresenceEntry[];
  /** Entries left out: too large, or not admitted. */
  readonly refused: number;
}

/**
 * Decodes and rewrites an awareness update. `admit` decides each entry in turn, told the size of the state
 * as it would be forwarded (null for a removal), so limits are counted as entries are read. Returns null
 * for a message with more than MAX_PRESENCE_ENTRIES_PER_MESSAGE entries, which is not read further.
 * Throws on malformed input.
 */
export function vouchForPresence(
  update: Uint8Array,
  user: PresenceUser,
  admit: (clientId: number, stateBytes: number | null) => boolean,
): VouchedPresence | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_PRESENCE_ENTRIES_PER_MESSAGE) return null;
  const entries: PresenceEntry[] = [];
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // The state is a varString: its UTF-8 bytes are measured before they are decoded or parsed.
    const raw = decoding.readVarUint8Array(decoder);
    if (raw.byteLength > MAX_PRESENCE_STATE_BYTES) {
      refused++;
      continue;
    }
    const parsed: unknown = JSON.parse(textDecoder.decode(raw));
    if (parsed === null) {
      if (admit(clientId, null)) entries.push({ clientId, clock, state: null, json: null });
      continue;
    }
    if (typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('An awareness state must be an object or null.');
    const state = { ...(parsed as Record<string, unknown>), user: { ...user } };
    const json = JSON.stringify(state);
    if (!admit(clientId, Buffer.byteLength(json))) refused++;
    else entries.push({ clientId, clock, state, json });
  }
  if (decoding.hasContent(decoder)) throw new Error('Trailing bytes after an awareness update.');
  return { entries, refused };
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json ?? 'null');
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The relay's refusals in plain words: what happened, whether the change is safe, and what to do next.
 * The relay closes a connection with a code (shared/protocol/messages.ts CLOSE_CODES); codes 4500-4599 mean
 * "try again later" and the connection retries by itself with a growing pause, so those messages say that
 * nothing needs doing. The others stop this section's sync from this computer until the cause is gone,
 * so those messages say what the officer (or the relay's administrator) can do. An undone paste is still
 * part of what must be sent until SOA Studio reloads (undo keeps it, for redo), hence "Undo, then reload".
 */
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/protocol/messages';
import { MAX_RICH_TEXT_DEPTH } from '../../../shared/model/richText';

export type SyncProblemKind =
  | 'revoked'
  | 'unauthenticated'
  | 'room-not-found'
  | 'write-refused'
  | 'storage'
  | 'too-large'
  | 'too-deep'
  | 'malformed'
  | 'too-many'
  | 'rate-limited'
  | 'not-reading'
  | 'too-complex'
  | 'client-id-taken'
  | 'write-quota'
  | 'section-full';

export interface SyncProblem {
  readonly kind: SyncProblemKind;
  readonly message: string;
  /** True when the connection retries by itself; false when it has stopped and only "Try again" resumes it. */
  readonly retrying: boolean;
}

/** Problems that end once the relay accepts this computer's changes again. */
export const CLEARED_BY_ACCEPTANCE: ReadonlySet<SyncProblemKind> = new Set([
  'storage',
  'too-many',
  'rate-limited',
  'not-reading',
  'write-quota',
  'section-full',
]);

/** Codes after which the same change cannot succeed, so reconnecting would only send it again to be refused. */
export function stopsReconnecting(code: number): boolean {
  return (code >= 4400 && code < 4500) || code === CLOSE_CODES.MESSAGE_TOO_BIG;
}

/** What the walk needs of a Yjs type: its sequence and its map entries. */
interface Nested {
  readonly _start: Y.Item | null;
  readonly _map: Map<string, Y.Item>;
}

/** The deepest level of nested types in the document (a root's children are level 1), walked without recursion. */
export function deepestNesting(doc: Y.Doc, stopAbove = MAX_RICH_TEXT_DEPTH): number {
  let deepest = 0;
  const stack: Array<{ readonly type: Nested; readonly level: number }> = [...doc.share.values()].map((type) => ({
    type,
    level: 0,
  }));
  const visit = (item: Y.Item, level: number) => {
    if (!item.deleted && item.content instanceof Y.ContentType)
      stack.push({ type: item.content.type, level: level + 1 });
  };
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    deepest = Math.max(deepest, next.level);
    if (deepest > stopAbove) return deepest;
    for (let item = next.type._start; item !== null; item = item.right) visit(item, next.level);
    for (const item of next.type._map.values()) visit(item, next.level);
  }
  return deepest;
}

const TOO_DEEP = `A change puts lists or quotes inside each other more than ${MAX_RICH_TEXT_DEPTH} levels deep, more than the SOA can show, so the relay refused it. It is safe on this computer, but this section is not being sent from here. Undo the extra nesting, then reload SOA Studio.`;

/**
 * The problem a close code means, or null for a close that needs no words (the relay restarting, the
 * network dropping). `doc` tells a refusal of over-deep content (which the relay reports as a message it
 * could not read) from a damaged message.
 */
export function problemForClose(code: number, reason: string, doc: Y.Doc | null): SyncProblem | null {
  const retrying = (message: string, kind: SyncProblemKind): SyncProblem => ({ kind, message, retrying: true });
  const stopped = (message: string, kind: SyncProblemKind): SyncProblem => ({ kind, message, retrying: false });
  switch (code) {
    case CLOSE_CODES.REVOKED:
      return stopped(
        'Your access to this partnership has been revoked. Changes stay on this computer; ask your coordinator for a new invite.',
        'revoked',
      );
    case CLOSE_CODES.UNAUTHENTICATED:
      return stopped(
        'The relay does not recognise your invite token. Changes stay on this computer; join again with a valid invite.',
        'unauthenticated',
      );
    case CLOSE_CODES.ROOM_NOT_FOUND:
      return stopped(
        'The relay does not have this part of the SOA. Ask your coordinator whether it has been removed.',
        'room-not-found',
      );
    case CLOSE_CODES.STORAGE_UNAVAILABLE:
      return retrying(
        'The relay had a problem saving or loading changes. Yours are safe on this computer, and SOA Studio tries again by itself. If this lasts more than an hour, tell your relay administrator.',
        'storage',
      );
    case CLOSE_CODES.TOO_LARGE:
    case CLOSE_CODES.MESSAGE_TOO_BIG:
      return stopped(
        'A change is larger than the relay accepts (for example a very long paste). It is safe on this computer, but this section is not being sent from here. Undo the paste, then reload SOA Studio, and add the text in smaller parts.',
        'too-large',
      );
    case CLOSE_CODES.TOO_DEEP:
      return stopped(TOO_DEEP, 'too-deep');
    case CLOSE_CODES.MALFORMED:
      // A relay from before TOO_DEEP refused over-deep content as a message it could not read.
      if (doc && deepestNesting(doc) > MAX_RICH_TEXT_DEPTH) return stopped(TOO_DEEP, 'too-deep');
      return stopped(
        'The relay could not read a change sent from this computer. Your changes are safe here. Reload SOA Studio to send them again; if this keeps happening, tell your relay administrator.',
        'malformed',
      );
    case CLOSE_CODES.TOO_MANY:
      return retrying(
        'Too many windows of SOA Studio are open for your account. Close the ones you are not using; this one reconnects by itself.',
        'too-many',
      );
    case CLOSE_CODES.RATE_LIMITED:
      return retrying(
        'The relay is pausing this computer after a burst of activity. Your changes are safe here, and SOA Studio sends them again in a few seconds by itself.',
        'rate-limited',
      );
    case CLOSE_CODES.NOT_READING:
      return retrying(
        'This computer was not keeping up with changes from the relay (a slow or busy connection). Your changes are safe here, and SOA Studio reconnects by itself.',
        'not-reading',
      );
    case CLOSE_CODES.TOO_COMPLEX:
      return stopped(
        'A change has too many separate pieces for the relay to take at once (for example a very long paste). It is safe on this computer, but this section is not being sent from here. Undo the paste, then reload SOA Studio, and add the text in smaller parts; if that is not possible, tell your relay administrator.',
        'too-complex',
      );
    case CLOSE_CODES.CLIENT_ID_TAKEN:
      return stopped(
        'The relay refused a change because it was made under an editing identity another member uses in this section. Your changes are safe on this computer. Reload SOA Studio to get an identity of your own.',
        'client-id-taken',
      );
    case CLOSE_CODES.WRITE_QUOTA:
      return retrying(
        `${/^You have/.test(reason) ? 'You have sent' : 'This section has had'} more changes in the last hour than the relay accepts. They are safe on this computer, and SOA Studio sends them by itself when the hour is up.`,
        'write-quota',
      );
    case CLOSE_CODES.ROOM_FULL:
      return retrying(
        'This section is full on the relay. Your changes are safe on this computer, and SOA Studio sends them by itself once there is room. Remove content you no longer need (deletions are still accepted), or tell your relay administrator.',
        'section-full',
      );
    default:
      return null;
  }
}

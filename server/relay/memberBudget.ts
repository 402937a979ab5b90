/**
 * What one member may ask of the relay across all their connections: messages, work (bytes the relay
 * encodes or decodes for them), new connections, and unsent bytes. Kept after the member's last connection
 * closes, until every bucket has refilled, so reconnecting does not reset the limits.
 */
import type { PeerSocket } from './peerSocket';
import { CONNECTIONS_OPENED_PER_MEMBER, MESSAGES_PER_MEMBER, WORK_BYTES_PER_MEMBER } from './limits';
import { TokenBucket } from './tokenBucket';

/** A connection as its member's budget sees it. */
export interface BudgetedConnection {
  readonly socket: PeerSocket;
}

export class MemberBudget<C extends BudgetedConnection = BudgetedConnection> {
  readonly connections = new Set<C>();
  readonly messages = new TokenBucket(MESSAGES_PER_MEMBER);
  readonly work = new TokenBucket(WORK_BYTES_PER_MEMBER);
  readonly opened = new TokenBucket(CONNECTIONS_OPENED_PER_MEMBER);

  /** Bytes queued for this member's clients and not yet taken by them. */
  unsentBytes(): number {
    let total = 0;
    for (const connection of this.connections) total += connection.socket.bufferedAmount;
    return total;
  }

  /** True when forgetting this budget changes nothing: no connections, every bucket full. */
  isIdle(now: number = Date.now()): boolean {
    return this.connections.size === 0 && this.messages.isFull(now) && this.work.isFull(now) && this.opened.isFull(now);
  }
}

/**
 * Closing a websocket the relay has given up on. ws's close() sends the close frame, then waits up to 30
 * seconds for the client's answer, reading (and buffering up to a whole message of) whatever the client
 * still sends. The relay waits only CLOSE_GRACE_MS and then drops the TCP connection: a client that reads
 * has answered by then (so it sees the code, and a clean close), and one that does not cannot hold the
 * relay's memory for long. A client that keeps sending messages after the close is not read at all.
 */
import type { PeerSocket } from './peerSocket';
import { CLOSE_GRACE_MS } from './limits';

/** Messages a client may still send after the relay's close before the relay stops reading it. */
const MESSAGES_IN_FLIGHT = 64;

export function closeAndDrop(socket: PeerSocket, code: number, reason: string): void {
  if (socket.readyState === socket.CLOSED) return;
  if (socket.readyState === socket.OPEN) socket.close(code, reason);
  // A client that answers the close sends a close frame, perhaps after a few messages already on their
  // way; one that keeps sending messages instead is not listening, and reading (and parsing) them would
  // cost the relay for nothing: stop reading.
  let afterClose = 0;
  socket.on('message', () => {
    if (++afterClose === MESSAGES_IN_FLIGHT) socket.pause();
  });
  const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

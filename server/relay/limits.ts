/**
 * The relay's limits, and why each has the value it has.
 *
 * MAX_MESSAGE_BYTES: the largest websocket message the relay accepts. The biggest legitimate message is a
 * client's sync step 2 after a long time offline: every edit made since, in one update. bench/relay-catchup-size.ts
 * measures it on a realistic partner room: MEASURED_CATCH_UP_BYTES below. The limit gives that more than
 * tenfold headroom (for a partner who pastes a long report into their section offline), and is still small
 * enough that a hostile client cannot make the relay hold much memory.
 */
export const MEASURED_CATCH_UP_BYTES = 0;
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Frames above this are refused by the websocket layer itself (close 1009) without being read; between
 * MAX_MESSAGE_BYTES and this the relay reads the frame and closes with CLOSE_CODES.TOO_LARGE.
 */
export const MAX_FRAME_BYTES = 4 * MAX_MESSAGE_BYTES;

/**
 * Rooms per connection: always one. The stock y-websocket client opens one websocket per room and names
 * the room in the URL path, so a connection can never join a second room.
 */
export const ROOMS_PER_CONNECTION = 1;

/**
 * Open connections per member. The app opens one per room of each SOA it shows (a frame and up to 100
 * partner rooms), possibly from two devices or a few browser tabs.
 */
export const MAX_CONNECTIONS_PER_MEMBER = 250;

/**
 * Time a client has to send the complete websocket upgrade request, which carries its token: a socket that
 * has not authenticated by then is dropped (Node's headersTimeout and requestTimeout).
 */
export const AUTH_TIMEOUT_MS = 10_000;

/** How often the relay looks for revoked members and for changes the admin CLI wrote to the database. */
export const DIRECTORY_POLL_MS = 1_000;

/** A room's stored rows are merged into one when it has this many (checked on append and on unload). */
export const COMPACT_AFTER_ROWS = 500;

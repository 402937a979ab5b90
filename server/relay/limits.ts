/**
 * The relay's limits, and why each has the value it has.
 *
 * MAX_MESSAGE_BYTES: the largest websocket message the relay accepts. The biggest legitimate message is a
 * client's sync step 2 after a long time offline: every edit made since, in one update.
 * bench/relay-catchup-size.ts measures it on a partner room edited keystroke by keystroke (one transaction
 * each, with deletions, formatting and commitments): 35 KiB after 10,000 keystrokes, 172 KiB after 50,000
 * and 699 KiB after 200,000 (a very busy year for one officer; Yjs merges runs of typing, about 3.5 bytes
 * per keystroke). The limit is eleven times the largest figure, which also leaves room for a long report
 * pasted in offline (300 pages of text is about 1 MB), and still bounds what a hostile client can make the
 * relay hold.
 */
export const MEASURED_CATCH_UP_BYTES = 679_424;
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

/**
 * How often the relay asks SQLite whether another process (the admin CLI) has committed to the database:
 * a counter read from memory (PRAGMA data_version), so it is cheap to ask often. Only when it has changed
 * does the relay read revocations and the rows the CLI wrote, so a revoked member is disconnected, and a
 * new partner reaches open frames, within about this long.
 */
export const DIRECTORY_POLL_MS = 100;

/** A room's stored rows are merged into one when it has this many (checked on append and on unload). */
export const COMPACT_AFTER_ROWS = 500;

/**
 * Awareness client ids one connection may introduce. The stock client uses one per document; a few more
 * allow for a client that recreates its awareness without reconnecting.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 8;

/** Messages held for a connection while its room loads (a client sends three or four before any answer). */
export const MAX_EARLY_MESSAGES = 256;

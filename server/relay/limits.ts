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
 * The websocket layer's own limit (ws `maxPayload`) is the message limit: a frame or message that declares
 * more is refused with close code 1009 as soon as its header arrives, so nobody can make the relay hold a
 * half-sent message larger than a whole one it would accept.
 */
export const MAX_WEBSOCKET_PAYLOAD_BYTES = MAX_MESSAGE_BYTES;

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
 * Multiplexed websockets (muxWebsocket.ts) open per member: the app opens one per SOA it shows, in each
 * window. Its rooms count as connections above, so this only bounds websockets with few rooms.
 */
export const MAX_MUX_WEBSOCKETS_PER_MEMBER = 32;

/** A multiplexed frame's room name and lengths on top of the largest message (ws maxPayload). */
export const MUX_FRAME_HEADROOM_BYTES = 4 * 1024;

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
 * Sockets that have not (yet) authenticated: HTTP requests in progress and upgrade requests still arriving.
 * Each holds at most the request headers (16 KiB) for at most AUTH_TIMEOUT_MS; a socket beyond this number
 * is dropped at once. 100 reconnecting clients (tests/net/reconnectStorm.test.ts) stay well inside it.
 */
export const MAX_UNAUTHENTICATED_SOCKETS = 512;

/**
 * After the relay closes a websocket (a refusal, a fault, a limit), it stops reading from it and drops the
 * TCP connection this long after sending the close frame, instead of waiting up to 30 s (ws's default) for
 * the client's half of the close handshake while the client keeps sending.
 */
export const CLOSE_GRACE_MS = 1_000;

/**
 * Unsent bytes one connection may have queued (ws's `bufferedAmount`: what the client has not yet taken off
 * the wire). A client that reads keeps this near zero; the largest legitimate burst is one room's whole
 * state after a long time offline (bench/relay-catchup-size.ts: 0.7 MiB after 200,000 keystrokes). A
 * connection that would go above it is closed with CLOSE_CODES.NOT_READING. A single message is always
 * sent when nothing is queued, so a room larger than this still reaches a client that reads.
 */
export const MAX_UNSENT_BYTES_PER_CONNECTION = 8 * 1024 * 1024;

/**
 * Unsent bytes across all of one member's connections: a member who opens many connections and reads none
 * cannot make the relay hold more than this. Only added up once a connection has 256 KiB queued, so the
 * common case costs one comparison.
 */
export const MAX_UNSENT_BYTES_PER_MEMBER = 32 * 1024 * 1024;
export const UNSENT_BYTES_WORTH_CHECKING = 256 * 1024;

/**
 * Messages a connection may send: a burst and a sustained rate per second. The app sends a merged update
 * at most twice a second per room, a ping (sync step 1) after 8 quiet seconds, and presence as the cursor
 * moves (a few dozen a second at most); the stock client sends an update per keystroke; a scripted client
 * that waits for each ACK before its next edit sends a few hundred a second on an idle machine. What costs
 * the relay is bounded by the work and unsent-byte limits, not by this one.
 */
export const MESSAGES_PER_CONNECTION = { burst: 1_000, perSecond: 500 } as const;

/** Messages a member may send across all their connections (an SOA open in one window is up to 101 rooms). */
export const MESSAGES_PER_MEMBER = { burst: 10_000, perSecond: 2_000 } as const;

/**
 * Work a connection may ask of the relay, in bytes the relay encodes or decodes on its behalf: the answer to
 * each sync step 1 (the room's content the client lacks) and query-awareness (everyone's presence), and a
 * refused write from a member who may not write the room. The burst holds a full sync of a room three
 * times the largest measured (bench/relay-catchup-size.ts), and a request is served while the balance is
 * positive, so one answer larger than the burst still goes, once; the app's pings (sync step 1 after 8
 * quiet seconds) cost only what changed since the last sync. Measured against the slow-reader attack
 * (tests/relay/slowReader.test.ts, bench/relay-slow-reader.ts): a larger burst lets one connection make
 * the relay encode for long enough, in one turn of its event loop, to delay other rooms' writes.
 */
export const WORK_BYTES_PER_CONNECTION = { burst: 2 * 1024 * 1024, perSecond: 512 * 1024 } as const;

/**
 * The same across a member's connections: opening an SOA of 101 rooms of 172 KiB each (50,000 keystrokes
 * apiece) after a long time offline fits in the burst.
 */
export const WORK_BYTES_PER_MEMBER = { burst: 24 * 1024 * 1024, perSecond: 2 * 1024 * 1024 } as const;

/** New connections per member: the app reopens all of an SOA's rooms at once after a relay restart. */
export const CONNECTIONS_OPENED_PER_MEMBER = { burst: 500, perSecond: 5 } as const;

/**
 * Awareness client ids one connection may introduce over its life, counted entry by entry as a message is
 * read (so one message cannot bring 500). The stock client uses one per document; a few more allow for a
 * client that recreates its awareness without reconnecting.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 8;

/** Awareness client ids present in one room: 8 each for 64 people with the room open. */
export const MAX_PRESENCE_IDS_PER_ROOM = 512;

/**
 * Entries in one awareness message. The stock client re-sends every change it sees, other people's
 * included (the relay drops those), so a message may name every id in the room, and removals besides.
 * A message with more is ignored whole, unread.
 */
export const MAX_PRESENCE_ENTRIES_PER_MESSAGE = 2 * MAX_PRESENCE_IDS_PER_ROOM;

/**
 * Bytes of one presence state (its JSON). The app's state is the member's name and a cursor, a few hundred
 * bytes; a larger state is refused (not applied, not forwarded) and the rest of the message still counts.
 */
export const MAX_PRESENCE_STATE_BYTES = 8 * 1024;

/** Presence bytes one room holds (what every newcomer is sent at once): 64 people at 16 KiB each. */
export const MAX_PRESENCE_BYTES_PER_ROOM = 1024 * 1024;

/** Presence bytes one member holds across all rooms: an SOA's 101 rooms open in two windows at 1 KiB each. */
export const MAX_PRESENCE_BYTES_PER_MEMBER = 256 * 1024;

/**
 * How long an awareness client id stays tied to its member after its connection lets it go, so a client
 * that reconnects (a network blip, a laptop lid) gets its own presence back rather than finding the id taken.
 */
export const PRESENCE_ID_RESERVED_MS = 10 * 60 * 1000;

/** Messages held for a connection while its room loads (a client sends three or four before any answer). */
export const MAX_EARLY_MESSAGES = 256;

/**
 * A write from a member who may not write the room, holding items that begin with content the room
 * already has, is decoded to decide whether to say "permission denied" only up to this size; a larger one
 * is refused unread (server/relay/readerWrite.ts). A reader's app sends such a write only when its local
 * copy loads after it connected, and then holds nothing new.
 */
export const READER_WRITE_DECODE_BYTES = 64 * 1024;

/**
 * Why a Yjs transaction happened. Persistence, echo and re-broadcast decisions branch on this typed origin,
 * never on scattered flags:
 * - 'local': an edit made by this user in this app (counts towards "changes waiting to send");
 * - 'load': content read from a local store (IndexedDB, SQLite) when a document opens;
 * - 'migration': a schema upgrade applied when a document of an older schemaVersion is opened;
 * - 'typing': a keystroke in a plain-text field (a local edit like 'local', but the editor reassembles the
 *   whole SOA when idle rather than at once, as it does for rich-text typing).
 * An update received from the relay carries y-websocket's provider as its origin, not one of these.
 */
export type TransactionOrigin = 'local' | 'load' | 'migration' | 'typing';

export const ORIGIN_LOCAL: TransactionOrigin = 'local';
export const ORIGIN_LOAD: TransactionOrigin = 'load';
export const ORIGIN_MIGRATION: TransactionOrigin = 'migration';
export const ORIGIN_TYPING: TransactionOrigin = 'typing';

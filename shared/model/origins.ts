/**
 * Why a Yjs transaction happened. Persistence, echo and re-broadcast decisions branch on this typed origin,
 * never on scattered flags:
 * - 'local': an edit made by this user in this app (counts towards "changes waiting to send");
 * - 'remote': an update received from the relay or another peer;
 * - 'load': content read from a local store (IndexedDB, SQLite) when a document opens;
 * - 'migration': a schema upgrade applied when a document of an older schemaVersion is opened.
 */
export type TransactionOrigin = 'local' | 'remote' | 'load' | 'migration';

export const ORIGIN_LOCAL: TransactionOrigin = 'local';
export const ORIGIN_REMOTE: TransactionOrigin = 'remote';
export const ORIGIN_LOAD: TransactionOrigin = 'load';
export const ORIGIN_MIGRATION: TransactionOrigin = 'migration';

/** The database file cannot be used as it is (missing folder, not a database, written by a newer relay). */
export class DatabaseFileError extends Error {}

/**
 * One object store in an IndexedDB database of its own, for what this computer keeps (versions fetched, the
 * documents their exports made): opened for each use and closed after, so no connection is held open.
 */
function open(database: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`${database} could not be opened on this computer.`));
  });
}

/**
 * Runs `work` in one transaction on the store and resolves with what the function it returns gives once the
 * transaction has completed (so a write is on the disk, and a read's request has its result).
 */
export async function inKeptStore<T>(
  database: string,
  store: string,
  mode: IDBTransactionMode,
  work: (objects: IDBObjectStore) => () => T,
): Promise<T> {
  const db = await open(database, store);
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const result = work(transaction.objectStore(store));
    transaction.oncomplete = () => {
      db.close();
      resolve(result());
    };
    transaction.onerror = transaction.onabort = () => {
      db.close();
      reject(transaction.error ?? new Error(`${database} could not be read on this computer.`));
    };
  });
}

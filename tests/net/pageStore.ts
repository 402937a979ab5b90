/** Reading and writing a page's IndexedDB rows from a test (the room stores y-indexeddb keeps). */
import type { Page } from 'playwright-core';

export async function storeNames(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('soa-studio:')),
  );
}

/** Runs one request on object store `store` of database `name` in the page, and returns its result. */
export async function onStore<T>(
  page: Page,
  name: string,
  store: string,
  mode: 'readonly' | 'readwrite',
  action: 'add' | 'put' | 'keys' | 'all',
  arg: { key?: number; bytes?: number[] } | null = null,
): Promise<T> {
  return page.evaluate(
    ({ name, store, mode, action, arg }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([store], mode);
          const objects = tx.objectStore(store);
          let request: IDBRequest;
          if (action === 'add') request = objects.add(new Uint8Array(arg?.bytes ?? []));
          else if (action === 'put') request = objects.put(new Uint8Array(arg?.bytes ?? []), arg?.key);
          else if (action === 'keys') request = objects.getAllKeys();
          else request = objects.getAll();
          tx.oncomplete = () => {
            db.close();
            const result = request.result as unknown;
            resolve(
              (action === 'all'
                ? (result as unknown[]).map((row) => (row instanceof Uint8Array ? Array.from(row) : row))
                : result) as T,
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name, store, mode, action, arg },
  );
}

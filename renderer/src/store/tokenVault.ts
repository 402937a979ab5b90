/**
 * The browser's memory of a membership: each relay's invite token kept in IndexedDB, encrypted (AES-GCM)
 * with a key WebCrypto generates as non-extractable. The key is stored as a CryptoKey object, which the
 * browser can use but never hands out as bytes, so the token cannot be read from a copy of the profile's
 * files or by a script that dumps storage; it is as safe as the browser profile itself.
 *
 * WebCrypto exists only in a secure context (https, or a loopback address): elsewhere nothing is kept and
 * the caller falls back to the session.
 */

const DB_NAME = 'soa-studio-membership';
const KEYS = 'keys';
const TOKENS = 'tokens';
const KEY_ID = 'token-key';

interface SealedToken {
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly data: ArrayBuffer;
}

export function vaultAvailable(): boolean {
  return (
    typeof indexedDB !== 'undefined' &&
    typeof crypto !== 'undefined' &&
    crypto.subtle !== undefined &&
    window.isSecureContext
  );
}

function openVault(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(KEYS);
      request.result.createObjectStore(TOKENS);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('Could not open the membership store.'));
  });
}

function run<T>(
  db: IDBDatabase,
  store: string,
  mode: IDBTransactionMode,
  action: (objects: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([store], mode);
    const request = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('The membership store could not be used.'));
    tx.onabort = () => reject(tx.error ?? new Error('The membership store could not be used.'));
  });
}

async function tokenKey(db: IDBDatabase): Promise<CryptoKey> {
  const existing = await run<CryptoKey | undefined>(db, KEYS, 'readonly', (keys) => keys.get(KEY_ID));
  if (existing) return existing;
  const created = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  try {
    // add, not put: when two tabs race, the first key wins and both use it.
    await run(db, KEYS, 'readwrite', (keys) => keys.add(created, KEY_ID));
    return created;
  } catch {
    const winner = await run<CryptoKey | undefined>(db, KEYS, 'readonly', (keys) => keys.get(KEY_ID));
    if (!winner) throw new Error('Could not keep the key for the invite token.');
    return winner;
  }
}

async function withVault<T>(action: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await openVault();
  try {
    return await action(db);
  } finally {
    db.close();
  }
}

/** Keeps the token for this relay on this computer, encrypted. */
export function keepToken(relay: string, token: string): Promise<void> {
  return withVault(async (db) => {
    const key = await tokenKey(db);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(token));
    const sealed: SealedToken = { iv, data };
    await run(db, TOKENS, 'readwrite', (tokens) => tokens.put(sealed, relay));
  });
}

/** The token kept for this relay, or null. A record that no longer decrypts is removed. */
export function keptToken(relay: string): Promise<string | null> {
  return withVault(async (db) => {
    const sealed = await run<SealedToken | undefined>(db, TOKENS, 'readonly', (tokens) => tokens.get(relay));
    if (!sealed) return null;
    try {
      const key = await tokenKey(db);
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
      return new TextDecoder().decode(plain);
    } catch {
      await run(db, TOKENS, 'readwrite', (tokens) => tokens.delete(relay));
      return null;
    }
  });
}

export function forgetToken(relay: string): Promise<void> {
  return withVault(async (db) => {
    await run(db, TOKENS, 'readwrite', (tokens) => tokens.delete(relay));
  });
}

/**
 * The version's Word document for one set of export options (the export date among them), and the paragraph
 * differences its last export used, kept in IndexedDB: the first "Export changes since …" of a session then
 * starts where an earlier session left off, as `soa-relay export --changes-since` starts from what the relay's
 * database keeps (server/db/derivedStore.ts), instead of building the version's whole document again.
 *
 * A version never changes, so what was made for it stays right for the code that made it. Entries are keyed
 * by the app's build (__SOA_BUILD_ID__, set by renderer/vite.config.ts): another build's export code may write
 * a different document, so it never reads one an older build made. The development server keeps nothing (its
 * code changes under it). Best effort throughout: a database that cannot be opened or an entry that cannot be
 * read means the export works it out again, and a write that fails only costs the next session that saving.
 */
import type { DurableDocuments } from '../../../shared/export/tracked';
import { inKeptStore } from '../store/keptStore';

const DB_NAME = 'soa-studio-version-documents';
const STORE = 'documents';
/** Documents kept on this computer, all versions and SOAs together (each under a megabyte of XML). */
const KEPT_DOCUMENTS = 8;

interface KeptDocument {
  readonly build: string;
  readonly xml: string;
  readonly diffs: string | null;
  readonly keptAt: number;
}

/** The kept documents of one version for one set of export options, and a promise for its writes. */
export interface KeptVersionDocuments extends DurableDocuments {
  /** Resolves once what this export asked to keep is written (or could not be). */
  written(): Promise<void>;
}

const inTransaction = <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => () => T): Promise<T> =>
  inKeptStore(DB_NAME, STORE, mode, work);

function isKeptDocument(value: unknown): value is KeptDocument {
  const entry = value as Partial<KeptDocument> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.build === 'string' &&
    typeof entry.xml === 'string' &&
    (entry.diffs === null || typeof entry.diffs === 'string') &&
    typeof entry.keptAt === 'number'
  );
}

export const keptDocumentKey = (relayUrl: string, soaId: string, versionId: string, optionsKey: string): string =>
  `${new URL(relayUrl).host}|${soaId}|${versionId}|${optionsKey}`;

async function readKept(key: string, build: string): Promise<KeptDocument | null> {
  try {
    const found = await inTransaction('readonly', (store) => {
      const request = store.get(key);
      return () => request.result as unknown;
    });
    return isKeptDocument(found) && found.build === build ? found : null;
  } catch {
    return null;
  }
}

/** Writes the entry, then lets only the most recently kept KEPT_DOCUMENTS stay. */
async function writeKept(key: string, entry: KeptDocument): Promise<void> {
  await inTransaction('readwrite', (store) => {
    store.put(entry, key);
    const all = store.openCursor();
    const found: { key: IDBValidKey; keptAt: number }[] = [];
    all.onsuccess = () => {
      const cursor = all.result;
      if (!cursor) {
        found.sort((a, b) => b.keptAt - a.keptAt);
        for (const old of found.slice(KEPT_DOCUMENTS)) store.delete(old.key);
        return;
      }
      const value: unknown = cursor.value;
      // Another build's entries are never read again: they go first.
      found.push({ key: cursor.key, keptAt: isKeptDocument(value) && value.build === entry.build ? value.keptAt : 0 });
      cursor.continue();
    };
    return () => undefined;
  });
}

/**
 * What this computer keeps for exports of the changes since `versionId` with the export options whose key is
 * `optionsKey` (shared/export/tracked's optionsKey), read before the export starts since the export reads it
 * synchronously. Null where nothing is kept (the development server, or no IndexedDB).
 */
export async function keptVersionDocuments(
  relayUrl: string,
  soaId: string,
  versionId: string,
  optionsKey: string,
): Promise<KeptVersionDocuments | null> {
  if (import.meta.env.DEV || typeof indexedDB === 'undefined') return null;
  const build = __SOA_BUILD_ID__;
  const key = keptDocumentKey(relayUrl, soaId, versionId, optionsKey);
  let entry = await readKept(key, build);
  let writes: Promise<void> = Promise.resolve();
  const keep = (next: KeptDocument) => {
    entry = next;
    writes = writes.then(() => writeKept(key, next)).catch(() => undefined);
  };
  return {
    read: (options) => (options === optionsKey ? entry?.xml : undefined),
    keep: (options, xml) => {
      if (options === optionsKey) keep({ build, xml, diffs: null, keptAt: Date.now() });
    },
    readDiffs: (options) => (options === optionsKey ? (entry?.diffs ?? undefined) : undefined),
    keepDiffs: (options, diffs) => {
      if (options === optionsKey && entry) keep({ ...entry, diffs, keptAt: Date.now() });
    },
    written: () => writes,
  };
}

/**
 * Versions this computer has opened, kept in IndexedDB so they can be read, exported and copied from
 * offline. A version never changes once recorded, so what was fetched once stays true: it is read from here
 * first and fetched only when it is not here. Kept per relay host, like the rooms' copies. A damaged entry,
 * or a database that cannot be opened, reads as not kept (the relay is asked), never as an error.
 */
import { versionContentSchema, type VersionContentResponse } from '../../../shared/api/versionContent';
import { inKeptStore } from '../store/keptStore';
import { fetchVersionContent, RelayUnreachable, type RelayAccess } from './versionsApi';

const DB_NAME = 'soa-studio-versions';
const STORE = 'content';

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return inKeptStore(DB_NAME, STORE, mode, (store) => {
    const request = work(store);
    return () => request.result;
  });
}

const keyOf = (relayUrl: string, soaId: string, versionId: string) => `${new URL(relayUrl).host}|${soaId}|${versionId}`;

export async function keptVersion(
  relayUrl: string,
  soaId: string,
  versionId: string,
): Promise<VersionContentResponse | null> {
  try {
    const stored: unknown = await run('readonly', (store) => store.get(keyOf(relayUrl, soaId, versionId)));
    const parsed = versionContentSchema.safeParse(stored);
    return parsed.success && parsed.data.version.versionId === versionId ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function keepVersion(relayUrl: string, soaId: string, content: VersionContentResponse): Promise<void> {
  try {
    await run('readwrite', (store) => store.put(content, keyOf(relayUrl, soaId, content.version.versionId)));
  } catch {
    // A full or unusable store: the version is shown now, only not kept for offline.
  }
}

export const NEVER_FETCHED =
  'This version has not been opened on this computer yet, so it is not here to read offline. Open it once while connected to the relay, and it will be kept on this computer.';

/**
 * A version's content: the copy kept on this computer, else the relay's (then kept). Offline or without a
 * token, a version never fetched here is said to be so, plainly.
 */
export async function versionContent(
  relayUrl: string | null,
  access: RelayAccess | null,
  soaId: string,
  versionId: string,
): Promise<VersionContentResponse> {
  const kept = relayUrl ? await keptVersion(relayUrl, soaId, versionId) : null;
  if (kept) return kept;
  if (!access) throw new Error(NEVER_FETCHED);
  let content: VersionContentResponse;
  try {
    content = await fetchVersionContent(access, soaId, versionId);
  } catch (error) {
    if (error instanceof RelayUnreachable) throw new Error(`${error.message} ${NEVER_FETCHED}`);
    throw error;
  }
  await keepVersion(access.url, soaId, content);
  return content;
}

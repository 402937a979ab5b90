/**
 * An SOA's named versions as the app knows them: the list last fetched from the relay (kept on this computer
 * for offline, with when it was fetched), and the versions a coordinator asked for that the relay has not
 * recorded yet. A request made offline waits on this computer (it survives a restart) and is sent when the
 * relay can be reached again; the relay then records its stored state at that moment, which is what the
 * version holds (the app says so when it queues one).
 */
import { z } from 'zod';
import { versionRecordSchema, type VersionRecord } from '../../../shared/api/versions';
import { newId } from '../../../shared/model/ids';
import { readCache, readList, writeCache, writeList, type Cached } from './localCache';
import { fetchVersions, recordVersion, RelayUnreachable, type RelayAccess } from './versionsApi';

const pendingSchema = z.object({
  requestId: z.string().max(64),
  name: z.string().max(1000),
  requestedAt: z.string().max(40),
});
export type PendingVersion = z.infer<typeof pendingSchema>;

export interface VersionsState {
  readonly list: Cached<readonly VersionRecord[]> | null;
  readonly pending: readonly PendingVersion[];
  readonly loading: boolean;
  /** Why the list could not be fetched or a request sent, in words; null when all went well. */
  readonly problem: string | null;
  /** Whether the last attempt could not reach the relay at all. */
  readonly offline: boolean;
}

const listSchema = z.array(versionRecordSchema);
const RETRY_MS = 20_000;

export class VersionStore {
  private state: VersionsState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly soaId: string,
    private readonly access: () => RelayAccess | null,
  ) {
    this.state = {
      list: readCache('versions', soaId, listSchema),
      pending: readList('pending-versions', soaId, pendingSchema),
      loading: false,
      problem: null,
      offline: false,
    };
  }

  get = (): VersionsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<VersionsState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** Sends waiting requests when the connection comes back, and retries while any wait. */
  start(): () => void {
    const onOnline = () => void this.refresh();
    window.addEventListener('online', onOnline);
    this.timer = setInterval(() => {
      if (this.state.pending.length > 0) void this.refresh();
    }, RETRY_MS);
    if (this.state.pending.length > 0) void this.refresh();
    return () => {
      window.removeEventListener('online', onOnline);
      if (this.timer) clearInterval(this.timer);
    };
  }

  /** Asks for a version named `name`: kept on this computer first, then sent (now, or when the relay is reachable). */
  async request(name: string): Promise<void> {
    const pending: PendingVersion = { requestId: newId<string>(), name, requestedAt: new Date().toISOString() };
    const next = [...this.state.pending, pending];
    writeList('pending-versions', this.soaId, next);
    this.set({ pending: next });
    await this.refresh();
  }

  /** Sends waiting requests, then fetches the list. One run at a time. */
  refresh(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const access = this.access();
    if (!access) {
      this.set({ offline: true, problem: 'Not connected to the relay yet (no invite token on this computer).' });
      return;
    }
    this.set({ loading: true });
    try {
      for (const pending of this.state.pending) {
        try {
          await recordVersion(access, this.soaId, pending.name);
        } catch (error) {
          if (error instanceof RelayUnreachable) throw error;
          // Refused (no longer a coordinator, a bad name): said once, and not sent again.
          this.set({
            problem: `The version "${pending.name}" was not recorded: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
        const rest = this.state.pending.filter((candidate) => candidate.requestId !== pending.requestId);
        writeList('pending-versions', this.soaId, rest);
        this.set({ pending: rest });
      }
      const list = writeCache('versions', this.soaId, await fetchVersions(access, this.soaId));
      this.set({
        list,
        loading: false,
        offline: false,
        problem: this.state.problem?.startsWith('The version') ? this.state.problem : null,
      });
    } catch (error) {
      this.set({
        loading: false,
        offline: error instanceof RelayUnreachable,
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

const stores = new Map<string, VersionStore>();

/** One store per SOA for the app's run (the Versions page and the dashboard share it). */
export function versionStoreFor(soaId: string, access: () => RelayAccess | null): VersionStore {
  let store = stores.get(soaId);
  if (!store) {
    store = new VersionStore(soaId, access);
    stores.set(soaId, store);
  }
  return store;
}

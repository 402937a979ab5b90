/**
 * The SOA's history (the relay's audit, grouped as `soa-relay history` groups it): fetched when a page that
 * shows it opens, kept on this computer with when it was fetched, so offline the last fetched history is
 * still shown and said to be so. One fetch at a time is shared by every reader of the same SOA.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { historyResponseSchema, type HistoryResponse } from '../../../shared/api/versions';
import { useWorkspace } from '../hooks';
import { readCache, writeCache, type Cached } from './localCache';
import { fetchHistory, RelayUnreachable, type RelayAccess } from './versionsApi';

export interface HistoryState {
  readonly history: Cached<HistoryResponse> | null;
  readonly loading: boolean;
  readonly offline: boolean;
  readonly problem: string | null;
}

const REFETCH_AFTER_MS = 30_000;

class HistoryStore {
  private state: HistoryState;
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private lastAttempt = 0;
  /** A forced fetch asked for while another ran: made when that one ends (it may predate what is wanted). */
  private again: RelayAccess | null = null;

  constructor(private readonly soaId: string) {
    this.state = {
      history: readCache('history', soaId, historyResponseSchema),
      loading: false,
      offline: false,
      problem: null,
    };
  }

  get = (): HistoryState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<HistoryState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** Fetches again unless a fetch is running or one was made moments ago (pages each ask on opening). */
  refresh(access: RelayAccess | null, force = false): void {
    if (this.running && force) this.again = access;
    if (this.running || (!force && Date.now() - this.lastAttempt < REFETCH_AFTER_MS)) return;
    if (!access) return this.set({ offline: true });
    this.lastAttempt = Date.now();
    this.set({ loading: true });
    this.running = fetchHistory(access, this.soaId)
      .then(
        (history) =>
          this.set({
            history: writeCache('history', this.soaId, history),
            loading: false,
            offline: false,
            problem: null,
          }),
        (error: unknown) =>
          this.set({
            loading: false,
            offline: error instanceof RelayUnreachable,
            problem: error instanceof Error ? error.message : String(error),
          }),
      )
      .finally(() => {
        this.running = null;
        const again = this.again;
        this.again = null;
        if (again) this.refresh(again, true);
      });
  }
}

const stores = new Map<string, HistoryStore>();

export function useHistory(force = false): HistoryState & { readonly fetchAgain: () => void } {
  const workspace = useWorkspace();
  let store = stores.get(workspace.soaId);
  if (!store) {
    store = new HistoryStore(workspace.soaId);
    stores.set(workspace.soaId, store);
  }
  const state = useSyncExternalStore(store.subscribe, store.get);
  // relayAccess is a new object on each read: the effect depends on its parts, or every render would fetch.
  const url = workspace.relayAccess?.url ?? null;
  const token = workspace.relayAccess?.token ?? null;
  useEffect(() => {
    store.refresh(url && token ? { url, token } : null, force);
  }, [store, url, token, force]);
  return { ...state, fetchAgain: () => store.refresh(url && token ? { url, token } : null, true) };
}

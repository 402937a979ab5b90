/**
 * The SOAs this computer knows: local ones and those joined through a relay. Kept in localStorage (no
 * secrets: the invite token is kept by membership.ts).
 */
import { sessionResponseSchema, type SessionResponse } from '../../../shared/api/session';
import type { DesktopBridge } from '../../../shared/bridge/desktopBridge';

export type WorkspaceKind = 'local' | 'sample' | 'relay';

export interface WorkspaceEntry {
  readonly soaId: string;
  readonly kind: WorkspaceKind;
  readonly title: string;
  readonly openedAt: string;
  /** For a relay SOA: the relay's http(s) address and who the relay says I am. */
  readonly relayUrl?: string;
  readonly session?: SessionResponse;
  /** Keep the rooms in memory only, never in IndexedDB (the benchmarks' in-memory reference). */
  readonly inMemory?: boolean;
}

const KEY = 'soa-studio.workspaces';
const LAST_KEY = 'soa-studio.last';

export function bridge(): DesktopBridge | null {
  const candidate = (window as unknown as { soaDesktop?: DesktopBridge }).soaDesktop;
  return candidate ?? null;
}

export function listWorkspaces(): WorkspaceEntry[] {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((entry): entry is WorkspaceEntry => {
      if (!entry || typeof entry !== 'object') return false;
      const candidate = entry as WorkspaceEntry;
      if (typeof candidate.soaId !== 'string' || typeof candidate.title !== 'string') return false;
      if (candidate.kind === 'relay')
        return typeof candidate.relayUrl === 'string' && sessionResponseSchema.safeParse(candidate.session).success;
      return candidate.kind === 'local' || candidate.kind === 'sample';
    });
  } catch {
    return [];
  }
}

export function saveWorkspace(entry: WorkspaceEntry): void {
  const others = listWorkspaces().filter((candidate) => candidate.soaId !== entry.soaId);
  localStorage.setItem(KEY, JSON.stringify([entry, ...others]));
  localStorage.setItem(LAST_KEY, entry.soaId);
}

export function forgetLastWorkspace(): void {
  localStorage.removeItem(LAST_KEY);
}

export function lastWorkspace(): WorkspaceEntry | null {
  const id = localStorage.getItem(LAST_KEY);
  return listWorkspaces().find((entry) => entry.soaId === id) ?? null;
}

/** Normalises what the officer typed as the relay address ("relay.example.org:4455" -> "http://..."). */
export function normaliseRelayUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('The relay address must start with http:// or https://');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Asks the relay who this token belongs to. Throws an Error with a message fit for the officer. */
export async function fetchSession(relayUrl: string, token: string): Promise<SessionResponse> {
  let response: Response;
  try {
    response = await fetch(`${relayUrl}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new Error(`Could not reach the relay at ${relayUrl}. Check the address and your connection.`);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : null;
    if (response.status === 401 || response.status === 403)
      throw new Error(message ?? 'The relay did not accept this invite token.');
    throw new Error(message ?? `The relay answered with an error (${response.status}).`);
  }
  const parsed = sessionResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error('The relay sent an answer this version of SOA Studio does not understand.');
  return parsed.data;
}

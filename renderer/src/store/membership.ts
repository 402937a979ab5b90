/**
 * Remembering a membership (the invite token for a relay) on this computer:
 * - by default it is kept: the desktop app's OS secret store (through the bridge), or in a browser the
 *   encrypted token vault (tokenVault.ts);
 * - on a shared computer it is kept for this session only (sessionStorage: gone when the browser or app
 *   closes);
 * - signing out removes it from everywhere it could be.
 */
import type { TokenStorage } from '../../../shared/bridge/desktopBridge';
import { bridge } from './catalogue';
import { forgetToken, keepToken, keptToken, vaultAvailable } from './tokenVault';

export interface KeepChoice {
  /** "This is a shared computer": keep the token until the browser or app closes, never on disk. */
  readonly sharedComputer: boolean;
}

/** Where each relay's token is kept in this run, once known. */
const keptIn = new Map<string, TokenStorage>();

function relayKey(relayUrl: string): string {
  return relayUrl.trim().replace(/\/+$/, '');
}

function sessionKey(relayUrl: string): string {
  return `soa-studio.token.${relayKey(relayUrl)}`;
}

async function quietly(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch {
    // Removing a copy that is not there, or a store this browser does not offer: nothing to remove.
  }
}

/** Keeps the token as chosen; says where it ended up ('session' when it could not be kept on this computer). */
export async function storeToken(
  relayUrl: string,
  token: string,
  choice: KeepChoice = { sharedComputer: false },
): Promise<TokenStorage> {
  const key = relayKey(relayUrl);
  const desktop = bridge();
  let storage: TokenStorage = 'session';
  if (choice.sharedComputer) {
    sessionStorage.setItem(sessionKey(key), token);
    if (desktop) await quietly(() => desktop.clearToken(key));
    else if (vaultAvailable()) await quietly(() => forgetToken(key));
  } else if (desktop) {
    storage = (await desktop.storeToken(key, token)).storage;
    sessionStorage.removeItem(sessionKey(key));
  } else if (vaultAvailable()) {
    try {
      await keepToken(key, token);
      storage = 'secure';
      sessionStorage.removeItem(sessionKey(key));
    } catch {
      sessionStorage.setItem(sessionKey(key), token);
    }
  } else sessionStorage.setItem(sessionKey(key), token);
  keptIn.set(key, storage);
  return storage;
}

export async function loadToken(relayUrl: string): Promise<string | null> {
  const key = relayKey(relayUrl);
  const session = sessionStorage.getItem(sessionKey(key));
  if (session) {
    keptIn.set(key, 'session');
    return session;
  }
  const desktop = bridge();
  let token: string | null = null;
  if (desktop) token = await desktop.getToken(key);
  else if (vaultAvailable()) {
    try {
      token = await keptToken(key);
    } catch {
      token = null;
    }
  }
  // A token that outlived a restart was kept on this computer.
  if (token && !keptIn.has(key)) keptIn.set(key, 'secure');
  return token;
}

/** Signs out of this relay on this computer: the token is removed from everywhere it could be kept. */
export async function signOut(relayUrl: string): Promise<void> {
  const key = relayKey(relayUrl);
  sessionStorage.removeItem(sessionKey(key));
  const desktop = bridge();
  if (desktop) await desktop.clearToken(key);
  else if (vaultAvailable()) await forgetToken(key);
  keptIn.delete(key);
}

/** How the token for this relay is kept, once known: 'session' means it is asked for again after a restart. */
export function tokenStorageFor(relayUrl: string): TokenStorage | null {
  return keptIn.get(relayKey(relayUrl)) ?? null;
}

/** Whether this browser can keep a token on this computer at all (WebCrypto needs https or a loopback address). */
export function canRemember(): boolean {
  return bridge() !== null || vaultAvailable();
}

/**
 * The relay token store. Tokens are encrypted with the operating system's secret store through Electron's
 * `safeStorage` and only the ciphertext is written (`tokens.json` in the app's data directory).
 *
 * Where there is no real secret store (Linux without a keyring: `safeStorage` then falls back to the
 * `basic_text` backend, a fixed key compiled into Chromium, which is obfuscation, not encryption), the token
 * is kept in memory for this session only and the page is told (`storage: 'session'`) so it can say so.
 * Invariant: a token is never written to disk in the clear, whatever the platform reports.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TokenStorage } from '../../shared/bridge/desktopBridge';
import { writeFileAtomic } from './atomicFile';
import type { RelayKey } from './validation';

export const TOKENS_FILE = 'tokens.json';

/** The part of Electron's `safeStorage` the store uses (Electron 45's asynchronous API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend?(): string;
}

export interface TokenStore {
  /** Where tokens go on this computer: the OS secret store, or memory for this session only. */
  storage(): Promise<TokenStorage>;
  store(relay: RelayKey, token: string): Promise<{ storage: TokenStorage }>;
  get(relay: RelayKey): Promise<string | null>;
  clear(relay: RelayKey): Promise<void>;
}

export interface TokenStoreOptions {
  readonly dir: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  readonly onProblem?: (message: string) => void;
}

const tokensFileSchema = z.strictObject({
  version: z.literal(1),
  /** Relay origin -> base64 ciphertext from safeStorage. */
  tokens: z.record(
    z
      .string()
      .max(2100)
      .regex(/^https?:\/\/[^\s/]+$/),
    z
      .string()
      .max(20_000)
      .regex(/^[A-Za-z0-9+/=]*$/),
  ),
});

/** Backends that do not protect the key: a token encrypted with them is as good as plain text. */
const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function createTokenStore({ dir, safeStorage, platform, onProblem = () => {} }: TokenStoreOptions): TokenStore {
  const file = path.join(dir, TOKENS_FILE);
  const sessionTokens = new Map<string, string>();
  let decided: Promise<TokenStorage> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function decide(): Promise<TokenStorage> {
    let available = false;
    try {
      available = await safeStorage.isAsyncEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) return 'session';
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      if (INSECURE_LINUX_BACKENDS.has(backend)) return 'session';
    }
    return 'secure';
  }

  function storage(): Promise<TokenStorage> {
    decided ??= decide();
    return decided;
  }

  async function readFile(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        onProblem(`Token file could not be read: ${(error as Error).message}`);
      return new Map();
    }
    const parsed = tokensFileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      onProblem('Token file was damaged; stored sign-ins are forgotten and will be asked for again.');
      return new Map();
    }
    return new Map(Object.entries(parsed.data.tokens));
  }

  async function writeFile(tokens: Map<string, string>): Promise<void> {
    await fs.mkdir(dir, { recursive: true });
    const body = { version: 1, tokens: Object.fromEntries(tokens) };
    await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
  }

  function serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    storage,
    store: (relay, token) =>
      serialised(async () => {
        if ((await storage()) === 'session') {
          sessionTokens.set(relay, token);
          return { storage: 'session' as const };
        }
        const ciphertext = await safeStorage.encryptStringAsync(token);
        const tokens = await readFile();
        tokens.set(relay, ciphertext.toString('base64'));
        await writeFile(tokens);
        return { storage: 'secure' as const };
      }),
    get: (relay) =>
      serialised(async () => {
        if ((await storage()) === 'session') return sessionTokens.get(relay) ?? null;
        const ciphertext = (await readFile()).get(relay);
        if (ciphertext === undefined) return null;
        try {
          const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext, 'base64'));
          if (shouldReEncrypt) {
            const tokens = await readFile();
            tokens.set(relay, (await safeStorage.encryptStringAsync(result)).toString('base64'));
            await writeFile(tokens);
          }
          return result;
        } catch {
          onProblem('A stored sign-in could not be decrypted (the system key changed); it will be asked for again.');
          return null;
        }
      }),
    clear: (relay) =>
      serialised(async () => {
        sessionTokens.delete(relay);
        if ((await storage()) === 'session') return;
        const tokens = await readFile();
        if (tokens.delete(relay)) await writeFile(tokens);
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

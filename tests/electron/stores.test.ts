// Settings persistence (round trip, atomic write, corrupt file) and the relay token store (never a secret
// in the clear; with a secure store only ciphertext on disk).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore, SETTINGS_FILE } from '../../electron/main/settingsStore';
import { createTokenStore, TOKENS_FILE } from '../../electron/main/tokenStore';
import { parseRelayUrl } from '../../electron/main/validation';
import { fakeSafeStorage } from './fakes';
import { tempDir } from '../support/tempDirs';

const TOKEN = 'Secr3t_Invite-Token_0123456789abcdef';
const relay = parseRelayUrl('https://relay.highland.example');

/** Every byte written under the directory, as text, to look for the secret in any file (temp files too). */
function everythingOnDisk(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe('settings store', () => {
  it('round-trips through the file, across store instances', async () => {
    const dir = tempDir('soa-electron-');
    const first = createSettingsStore({ dir });
    await first.update({ relayUrl: 'https://relay.highland.example', lastSoaId: 'soa_1' });
    await first.update({ reduceMotion: true });
    expect(JSON.parse(readFileSync(path.join(dir, SETTINGS_FILE), 'utf8'))).toEqual({
      relayUrl: 'https://relay.highland.example',
      lastSoaId: 'soa_1',
      reduceMotion: true,
    });
    await expect(createSettingsStore({ dir }).get()).resolves.toEqual({
      relayUrl: 'https://relay.highland.example',
      lastSoaId: 'soa_1',
      reduceMotion: true,
    });
  });

  it('starts with defaults when there is no file, and leaves no temporary files after writing', async () => {
    const dir = tempDir('soa-electron-');
    const store = createSettingsStore({ dir });
    await expect(store.get()).resolves.toEqual({});
    await Promise.all([
      store.update({ reduceMotion: true }),
      store.update({ lastSoaId: 'a' }),
      store.update({ lastSoaId: 'b' }),
    ]);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
    await expect(createSettingsStore({ dir }).get()).resolves.toEqual({ reduceMotion: true, lastSoaId: 'b' });
  });

  it.each([
    ['not JSON', '{"relayUrl": "https://x.example",'],
    ['wrong shape', '{"relayUrl": 42}'],
    ['a prototype key', '{"__proto__": {"polluted": true}}'],
    ['unknown keys', '{"token": "should never be here"}'],
    ['binary garbage', '\u0000\u0001\u00ff'],
  ])('reports a corrupt file (%s), keeps it aside and uses defaults instead of crashing', async (_label, content) => {
    const dir = tempDir('soa-electron-');
    writeFileSync(path.join(dir, SETTINGS_FILE), content);
    const problems: string[] = [];
    const store = createSettingsStore({
      dir,
      onProblem: (message) => problems.push(message),
      now: () => new Date('2026-01-02T03:04:05Z'),
    });
    await expect(store.get()).resolves.toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/damaged/);
    const kept = readdirSync(dir).find((name) => name.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(kept).toBeDefined();
    expect(readFileSync(path.join(dir, kept ?? ''), 'utf8')).toBe(content);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await store.update({ reduceMotion: true });
    await expect(createSettingsStore({ dir }).get()).resolves.toEqual({ reduceMotion: true });
  });
});

describe('token store', () => {
  it('with a secure store, writes only ciphertext and reads the token back', async () => {
    const dir = tempDir('soa-electron-');
    const safeStorage = fakeSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const store = createTokenStore({ dir, safeStorage, platform: 'linux' });
    await expect(store.store(relay, TOKEN)).resolves.toEqual({ storage: 'secure' });
    expect(safeStorage.encryptCalls).toBe(1);
    const onDisk = everythingOnDisk(dir);
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('base64'));
    const file = JSON.parse(readFileSync(path.join(dir, TOKENS_FILE), 'utf8')) as { tokens: Record<string, string> };
    expect(Object.keys(file.tokens)).toEqual(['https://relay.highland.example']);
    // A fresh store (next start of the app) decrypts it.
    await expect(createTokenStore({ dir, safeStorage, platform: 'linux' }).get(relay)).resolves.toBe(TOKEN);
    await store.clear(relay);
    await expect(store.get(relay)).resolves.toBeNull();
  });

  it.each([
    ['Linux without a keyring (basic_text backend)', { available: true, backend: 'basic_text' }, 'linux'],
    ['Linux before the backend is known', { available: true, backend: 'unknown' }, 'linux'],
    ['no encryption at all', { available: false }, 'linux'],
    ['Windows with DPAPI unavailable', { available: false }, 'win32'],
    ['macOS with the keychain unavailable', { available: false }, 'darwin'],
  ] as const)('%s: keeps the token in memory only, says so, and writes nothing', async (_label, options, platform) => {
    const dir = tempDir('soa-electron-');
    const safeStorage = fakeSafeStorage(options);
    const store = createTokenStore({ dir, safeStorage, platform });
    await expect(store.storage()).resolves.toBe('session');
    await expect(store.store(relay, TOKEN)).resolves.toEqual({ storage: 'session' });
    await expect(store.get(relay)).resolves.toBe(TOKEN);
    expect(safeStorage.encryptCalls).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    // The next session has to be given the token again.
    await expect(createTokenStore({ dir, safeStorage, platform }).get(relay)).resolves.toBeNull();
    await store.clear(relay);
    await expect(store.get(relay)).resolves.toBeNull();
  });

  it('on macOS and Windows the Linux backend question does not apply', async () => {
    const safeStorage = { ...fakeSafeStorage({ available: true }), getSelectedStorageBackend: () => 'basic_text' };
    await expect(
      createTokenStore({ dir: tempDir('soa-electron-'), safeStorage, platform: 'darwin' }).storage(),
    ).resolves.toBe('secure');
    await expect(
      createTokenStore({ dir: tempDir('soa-electron-'), safeStorage, platform: 'win32' }).storage(),
    ).resolves.toBe('secure');
  });

  it('an availability check that throws counts as "no secure store"', async () => {
    const safeStorage = {
      ...fakeSafeStorage({ available: true }),
      isAsyncEncryptionAvailable: () => Promise.reject(new Error('boom')),
    };
    await expect(
      createTokenStore({ dir: tempDir('soa-electron-'), safeStorage, platform: 'linux' }).storage(),
    ).resolves.toBe('session');
  });

  it('a damaged token file is reported and treated as empty; a token that no longer decrypts is null', async () => {
    const dir = tempDir('soa-electron-');
    const problems: string[] = [];
    const store = createTokenStore({
      dir,
      safeStorage: fakeSafeStorage({ available: true }),
      platform: 'darwin',
      onProblem: (m) => problems.push(m),
    });
    writeFileSync(path.join(dir, TOKENS_FILE), '{"version": 1, "tokens": {"__proto__": "eA=="}}');
    await expect(store.get(relay)).resolves.toBeNull();
    expect(({} as Record<string, unknown>)[relay]).toBeUndefined();
    writeFileSync(path.join(dir, TOKENS_FILE), '{"version": 1, "tokens": {"https://relay.highland.example": 42}}');
    await expect(store.get(relay)).resolves.toBeNull();
    expect(problems.join()).toMatch(/damaged/);
    writeFileSync(
      path.join(dir, TOKENS_FILE),
      JSON.stringify({ version: 1, tokens: { [relay]: Buffer.from('garbage').toString('base64') } }),
    );
    await expect(store.get(relay)).resolves.toBeNull();
    expect(problems.join()).toMatch(/could not be decrypted/);
    expect(existsSync(path.join(dir, TOKENS_FILE))).toBe(true);
  });
});

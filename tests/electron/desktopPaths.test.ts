/**
 * The desktop app's token and save paths, end to end in Node with real files: the renderer's own code
 * (membership.ts, the Word export) calls the desktop bridge, each call crosses a stand-in for IPC (the
 * arguments structured-cloned, as Electron does) into the main process's own handlers (bridgeHandlers.ts,
 * tokenStore.ts, atomicFile.ts), which write to a temporary user-data folder. Electron itself cannot run
 * here, so two pieces are stand-ins: safeStorage (the OS secret store, in tests/electron/fakes.ts) and the
 * native save dialog (it answers with a chosen path). sessionStorage, which Electron's renderer provides,
 * is a Map-backed Storage.
 *
 * What a user relies on: a membership is remembered across a restart, encrypted, never in the clear; on a
 * shared computer, or without a keyring, it lasts for the session only and nothing is written; Sign out
 * removes it; an export lands where the user chose, whole, and replacing a file never leaves half of one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge, FileFilter } from '../../shared/bridge/desktopBridge';
import { assembleFromDocs } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { createBridgeHandlers, type BridgeHandlers } from '../../electron/main/bridgeHandlers';
import { bundlePathsFromArgv, OpenedFileQueue } from '../../electron/main/openedFiles';
import { createSettingsStore } from '../../electron/main/settingsStore';
import { createTokenStore, TOKENS_FILE } from '../../electron/main/tokenStore';
import { fakeSafeStorage } from './fakes';
import { tempDir } from '../support/tempDirs';

const RELAY = 'https://relay.balmuir.example';
const TOKEN = 'Invite_Token-For-Balmuir_0123456789abcdefABCDEF';

/** A browser-like Storage over a Map (what Electron's renderer gives sessionStorage). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

interface Desktop {
  readonly userData: string;
  readonly documents: string;
  /** The path the next save dialog answers with (null: cancelled). */
  savePath: string | null;
  readonly dialogs: Array<{ defaultPath: string; filters: FileFilter[] }>;
  /** Files the operating system asked the app to open (a double-clicked .soabundle). */
  readonly openedFiles: OpenedFileQueue;
}

/** One run of the desktop app: main-process handlers on `userData`, the renderer's bridge wired to them. */
function startApp(
  userData: string,
  keyring: { available: boolean; backend?: string } = { available: true, backend: 'gnome_libsecret' },
): Desktop {
  const desktop: Desktop = {
    userData,
    documents: path.join(userData, 'Documents'),
    savePath: null,
    dialogs: [],
    openedFiles: new OpenedFileQueue(),
  };
  const handlers: BridgeHandlers = createBridgeHandlers({
    settings: createSettingsStore({ dir: userData }),
    tokens: createTokenStore({ dir: userData, safeStorage: fakeSafeStorage(keyring), platform: 'linux' }),
    appVersion: '1.0.0',
    documentsDir: desktop.documents,
    openedFiles: desktop.openedFiles,
    showSaveDialog: async (options) => {
      desktop.dialogs.push(options);
      return desktop.savePath;
    },
    showOpenDialog: async () => null,
  });
  const bridge = new Proxy({} as DesktopBridge, {
    get:
      (_target, name: string) =>
      async (...args: unknown[]) =>
        structuredClone(
          await (handlers as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]?.(
            ...structuredClone(args),
          ),
        ),
  });
  vi.stubGlobal('window', { soaDesktop: bridge, isSecureContext: false });
  vi.stubGlobal('sessionStorage', new MemoryStorage());
  return desktop;
}

/** The renderer's membership module, fresh (its memory of where tokens went lasts one run, like the page's). */
async function membership() {
  vi.resetModules();
  return import('../../renderer/src/store/membership');
}

function onDisk(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

function storedRelays(userData: string): string[] {
  const file = path.join(userData, TOKENS_FILE);
  if (!existsSync(file)) return [];
  return Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { tokens: Record<string, string> }).tokens);
}

let userData = '';
beforeEach(() => {
  userData = tempDir('soa-desktop-');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the desktop membership, through the bridge to the token file', () => {
  it('is remembered across a restart, encrypted, and Sign out removes it', async () => {
    startApp(userData);
    const first = await membership();
    await expect(first.storeToken(`${RELAY}/`, TOKEN)).resolves.toBe('secure');
    expect(first.tokenStorageFor(RELAY)).toBe('secure');
    expect(storedRelays(userData)).toEqual([RELAY]);
    expect(onDisk(userData)).not.toContain(TOKEN);
    expect(onDisk(userData)).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(readdirSync(userData).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // Quit and start again: a new main process and a new page.
    startApp(userData);
    const second = await membership();
    await expect(second.loadToken(RELAY)).resolves.toBe(TOKEN);
    expect(second.tokenStorageFor(RELAY)).toBe('secure');

    await second.signOut(RELAY);
    expect(storedRelays(userData)).toEqual([]);
    await expect(second.loadToken(RELAY)).resolves.toBeNull();
    startApp(userData);
    await expect((await membership()).loadToken(RELAY)).resolves.toBeNull();
  });

  it('on a shared computer lasts until the app closes, writes nothing, and removes a copy kept before', async () => {
    startApp(userData);
    const kept = await membership();
    await kept.storeToken(RELAY, TOKEN);
    expect(storedRelays(userData)).toEqual([RELAY]);

    startApp(userData);
    const shared = await membership();
    await expect(shared.storeToken(RELAY, TOKEN, { sharedComputer: true })).resolves.toBe('session');
    expect(storedRelays(userData)).toEqual([]);
    expect(onDisk(userData)).not.toContain(TOKEN);
    await expect(shared.loadToken(RELAY)).resolves.toBe(TOKEN);
    expect(shared.tokenStorageFor(RELAY)).toBe('session');

    startApp(userData);
    await expect((await membership()).loadToken(RELAY)).resolves.toBeNull();
  });

  it('without a keyring (Linux basic_text) is kept for the session only, and says so', async () => {
    startApp(userData, { available: true, backend: 'basic_text' });
    const noKeyring = await membership();
    await expect(noKeyring.storeToken(RELAY, TOKEN)).resolves.toBe('session');
    expect(noKeyring.tokenStorageFor(RELAY)).toBe('session');
    expect(readdirSync(userData)).toEqual([]);
    startApp(userData, { available: true, backend: 'basic_text' });
    await expect((await membership()).loadToken(RELAY)).resolves.toBeNull();
  });
});

describe('saving an export through the bridge', () => {
  const sample = generateSampleSoa({ seed: 1, today: '2026-03-31' });
  const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs as ReadonlyMap<never, Y.Doc>);

  it('writes the Word document where the user chose, whole, offering its name in Documents', async () => {
    const desktop = startApp(userData);
    mkdirSync(path.join(userData, 'Exports'));
    desktop.savePath = path.join(userData, 'Exports', 'Balmuir SOA.docx');
    const { exportToWord } = await import('../../renderer/src/export/exportWord');
    const result = await exportToWord(
      snapshot,
      { scope: { kind: 'whole' }, generatedOn: '2026-03-31' },
      () => undefined,
    );
    expect(result).toEqual({
      fileName: 'Balmuir SOA 2013-2023 (Draft v0.6).docx',
      savedTo: desktop.savePath,
      cancelled: false,
    });
    expect(desktop.dialogs[0]?.defaultPath).toBe(path.join(desktop.documents, result.fileName));
    expect(desktop.dialogs[0]?.filters).toEqual([{ name: 'Word document', extensions: ['docx'] }]);
    const zip = await JSZip.loadAsync(readFileSync(desktop.savePath));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Balmuir Single Outcome Agreement');
    expect(readdirSync(path.join(userData, 'Exports'))).toEqual(['Balmuir SOA.docx']);

    // Replacing it: the new file, whole, and no temporary file left behind.
    const before = readFileSync(desktop.savePath);
    const partner = snapshot.partners[0];
    if (!partner) throw new Error('the sample has no partners');
    await exportToWord(
      snapshot,
      { scope: { kind: 'partner', partnerId: partner.id }, generatedOn: '2026-03-31' },
      () => undefined,
    );
    const after = readFileSync(desktop.savePath);
    expect(after.equals(before)).toBe(false);
    await expect(JSZip.loadAsync(after)).resolves.toBeDefined();
    expect(readdirSync(path.join(userData, 'Exports'))).toEqual(['Balmuir SOA.docx']);
  }, 120_000);

  it('reports a cancelled dialog, and a place it cannot write to without leaving anything behind', async () => {
    const desktop = startApp(userData);
    const { exportToWord } = await import('../../renderer/src/export/exportWord');
    desktop.savePath = null;
    await expect(
      exportToWord(snapshot, { scope: { kind: 'whole' }, generatedOn: '2026-03-31' }, () => undefined),
    ).resolves.toMatchObject({ savedTo: null, cancelled: true });

    // The chosen name is taken by a folder (the tests run as root, so permissions cannot refuse the write).
    const folder = path.join(userData, 'Taken', 'SOA.docx');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'inside.txt'), 'kept');
    desktop.savePath = folder;
    await expect(
      exportToWord(snapshot, { scope: { kind: 'whole' }, generatedOn: '2026-03-31' }, () => undefined),
    ).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect(readdirSync(path.join(userData, 'Taken'))).toEqual(['SOA.docx']);
    expect(readFileSync(path.join(folder, 'inside.txt'), 'utf8')).toBe('kept');
  }, 120_000);
});

describe('change files on the desktop', () => {
  let userData = '';
  beforeEach(() => {
    userData = tempDir('soa-bundles-');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('saves a change file where the user chose, offering its name in Documents', async () => {
    const desktop = startApp(userData);
    desktop.savePath = path.join(userData, 'USB', 'changes.soabundle');
    mkdirSync(path.dirname(desktop.savePath), { recursive: true });
    const { saveBytes } = await import('../../renderer/src/export/saveBytes');
    const { BUNDLE_FILTER, BUNDLE_MIME } = await import('../../renderer/src/bundles/bundleFileType');
    const name = 'Balmuir SOA - changes from NHS Clyde Valley - 3 December 2026.soabundle';
    const text = '{"format":"soabundle"}\n';
    await expect(saveBytes(new TextEncoder().encode(text), name, BUNDLE_FILTER, BUNDLE_MIME)).resolves.toEqual({
      savedTo: desktop.savePath,
      cancelled: false,
    });
    expect(desktop.dialogs).toEqual([
      {
        defaultPath: path.join(desktop.documents, name),
        filters: [{ name: 'SOA Studio change file', extensions: ['soabundle'] }],
      },
    ]);
    expect(readFileSync(desktop.savePath, 'utf8')).toBe(text);
  });

  it('hands a double-clicked .soabundle to the page once, from a first or a second start, and reports one it cannot read', async () => {
    const desktop = startApp(userData);
    const downloads = path.join(userData, 'Downloads');
    mkdirSync(downloads, { recursive: true });
    writeFileSync(path.join(downloads, 'From Ann.soabundle'), '{"kind":"changes"}');
    // A second start's command line: the app itself, a switch, the file relative to where it was started.
    const argv = ['/opt/SOA Studio/soa-studio', '--enable-logging', 'From Ann.soabundle', 'notes.txt'];
    expect(bundlePathsFromArgv(argv.slice(1), downloads)).toEqual([path.join(downloads, 'From Ann.soabundle')]);
    expect(desktop.openedFiles.add(bundlePathsFromArgv(argv.slice(1), downloads))).toBe(true);
    const { takeOpenedBundles } = await import('../../renderer/src/bundles/waitingBundles');
    const bridge = (window as unknown as { soaDesktop: DesktopBridge }).soaDesktop;
    await expect(takeOpenedBundles(bridge)).resolves.toEqual([
      { name: 'From Ann.soabundle', text: '{"kind":"changes"}' },
    ]);
    await expect(takeOpenedBundles(bridge)).resolves.toEqual([]);

    const problems: string[] = [];
    const queue = new OpenedFileQueue((message) => problems.push(message));
    queue.add([path.join(downloads, 'Gone.soabundle'), path.join(downloads, 'From Ann.soabundle')]);
    const files = await queue.take();
    expect(files.map((file) => file.name)).toEqual(['From Ann.soabundle']);
    expect(problems).toEqual([expect.stringContaining('Gone.soabundle')]);
  });
});

// The bridge's main-process handlers with their argument validation: wrong types, huge strings and byte
// arrays, path traversal in suggested names, prototype keys in settings, extra arguments; and the sender
// check in front of every channel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS, type FileFilter } from '../../shared/bridge/desktopBridge';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { OpenedFileQueue } from '../../electron/main/openedFiles';
import {
  createBridgeHandlers,
  registerBridgeHandlers,
  type BridgeHandlers,
  type InvokeEventLike,
} from '../../electron/main/bridgeHandlers';
import { createSettingsStore } from '../../electron/main/settingsStore';
import { createTokenStore } from '../../electron/main/tokenStore';
import { MAX_FILE_BYTES, parseSuggestedName } from '../../electron/main/validation';
import { fakeSafeStorage } from './fakes';
import { tempDir } from '../support/tempDirs';

const docx: FileFilter[] = [{ name: 'Word document', extensions: ['docx'] }];

interface Harness {
  handlers: BridgeHandlers;
  dir: string;
  saveDialogs: { defaultPath: string; filters: FileFilter[] }[];
  nextSavePath: string | null;
  nextOpenPath: string | null;
}

function harness(): Harness {
  const dir = tempDir('soa-electron-');
  const h: Harness = {
    dir,
    saveDialogs: [],
    nextSavePath: null,
    nextOpenPath: null,
    handlers: undefined as unknown as BridgeHandlers,
  };
  h.handlers = createBridgeHandlers({
    settings: createSettingsStore({ dir }),
    tokens: createTokenStore({ dir, safeStorage: fakeSafeStorage({ available: true }), platform: 'linux' }),
    appVersion: '1.2.3',
    documentsDir: path.join(dir, 'Documents'),
    openedFiles: new OpenedFileQueue(),
    showSaveDialog: async (options) => {
      h.saveDialogs.push(options);
      return h.nextSavePath;
    },
    showOpenDialog: async () => h.nextOpenPath,
  });
  return h;
}

let h: Harness;
beforeEach(() => {
  h = harness();
});

describe('saveFile', () => {
  const request = (overrides: Record<string, unknown> = {}) => ({
    suggestedName: 'Highland SOA (Draft).docx',
    bytes: new Uint8Array([80, 75, 3, 4]),
    filters: docx,
    ...overrides,
  });

  it('offers the name in the Documents folder and writes the bytes where the user chose', async () => {
    h.nextSavePath = path.join(h.dir, 'chosen.docx');
    await expect(h.handlers.saveFile(request())).resolves.toEqual({ saved: true, path: h.nextSavePath });
    expect(h.saveDialogs[0]?.defaultPath).toBe(path.join(h.dir, 'Documents', 'Highland SOA (Draft).docx'));
    expect([...readFileSync(h.nextSavePath)]).toEqual([80, 75, 3, 4]);
  });

  it('reports a cancelled dialog', async () => {
    await expect(h.handlers.saveFile(request())).resolves.toEqual({ saved: false });
  });

  it.each([
    ['../../../.bashrc', 'parent directories'],
    ['..\\..\\Windows\\evil.dll', 'Windows separators'],
    ['/etc/cron.d/evil', 'an absolute POSIX path'],
    ['C:\\Users\\Public\\evil.exe', 'an absolute Windows path'],
    ['C:evil.docx', 'a drive-relative Windows path'],
    ['reports/soa.docx', 'a sub-directory'],
    ['..', 'the parent itself'],
    ['.', 'the directory itself'],
    ['...', 'only dots'],
    ['soa\u0000.docx.exe', 'a NUL byte'],
    ['soa\n.docx', 'a newline'],
    ['CON', 'a Windows device name'],
    ['nul.docx', 'a Windows device name with an extension'],
    ['', 'empty'],
    ['a'.repeat(201), 'too long'],
  ])('refuses the suggested name %j (%s) before any dialog opens', async (suggestedName) => {
    await expect(h.handlers.saveFile(request({ suggestedName }))).rejects.toThrow(/suggestedName/);
    expect(h.saveDialogs).toHaveLength(0);
  });

  it('tidies characters Windows cannot store, keeping the name recognisable', () => {
    expect(parseSuggestedName('Highland: SOA 2013/14?.docx'.replace('/', '-'))).toBe('Highland- SOA 2013-14-.docx');
    expect(parseSuggestedName('Draft. ')).toBe('Draft');
  });

  it.each([
    [{ suggestedName: 42, bytes: new Uint8Array(1), filters: docx }, /suggestedName/],
    [{ suggestedName: 'a.docx', bytes: [80, 75], filters: docx }, /bytes/],
    [{ suggestedName: 'a.docx', bytes: 'UEsDBA==', filters: docx }, /bytes/],
    [{ suggestedName: 'a.docx', bytes: new Uint8Array(1), filters: 'docx' }, /filters/],
    [
      { suggestedName: 'a.docx', bytes: new Uint8Array(1), filters: [{ name: 'x', extensions: ['../docx'] }] },
      /filters/,
    ],
    [
      { suggestedName: 'a.docx', bytes: new Uint8Array(1), filters: Array.from({ length: 11 }, () => docx[0]) },
      /filters/,
    ],
    [{ suggestedName: 'a.docx', bytes: new Uint8Array(1) }, /filters/],
    [{ suggestedName: 'a.docx', bytes: new Uint8Array(1), filters: docx, extra: true }, /saveFile/],
    [null, /saveFile/],
    ['a.docx', /saveFile/],
  ])('refuses a malformed request %#', async (value, message) => {
    await expect(h.handlers.saveFile(value)).rejects.toThrow(message);
    expect(h.saveDialogs).toHaveLength(0);
  });

  it(`refuses more than ${MAX_FILE_BYTES / 1024 / 1024} MB`, async () => {
    await expect(h.handlers.saveFile(request({ bytes: new Uint8Array(MAX_FILE_BYTES + 1) }))).rejects.toThrow(/bytes/);
    expect(h.saveDialogs).toHaveLength(0);
  });

  it('refuses a missing or extra argument', async () => {
    await expect(h.handlers.saveFile()).rejects.toThrow(/expected 1 argument/);
    await expect(h.handlers.saveFile(request(), 'extra')).rejects.toThrow(/expected 1 argument/);
  });
});

describe('openFile', () => {
  it('returns the chosen file name (not its path) and bytes', async () => {
    const file = path.join(h.dir, 'changes.soabundle');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, Buffer.from([1, 2, 3])));
    h.nextOpenPath = file;
    const opened = await h.handlers.openFile([{ name: 'Change bundle', extensions: ['soabundle'] }]);
    expect(opened?.name).toBe('changes.soabundle');
    expect([...(opened?.bytes ?? [])]).toEqual([1, 2, 3]);
  });
  it('returns null when cancelled and refuses malformed filters', async () => {
    await expect(h.handlers.openFile([])).resolves.toBeNull();
    await expect(h.handlers.openFile({ name: 'x', extensions: ['docx'] })).rejects.toThrow(/filters/);
    await expect(h.handlers.openFile([{ name: 'x'.repeat(101), extensions: ['docx'] }])).rejects.toThrow(/filters/);
    await expect(
      h.handlers.openFile([{ name: 'x', extensions: ['docx'], __proto__: { polluted: true } }]),
    ).rejects.toThrow(/not a plain object/);
    await expect(
      h.handlers.openFile(JSON.parse('[{"name": "x", "extensions": ["docx"], "__proto__": {"polluted": true}}]')),
    ).rejects.toThrow(/forbidden key "__proto__"/);
  });
});

describe('settings', () => {
  it('round-trips a valid patch and clears a key given as undefined', async () => {
    await expect(
      h.handlers.setSettings({ relayUrl: 'https://relay.highland.example', reduceMotion: true }),
    ).resolves.toEqual({
      relayUrl: 'https://relay.highland.example',
      reduceMotion: true,
    });
    await expect(h.handlers.setSettings({ reduceMotion: undefined })).resolves.toEqual({
      relayUrl: 'https://relay.highland.example',
    });
    await expect(h.handlers.getSettings()).resolves.toEqual({ relayUrl: 'https://relay.highland.example' });
  });

  it.each([
    [
      '__proto__ as an own key (as JSON.parse and structured clone produce it)',
      JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown,
    ],
    ['constructor', { constructor: { prototype: { isAdmin: true } } }],
    ['prototype', { prototype: { isAdmin: true } }],
    ['a nested __proto__', { reduceMotion: true, nested: JSON.parse('{"__proto__": {"x": 1}}') as unknown }],
    ['an unknown key', { theme: 'dark' }],
    ['an object with a foreign prototype', Object.create({ relayUrl: 'https://inherited.example' }) as unknown],
    ['an accessor property', Object.defineProperty({}, 'reduceMotion', { get: () => true, enumerable: true })],
    ['a symbol key', { [Symbol('x')]: 1 }],
    ['an array', ['relayUrl', 'https://x.example']],
    ['null', null],
    ['a string', 'relayUrl=https://x.example'],
    ['a wrongly typed value', { reduceMotion: 'yes' }],
    ['a javascript: relay URL', { relayUrl: 'javascript:alert(1)' }],
    ['a file: relay URL', { relayUrl: 'file:///etc/passwd' }],
    ['a huge relay URL', { relayUrl: `https://x.example/${'a'.repeat(5000)}` }],
    ['a SOA id with a path in it', { lastSoaId: '../../etc' }],
  ])('refuses %s, and nothing is polluted or stored', async (_label, patch) => {
    await expect(h.handlers.setSettings(patch)).rejects.toThrow(/settings/);
    await expect(h.handlers.getSettings()).resolves.toEqual({});
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('refuses arguments to getSettings', async () => {
    await expect(h.handlers.getSettings('x')).rejects.toThrow(/expected 0 argument/);
  });
});

describe('relay token', () => {
  it('stores, fetches and clears a token under the relay origin, whichever URL form the page uses', async () => {
    await expect(h.handlers.storeToken('wss://relay.highland.example/sync', 'tok_ABC-123')).resolves.toEqual({
      storage: 'secure',
    });
    await expect(h.handlers.getToken('https://relay.highland.example')).resolves.toBe('tok_ABC-123');
    await expect(h.handlers.getToken('https://other.example')).resolves.toBeNull();
    await h.handlers.clearToken('https://relay.highland.example/');
    await expect(h.handlers.getToken('wss://relay.highland.example')).resolves.toBeNull();
  });

  it.each([
    [42, 'tok'],
    ['not a url', 'tok'],
    ['javascript:alert(1)', 'tok'],
    ['file:///etc/passwd', 'tok'],
    ['https://user:pw@relay.example', 'tok'],
    [`https://relay.example/${'a'.repeat(3000)}`, 'tok'],
    ['https://relay.example', ''],
    ['https://relay.example', 'a'.repeat(4097)],
    ['https://relay.example', 'tok with spaces'],
    ['https://relay.example', 'tok\n'],
    ['https://relay.example', 123],
    ['https://relay.example', { token: 'x' }],
  ])('refuses storeToken(%j, %j)', async (relayUrl, token) => {
    await expect(h.handlers.storeToken(relayUrl, token)).rejects.toThrow(/relayUrl|token/);
  });

  it('refuses extra arguments', async () => {
    await expect(h.handlers.getToken('https://relay.example', 'extra')).rejects.toThrow(/expected 1 argument/);
  });
});

describe('appVersion', () => {
  it('answers the app version', async () => {
    await expect(h.handlers.appVersion()).resolves.toBe('1.2.3');
  });
});

describe('registerBridgeHandlers: one handler per DESKTOP_CHANNELS entry, behind the sender check', () => {
  type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
  function fakeIpc() {
    const handlers = new Map<string, Listener>();
    return {
      handlers,
      handle: (channel: string, listener: Listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    };
  }
  const fromApp: InvokeEventLike = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

  it('registers every invoke channel, and the disposer removes them all', () => {
    const ipc = fakeIpc();
    const dispose = registerBridgeHandlers(ipc, h.handlers);
    const { menuCommand, fileOpened, ...invokeChannels } = DESKTOP_CHANNELS;
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
    expect(ipc.handlers.has(menuCommand)).toBe(false);
    expect(ipc.handlers.has(fileOpened)).toBe(false);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers the app main frame', async () => {
    const ipc = fakeIpc();
    registerBridgeHandlers(ipc, h.handlers);
    await expect(ipc.handlers.get(DESKTOP_CHANNELS.appVersion)?.(fromApp)).resolves.toBe('1.2.3');
  });

  it.each([
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a local web server', { senderFrame: { url: 'http://localhost:5173/', parent: null } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['a sub-frame of the app', { senderFrame: { url: APP_ENTRY_URL, parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s on every channel, and never runs the handler', async (_label, event) => {
    const ipc = fakeIpc();
    const refused: string[] = [];
    registerBridgeHandlers(ipc, h.handlers, (message) => refused.push(message));
    for (const [channel, listener] of ipc.handlers) {
      await expect(listener(event as InvokeEventLike, 'https://relay.example', 'tok')).rejects.toThrow(
        /not sent by SOA Studio/,
      );
      expect(refused.at(-1)).toContain(channel);
    }
    await expect(h.handlers.getToken('https://relay.example')).resolves.toBeNull();
  });
});

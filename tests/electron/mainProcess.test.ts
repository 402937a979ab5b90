// The thin main-process entry (electron/main/index.ts) run against a stand-in for Electron, so its wiring is
// checked here even where the Electron binary is missing: sandbox and privileged scheme before ready, the
// protocol handler's headers, permission denial, navigation and window-open lock-down, the bridge handlers
// behind the sender check, the menu reaching the page, the quit handshake and the saved window position.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS } from '../../shared/bridge/desktopBridge';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { tempDir } from '../support/tempDirs';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => ({
  userData: '',
  documents: '',
  calls: [] as [string, ...unknown[]][],
  windows: [] as {
    options: Record<string, unknown>;
    webContents: EventEmitter & { sent: unknown[][] };
    emit(event: string, ...args: unknown[]): boolean;
  }[],
  ipc: new Map<string, Handler>(),
  protocol: null as Handler | null,
  permissionRequest: null as Handler | null,
  permissionCheck: null as Handler | null,
  opened: [] as string[],
  menu: null as { items: { id?: string; click?: () => void; submenu?: unknown }[] } | null,
  app: null as (EventEmitter & Record<string, unknown>) | null,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      fake.calls.push([name, ...args]);
    };
  class WebContents extends Emitter {
    sent: unknown[][] = [];
    openHandler: Handler | null = null;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    setWindowOpenHandler(handler: Handler) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new WebContents();
    url = '';
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMaximized = () => false;
    isMinimized = () => false;
    getNormalBounds = () => ({ x: 11, y: 22, width: 1001, height: 701 });
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    close() {
      this.emit('close');
    }
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setName: record('app.setName'),
    setPath: record('app.setPath'),
    enableSandbox: record('app.enableSandbox'),
    getPath: (name: string) => (name === 'userData' ? fake.userData : fake.documents),
    getVersion: () => '9.9.9',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: record('app.quit'),
    exit: record('app.exit'),
  });
  fake.app = app as never;
  const menuFrom = (template: { id?: string; click?: () => void; submenu?: unknown }[]) => ({ items: template });
  return {
    app,
    BrowserWindow,
    dialog: {
      showMessageBox: async () => ({ response: 0 }),
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => fake.ipc.set(channel, handler),
      removeHandler: (channel: string) => fake.ipc.delete(channel),
    },
    Menu: { buildFromTemplate: menuFrom, setApplicationMenu: (menu: never) => (fake.menu = menu) },
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle: (_scheme: string, handler: Handler) => (fake.protocol = handler),
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (fake.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (fake.permissionCheck = handler),
        setDevicePermissionHandler: record('session.setDevicePermissionHandler'),
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  };
});

const trusted = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

beforeAll(async () => {
  fake.userData = tempDir('soa-main-userdata-');
  fake.documents = tempDir('soa-main-documents-');
  vi.stubEnv('SOA_STUDIO_USER_DATA', '');
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('main process wiring', () => {
  it('enables the sandbox for every renderer and registers the app scheme as secure and standard, without bypassing CSP', () => {
    expect(fake.calls.some(([name]) => name === 'app.enableSandbox')).toBe(true);
    const registered = fake.calls.find(([name]) => name === 'protocol.registerSchemesAsPrivileged')?.[1] as {
      scheme: string;
      privileges: Record<string, boolean>;
    }[];
    expect(registered).toEqual([
      { scheme: 'soa-app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(registered[0]?.privileges['bypassCSP']).toBeUndefined();
  });

  it('opens one window on the app entry page with the secure web preferences', () => {
    const window = fake.windows[0] as unknown as { url: string; options: { webPreferences: Record<string, unknown> } };
    expect(window.url).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(window.options.webPreferences['preload'])).toMatch(/preload\.cjs$/);
  });

  it('serves app responses with the CSP header and refuses other hosts', async () => {
    const page = (await fake.protocol?.(new Request('soa-app://studio/index.html'))) as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const other = (await fake.protocol?.(new Request('soa-app://elsewhere/index.html'))) as Response;
    expect(other.status).toBe(400);
    const missing = (await fake.protocol?.(new Request('soa-app://studio/no-such-file.js'))) as Response;
    expect(missing.status).toBe(404);
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      fake.permissionRequest?.({}, permission, (allowed: boolean) => answers.push(allowed));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(fake.permissionCheck?.({}, 'media')).toBe(false);
  });

  it('locks down every web contents: no navigation away, no new windows, no webviews; safe links go to the browser', () => {
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as Handler | null,
      setWindowOpenHandler(handler: Handler) {
        this.openHandler = handler;
      },
    });
    fake.app?.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      const event = {
        url,
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate('soa-app://studio/index.html')).toBe(false);
    expect(navigate('https://www.gov.scot/')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example@good.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'mailto:officer@highland.gov.uk' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://www.gov.scot/', 'mailto:officer@highland.gov.uk']);
    const webview = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('answers bridge calls from the app and refuses other senders', async () => {
    const { menuCommand: _menuCommand, fileOpened: _fileOpened, ...invokeChannels } = DESKTOP_CHANNELS;
    expect([...fake.ipc.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
    await expect(fake.ipc.get(DESKTOP_CHANNELS.appVersion)?.(trusted)).resolves.toBe('9.9.9');
    await expect(
      fake.ipc.get(DESKTOP_CHANNELS.appVersion)?.({ senderFrame: { url: 'https://evil.example/', parent: null } }),
    ).rejects.toThrow(/not sent by SOA Studio/);
    // This stand-in has no keyring (basic_text): the token is kept for the session only.
    await expect(
      fake.ipc.get(DESKTOP_CHANNELS.storeToken)?.(trusted, 'https://relay.example', 'tok_123'),
    ).resolves.toEqual({ storage: 'session' });
    expect(existsSync(`${fake.userData}/tokens.json`)).toBe(false);
  });

  it('sends menu commands to the page', () => {
    const items = (fake.menu?.items ?? []).flatMap((item) => [
      item,
      ...((item.submenu as (typeof item)[] | undefined) ?? []),
    ]);
    items.find((item) => item.id === 'export-word')?.click?.();
    expect(fake.windows[0]?.webContents.sent).toContainEqual([DESKTOP_CHANNELS.menuCommand, 'export-word']);
  });

  it('lets a page that is still saving finish: the first refusal to unload is not overridden', () => {
    vi.useFakeTimers();
    try {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      fake.windows[0]?.webContents.emit('will-prevent-unload', event);
      expect(event.prevented).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves the window position when the window closes', () => {
    fake.windows[0]?.emit('close');
    expect(JSON.parse(readFileSync(`${fake.userData}/window-state.json`, 'utf8'))).toEqual({
      x: 11,
      y: 22,
      width: 1001,
      height: 701,
      maximized: false,
    });
  });
});

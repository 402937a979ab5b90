/**
 * The Electron main process: the only module that touches `app`, `BrowserWindow` and friends. Everything with
 * logic in it lives in the plain modules beside this one (and is tested in Node); this file wires them up.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { DESKTOP_CHANNELS, type FileFilter, type MenuCommand } from '../../shared/bridge/desktopBridge';
import { APP_ENTRY_URL, APP_SCHEME, externalUrlToOpen, isAppUrl } from './appOrigin';
import { appResponseHeaders, contentTypeFor, MISSING_BUILD_PAGE, resolveAppRequest } from './appProtocol';
import { writeFileAtomicSync } from './atomicFile';
import { createBridgeHandlers, registerBridgeHandlers } from './bridgeHandlers';
import { buildMenuTemplate } from './menu';
import { bundlePathsFromArgv, OpenedFileQueue } from './openedFiles';
import { QuitGuard, type QuitAnswer } from './quitGuard';
import { createSettingsStore } from './settingsStore';
import { createTokenStore } from './tokenStore';
import { appWebPreferences } from './webPreferences';
import { clampWindowState, MIN_SIZE, parseSavedWindowState } from './windowState';

const APP_NAME = 'SOA Studio';
/** Built layout (electron/dist/main.cjs): the renderer build and the preload sit at fixed places beside it. */
const RENDERER_DIR = path.join(__dirname, '..', '..', 'renderer', 'dist');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

app.setName(APP_NAME);
// Tests and development runs may point the app at a throw-away data directory; a packaged app never does.
const userDataOverride = process.env['SOA_STUDIO_USER_DATA'];
if (!app.isPackaged && userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const problems: string[] = [];
const report = (message: string): void => {
  console.warn(`[soa-studio] ${message}`);
  problems.push(message);
};

let mainWindow: BrowserWindow | null = null;
/** Double-clicked .soabundle files, waiting for the page (it takes them through the bridge). */
const openedFiles = new OpenedFileQueue(report);
openedFiles.add(bundlePathsFromArgv(process.argv.slice(1), process.cwd()));

function fileOpened(paths: readonly string[]): void {
  if (openedFiles.add(paths)) mainWindow?.webContents.send(DESKTOP_CHANNELS.fileOpened);
}

// macOS hands a double-clicked file over by this event, possibly before the app is ready.
app.on('open-file', (event, file) => {
  event.preventDefault();
  fileOpened([file]);
});
/** Set when the user asked to quit (not just close the window), so a delayed retry quits again. */
let quitting = false;
app.on('before-quit', () => {
  quitting = true;
});

if (!app.requestSingleInstanceLock()) {
  // Another SOA Studio is running: it is focused through its 'second-instance' event.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    fileOpened(bundlePathsFromArgv(argv.slice(1), workingDirectory));
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

function windowStateFile(): string {
  return path.join(app.getPath('userData'), 'window-state.json');
}

function readWindowState(): unknown {
  try {
    return JSON.parse(readFileSync(windowStateFile(), 'utf8'));
  } catch {
    return null;
  }
}

function saveWindowState(window: BrowserWindow): void {
  const bounds = window.getNormalBounds();
  try {
    writeFileAtomicSync(windowStateFile(), JSON.stringify({ ...bounds, maximized: window.isMaximized() }));
  } catch (error) {
    console.warn(`[soa-studio] window position not saved: ${(error as Error).message}`);
  }
}

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow !== null) {
    mainWindow.webContents.send(DESKTOP_CHANNELS.menuCommand, command);
    return;
  }
  // macOS keeps the app running without a window: open one and deliver the command once the page is there.
  const window = createWindow();
  window.webContents.once('did-finish-load', () => window.webContents.send(DESKTOP_CHANNELS.menuCommand, command));
}

function openExternally(url: string): void {
  const target = externalUrlToOpen(url);
  if (target !== null) void shell.openExternal(target);
  else console.warn(`[soa-studio] refused to open ${JSON.stringify(url.slice(0, 200))}`);
}

/** Navigation, new windows, webviews and redirects are refused for every web contents the app creates. */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const state = clampWindowState(parseSavedWindowState(readWindowState()), displays);
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: APP_NAME,
    show: false,
    backgroundColor: '#ffffff',
    // The factory (tested) sets every switch; the three that must never change are repeated literally here so
    // they hold even if the factory is edited, and so the static audit (Electronegativity) can see them.
    webPreferences: {
      ...appWebPreferences(PRELOAD_PATH, { development: !app.isPackaged }),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => {
    window.show();
    for (const message of problems.splice(0)) {
      void dialog.showMessageBox(window, {
        type: 'warning',
        title: APP_NAME,
        message: 'SOA Studio had a problem with a saved file.',
        detail: message,
      });
    }
  });

  const guard = new QuitGuard();
  const closeAgain = (): void => {
    if (window.isDestroyed()) return;
    if (quitting) app.quit();
    else window.close();
  };
  window.webContents.on('will-prevent-unload', (event) => {
    const action = guard.refused();
    switch (action.kind) {
      case 'proceed':
        event.preventDefault();
        return;
      case 'retry':
        setTimeout(closeAgain, action.delayMs);
        return;
      case 'wait':
        return;
      case 'ask':
        void dialog
          .showMessageBox(window, {
            type: 'warning',
            title: APP_NAME,
            message: 'SOA Studio is still saving your latest changes on this computer.',
            detail: 'If you close now, the changes of the last few seconds may be lost.',
            buttons: ['Keep Waiting', 'Close Anyway', "Don't Close"],
            defaultId: 0,
            cancelId: 2,
          })
          .then(({ response }) => {
            const answer: QuitAnswer = response === 1 ? 'close-anyway' : response === 2 ? 'dont-close' : 'keep-waiting';
            if (guard.answered(answer)) closeAgain();
            else quitting = false;
          });
        return;
    }
  });
  window.on('close', () => saveWindowState(window));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function electronFilters(filters: readonly FileFilter[]): Electron.FileFilter[] {
  return filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  await fs.mkdir(userData, { recursive: true });

  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(request.url, RENDERER_DIR);
    if (resolved.kind === 'refused') {
      return new Response('Refused', {
        status: resolved.status,
        headers: appResponseHeaders('text/plain; charset=utf-8'),
      });
    }
    try {
      const body = await fs.readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeFor(resolved.filePath)) });
    } catch {
      if (path.basename(resolved.filePath) === 'index.html') {
        return new Response(MISSING_BUILD_PAGE, {
          status: 200,
          headers: appResponseHeaders('text/html; charset=utf-8'),
        });
      }
      return new Response('Not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
    }
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  const settings = createSettingsStore({ dir: userData, onProblem: report });
  const tokens = createTokenStore({ dir: userData, safeStorage, platform: process.platform, onProblem: report });
  await settings.get();
  registerBridgeHandlers(
    ipcMain,
    createBridgeHandlers({
      settings,
      tokens,
      appVersion: app.getVersion(),
      documentsDir: app.getPath('documents'),
      openedFiles,
      async showSaveDialog({ defaultPath, filters }) {
        const options: Electron.SaveDialogOptions = {
          defaultPath,
          filters: electronFilters(filters),
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        };
        const result = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      async showOpenDialog({ filters }) {
        const options: Electron.OpenDialogOptions = { filters: electronFilters(filters), properties: ['openFile'] };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    }),
    (message) => console.warn(`[soa-studio] ${message}`),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: APP_NAME,
        send: sendMenuCommand,
        development: !app.isPackaged,
      }),
    ),
  );

  createWindow();
  app.on('activate', () => {
    if (mainWindow === null) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

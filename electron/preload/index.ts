/**
 * The preload: exposes `window.soaDesktop`, the typed DesktopBridge, and nothing else of Node or Electron.
 * Each capability is a thin wrapper derived from DESKTOP_CHANNELS (the channel names live only in shared/).
 * `ipcRenderer` itself never reaches the page; the menu listener receives only validated MenuCommand values,
 * never the IPC event object. Runs sandboxed, so it is bundled to one CommonJS file with no Node imports.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  DESKTOP_CHANNELS,
  MENU_COMMANDS,
  type DesktopBridge,
  type DesktopEvents,
  type MenuCommand,
} from '../../shared/bridge/desktopBridge';

type InvokeCapability = Exclude<keyof DesktopBridge, DesktopEvents>;

/** A wrapper that forwards exactly the capability's arguments to its channel and returns the main's answer. */
function invoker<K extends InvokeCapability>(capability: K): DesktopBridge[K] {
  const channel = DESKTOP_CHANNELS[capability];
  const call = (...args: Parameters<DesktopBridge[K]>): Promise<unknown> => ipcRenderer.invoke(channel, ...args);
  return call as DesktopBridge[K];
}

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

const soaDesktop = {
  saveFile: invoker('saveFile'),
  openFile: invoker('openFile'),
  getSettings: invoker('getSettings'),
  setSettings: invoker('setSettings'),
  storeToken: invoker('storeToken'),
  getToken: invoker('getToken'),
  clearToken: invoker('clearToken'),
  appVersion: invoker('appVersion'),
  takeOpenedFiles: invoker('takeOpenedFiles'),
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const forward = (_event: unknown, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(DESKTOP_CHANNELS.menuCommand, forward);
    return () => {
      ipcRenderer.removeListener(DESKTOP_CHANNELS.menuCommand, forward);
    };
  },
  onFileOpened(listener: () => void): () => void {
    // No argument crosses: the page then asks for the files through takeOpenedFiles.
    const forward = (): void => listener();
    ipcRenderer.on(DESKTOP_CHANNELS.fileOpened, forward);
    return () => {
      ipcRenderer.removeListener(DESKTOP_CHANNELS.fileOpened, forward);
    };
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('soaDesktop', soaDesktop);

/**
 * The one object the Electron preload exposes to the page (as `window.soaDesktop`). The renderer uses it
 * when present and falls back to browser behaviour (download, file input, session-only token) when absent,
 * so the same build runs in the desktop app and in any browser. Every argument is validated again in the
 * main process; nothing else of Node or Electron reaches the page.
 *
 * DESKTOP_CHANNELS is the single map of IPC channels: the preload wrappers and the main-process handlers are
 * both derived from it, so no channel string is written twice.
 */

/** Application menu commands the main process sends to the page. */
export const MENU_COMMANDS = ['new-local-soa', 'join-partnership', 'export-word', 'preferences', 'help'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface SaveFileRequest {
  /** File name offered in the save dialog, e.g. "Highland SOA 2013-2023 (Draft).docx". */
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly filters: readonly FileFilter[];
}

export type SaveFileResult = { readonly saved: true; readonly path: string } | { readonly saved: false };

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Settings the desktop app keeps for the user (never secrets). */
export interface DesktopSettings {
  readonly relayUrl?: string;
  readonly lastSoaId?: string;
  readonly reduceMotion?: boolean;
}

/** Where the relay token is kept. 'session' means the OS has no secure store, so it is not written to disk. */
export type TokenStorage = 'secure' | 'session';

export interface DesktopBridge {
  /** Shows the native save dialog and writes the bytes where the user chose. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Shows the native open dialog; null when cancelled. */
  openFile(filters: readonly FileFilter[]): Promise<OpenedFile | null>;
  getSettings(): Promise<DesktopSettings>;
  setSettings(patch: DesktopSettings): Promise<DesktopSettings>;
  /** Keeps the relay token in the OS secret store (safeStorage), or for this session only where there is none. */
  storeToken(relayUrl: string, token: string): Promise<{ readonly storage: TokenStorage }>;
  getToken(relayUrl: string): Promise<string | null>;
  clearToken(relayUrl: string): Promise<void>;
  appVersion(): Promise<string>;
  /** Subscribes to application menu commands; returns a disposer. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The .soabundle files the desktop was asked to open (a double-click, a file on the command line) since last asked. */
  takeOpenedFiles(): Promise<OpenedFile[]>;
  /** Tells the page a file is waiting for takeOpenedFiles; returns a disposer. */
  onFileOpened(listener: () => void): () => void;
}

/** The bridge members that are events rather than request/response. */
export type DesktopEvents = 'onMenuCommand' | 'onFileOpened';

/** IPC channel names, one per bridge capability (invoke/handle), plus the menu event channel. */
export const DESKTOP_CHANNELS = {
  saveFile: 'soa:save-file',
  openFile: 'soa:open-file',
  getSettings: 'soa:get-settings',
  setSettings: 'soa:set-settings',
  storeToken: 'soa:store-token',
  getToken: 'soa:get-token',
  clearToken: 'soa:clear-token',
  appVersion: 'soa:app-version',
  takeOpenedFiles: 'soa:take-opened-files',
  menuCommand: 'soa:menu-command',
  fileOpened: 'soa:file-opened',
} as const satisfies Record<Exclude<keyof DesktopBridge, DesktopEvents> | 'menuCommand' | 'fileOpened', string>;

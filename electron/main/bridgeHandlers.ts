/**
 * The main-process side of the desktop bridge: one handler per capability, keyed like DESKTOP_CHANNELS so
 * the channel names are written once (in shared/). Each handler validates its raw IPC arguments before doing
 * anything; `registerBridgeHandlers` additionally refuses any sender that is not the app's own main frame.
 *
 * Electron is reached only through the small injected interfaces, so all of this runs in plain Node tests.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  DESKTOP_CHANNELS,
  type DesktopBridge,
  type DesktopEvents,
  type FileFilter,
} from '../../shared/bridge/desktopBridge';
import { isTrustedSender } from './appOrigin';
import { writeFileAtomic } from './atomicFile';
import type { OpenedFileQueue } from './openedFiles';
import type { SettingsStore } from './settingsStore';
import type { TokenStore } from './tokenStore';
import {
  BridgeArgumentError,
  expectArgs,
  MAX_FILE_BYTES,
  parseFilters,
  parseRelayUrl,
  parseSaveFileRequest,
  parseSettingsPatch,
  parseToken,
} from './validation';

/** Capabilities answered by request/response (everything but the menu subscription). */
export type InvokeCapability = Exclude<keyof DesktopBridge, DesktopEvents>;

export type BridgeHandlers = {
  readonly [K in InvokeCapability]: (...args: unknown[]) => Promise<Awaited<ReturnType<DesktopBridge[K]>>>;
};

export interface BridgeDeps {
  /** Native save dialog; resolves to the chosen path, or null when cancelled. */
  showSaveDialog(options: { defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
  /** Native open dialog (one file); resolves to the chosen path, or null when cancelled. */
  showOpenDialog(options: { filters: FileFilter[] }): Promise<string | null>;
  readonly settings: SettingsStore;
  readonly tokens: TokenStore;
  readonly appVersion: string;
  /** Where the save dialog starts (the user's Documents folder). */
  readonly documentsDir: string;
  /** .soabundle files the operating system asked the app to open, waiting for the page. */
  readonly openedFiles: OpenedFileQueue;
}

export function createBridgeHandlers(deps: BridgeDeps): BridgeHandlers {
  return {
    async saveFile(...args) {
      expectArgs(args, 1, 'saveFile');
      const request = parseSaveFileRequest(args[0]);
      const chosen = await deps.showSaveDialog({
        defaultPath: path.join(deps.documentsDir, request.suggestedName),
        filters: request.filters,
      });
      if (chosen === null) return { saved: false };
      // The path comes from the native dialog, i.e. from the user, not from the page.
      await writeFileAtomic(chosen, request.bytes, 0o644);
      return { saved: true, path: chosen };
    },
    async openFile(...args) {
      expectArgs(args, 1, 'openFile');
      const filters = parseFilters(args[0]);
      const chosen = await deps.showOpenDialog({ filters });
      if (chosen === null) return null;
      const stat = await fs.stat(chosen);
      if (!stat.isFile()) throw new Error('The chosen item is not a file.');
      if (stat.size > MAX_FILE_BYTES) throw new Error(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
      const bytes = await fs.readFile(chosen);
      return { name: path.basename(chosen), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    },
    async getSettings(...args) {
      expectArgs(args, 0, 'getSettings');
      return deps.settings.get();
    },
    async setSettings(...args) {
      expectArgs(args, 1, 'setSettings');
      return deps.settings.update(parseSettingsPatch(args[0]));
    },
    async storeToken(...args) {
      expectArgs(args, 2, 'storeToken');
      return deps.tokens.store(parseRelayUrl(args[0]), parseToken(args[1]));
    },
    async getToken(...args) {
      expectArgs(args, 1, 'getToken');
      return deps.tokens.get(parseRelayUrl(args[0]));
    },
    async clearToken(...args) {
      expectArgs(args, 1, 'clearToken');
      await deps.tokens.clear(parseRelayUrl(args[0]));
    },
    async appVersion(...args) {
      expectArgs(args, 0, 'appVersion');
      return deps.appVersion;
    },
    async takeOpenedFiles(...args) {
      expectArgs(args, 0, 'takeOpenedFiles');
      return deps.openedFiles.take();
    },
  };
}

/** The parts of an `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of `ipcMain` used to register handlers. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/**
 * Registers every handler on its channel from DESKTOP_CHANNELS. Calls from any frame other than the app's
 * main frame are refused before their arguments are looked at. Returns a disposer that removes them.
 */
export function registerBridgeHandlers(
  ipc: IpcMainLike,
  handlers: BridgeHandlers,
  onRefused: (message: string) => void = () => {},
): () => void {
  const capabilities = Object.keys(handlers) as InvokeCapability[];
  for (const capability of capabilities) {
    const channel = DESKTOP_CHANNELS[capability];
    const handler = handlers[capability];
    ipc.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null })) {
        onRefused(
          `Refused ${channel} from ${frame === null ? 'a closed frame' : JSON.stringify(frame.url.slice(0, 200))}`,
        );
        throw new UntrustedSenderError('Refused: not sent by SOA Studio.');
      }
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof BridgeArgumentError) onRefused(error.message);
        throw error;
      }
    });
  }
  return () => {
    for (const capability of capabilities) ipc.removeHandler(DESKTOP_CHANNELS[capability]);
  };
}

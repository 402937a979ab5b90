// The preload, run against a stand-in for Electron's renderer modules: it exposes exactly one object,
// `soaDesktop`, with one function per bridge capability forwarding to its DESKTOP_CHANNELS channel, and the
// menu subscription passes on only known commands (never the IPC event) and can be disposed.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, type DesktopBridge, type MenuCommand } from '../../shared/bridge/desktopBridge';

type Listener = (event: unknown, ...args: unknown[]) => void;
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  return {
    listeners,
    exposed: [] as [string, unknown][],
    invoked: [] as unknown[][],
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return `answer from ${String(args[0])}`;
    },
    on: (channel: string, listener: Listener) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
}));

let bridge: DesktopBridge;
beforeAll(async () => {
  await import('../../electron/preload/index');
  bridge = electron.exposed[0]?.[1] as DesktopBridge;
});

describe('preload', () => {
  it('exposes one object, window.soaDesktop, and nothing else', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['soaDesktop']);
  });

  it('has exactly one function per capability of the contract', () => {
    const { menuCommand: _menuCommand, fileOpened: _fileOpened, ...invokeChannels } = DESKTOP_CHANNELS;
    expect(Object.keys(bridge).sort()).toEqual(
      [...Object.keys(invokeChannels), 'onMenuCommand', 'onFileOpened'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('forwards each call, arguments unchanged, to its channel', async () => {
    const bytes = new Uint8Array([1, 2]);
    const request = { suggestedName: 'a.docx', bytes, filters: [] };
    await expect(bridge.saveFile(request)).resolves.toBe(`answer from ${DESKTOP_CHANNELS.saveFile}`);
    await bridge.storeToken('https://relay.example', 'tok');
    await bridge.getSettings();
    expect(electron.invoked).toEqual([
      [DESKTOP_CHANNELS.saveFile, request],
      [DESKTOP_CHANNELS.storeToken, 'https://relay.example', 'tok'],
      [DESKTOP_CHANNELS.getSettings],
    ]);
  });

  it('passes on only known menu commands, without the IPC event, until disposed', () => {
    const received: unknown[][] = [];
    const dispose = bridge.onMenuCommand((...args: unknown[]) => received.push(args));
    const emit = (...args: unknown[]) => {
      for (const listener of electron.listeners.get(DESKTOP_CHANNELS.menuCommand) ?? [])
        listener({ sender: 'ipc internals' }, ...args);
    };
    emit('export-word' satisfies MenuCommand);
    emit('rm -rf /');
    emit({ command: 'help' });
    expect(received).toEqual([['export-word']]);
    dispose();
    expect(electron.listeners.get(DESKTOP_CHANNELS.menuCommand)?.size).toBe(0);
    emit('help');
    expect(received).toHaveLength(1);
  });
});

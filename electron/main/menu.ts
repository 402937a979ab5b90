/**
 * The application menu. Commands that belong to the page (new local SOA, join, export, preferences, help)
 * are sent to it as `MenuCommand`s through `send`; editing, view and window items use Electron's roles so
 * the standard shortcuts behave as on every other app of the platform.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge/desktopBridge';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Delivers a command to the page (main window's webContents on DESKTOP_CHANNELS.menuCommand). */
  readonly send: (command: MenuCommand) => void;
  /** Developer tools and reload are offered only in a development build. */
  readonly development: boolean;
}

export function buildMenuTemplate({ platform, appName, send, development }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, menuCommand: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id: menuCommand,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => send(menuCommand),
  });
  const preferences = command(mac ? 'Settings…' : 'Preferences…', 'preferences', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            preferences,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New Local SOA', 'new-local-soa', 'CmdOrCtrl+N'),
      command('Join a Partnership…', 'join-partnership', 'CmdOrCtrl+Shift+J'),
      { type: 'separator' },
      command('Export to Word…', 'export-word', 'CmdOrCtrl+E'),
      { type: 'separator' },
      ...(mac
        ? [{ role: 'close' } as const]
        : [preferences, { type: 'separator' } as const, { role: 'quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(development
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = mac
    ? { role: 'windowMenu' }
    : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [command(`${appName} Help`, 'help', 'F1')],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

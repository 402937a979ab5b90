// The window's web preferences, its remembered position (clamped to a visible display), the application
// menu, and the quit handshake.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/bridge/desktopBridge';
import { buildMenuTemplate } from '../../electron/main/menu';
import { QuitGuard } from '../../electron/main/quitGuard';
import { appWebPreferences } from '../../electron/main/webPreferences';
import {
  clampWindowState,
  DEFAULT_SIZE,
  MIN_SIZE,
  parseSavedWindowState,
  type Rectangle,
} from '../../electron/main/windowState';

describe('web preferences', () => {
  const prefs = appWebPreferences('/app/electron/dist/preload.cjs', { development: false });
  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });
  it('opens developer tools only in a development run', () => {
    expect(prefs.devTools).toBe(false);
    expect(appWebPreferences('/app/electron/dist/preload.cjs', { development: true }).devTools).toBe(true);
  });
  it('keeps the web platform protections on and the risky extras off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
  it('uses the given preload and nothing else injects code', () => {
    expect(prefs.preload).toBe('/app/electron/dist/preload.cjs');
  });
});

describe('window state', () => {
  const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 875 };
  const monitorRight: Rectangle = { x: 1440, y: 0, width: 2560, height: 1400 };

  it('opens centred at the default size the first time', () => {
    expect(clampWindowState(null, [laptop])).toEqual({
      x: 80,
      y: 8,
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
      maximized: false,
    });
  });
  it('keeps a position that is visible', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(clampWindowState(saved, [laptop, monitorRight])).toEqual(saved);
  });
  it('brings back a window left on a monitor that is no longer attached', () => {
    const state = clampWindowState({ x: 1600, y: 100, width: 1400, height: 900, maximized: true }, [laptop]);
    expect(state.x).toBeGreaterThanOrEqual(0);
    expect(state.x + state.width).toBeLessThanOrEqual(laptop.width);
    expect(state.y + state.height).toBeLessThanOrEqual(laptop.height);
    expect(state.maximized).toBe(true);
  });
  it('pulls a window whose title bar is above the screen or barely visible back on', () => {
    expect(clampWindowState({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop])).toMatchObject({
      x: 220,
      y: 88,
    });
    const barely = clampWindowState({ x: laptop.width - 50, y: 10, width: 1000, height: 700, maximized: false }, [
      laptop,
    ]);
    expect(barely.x + barely.width).toBeLessThanOrEqual(laptop.width);
  });
  it('moves a partly visible window fully onto its display and shrinks it to fit', () => {
    expect(clampWindowState({ x: 1000, y: 300, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
  });
  it('enforces the minimum size', () => {
    expect(clampWindowState({ x: 10, y: 10, width: 10, height: 10, maximized: false }, [laptop])).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });
  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left: Rectangle = { x: -1920, y: -200, width: 1920, height: 1080 };
    const saved = { x: -1800, y: -100, width: 1200, height: 800, maximized: false };
    expect(clampWindowState(saved, [laptop, left])).toEqual(saved);
  });
  it('ignores a damaged state file', () => {
    for (const value of [
      null,
      'x',
      { x: 'a', y: 0, width: 1, height: 1 },
      { x: 0, y: 0, width: 0, height: 10 },
      { x: 1e9, y: 0, width: 100, height: 100 },
      { x: 0.5, y: 0, width: 100, height: 100 },
    ]) {
      expect(parseSavedWindowState(value)).toBeNull();
    }
    expect(parseSavedWindowState({ x: 1, y: 2, width: 800, height: 600 })).toEqual({
      x: 1,
      y: 2,
      width: 800,
      height: 600,
      maximized: false,
    });
  });
});

describe('application menu', () => {
  function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
  }
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    describe(platform, () => {
      const sent: MenuCommand[] = [];
      const template = buildMenuTemplate({
        platform,
        appName: 'SOA Studio',
        send: (command) => sent.push(command),
        development: false,
      });
      const items = flatten(template);

      it('offers every menu command once, and clicking sends it to the page', () => {
        for (const command of MENU_COMMANDS) {
          const matching = items.filter((item) => item.id === command);
          expect(matching, command).toHaveLength(1);
          (matching[0]?.click as () => void)();
          expect(sent.at(-1)).toBe(command);
        }
      });

      it('has the expected shortcuts, with no accelerator used twice', () => {
        const accelerators = Object.fromEntries(
          items.filter((item) => item.id).map((item) => [item.id, item.accelerator]),
        );
        expect(accelerators).toEqual({
          'new-local-soa': 'CmdOrCtrl+N',
          'join-partnership': 'CmdOrCtrl+Shift+J',
          'export-word': 'CmdOrCtrl+E',
          preferences: 'CmdOrCtrl+,',
          help: 'F1',
        });
        const all = items
          .map((item) => item.accelerator)
          .filter((accelerator): accelerator is string => typeof accelerator === 'string');
        expect(new Set(all).size).toBe(all.length);
      });

      it('has quit and the standard edit and view roles', () => {
        const roles = new Set(items.map((item) => item.role).filter(Boolean));
        for (const role of [
          'quit',
          'undo',
          'redo',
          'cut',
          'copy',
          'paste',
          'selectAll',
          'resetZoom',
          'zoomIn',
          'zoomOut',
          'togglefullscreen',
        ]) {
          expect(roles.has(role as never), role).toBe(true);
        }
      });

      it('hides developer tools and reload from users', () => {
        const roles = new Set(items.map((item) => item.role));
        expect(roles.has('toggleDevTools')).toBe(false);
        expect(roles.has('reload')).toBe(false);
      });
    });
  }

  it('puts the app menu first on macOS and offers developer tools in development', () => {
    const template = buildMenuTemplate({
      platform: 'darwin',
      appName: 'SOA Studio',
      send: () => {},
      development: true,
    });
    expect(template[0]?.label).toBe('SOA Studio');
    expect(flatten(template).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});

describe('quit handshake', () => {
  it('retries while the page is still saving, then asks; "keep waiting" starts a new wait', () => {
    let now = 0;
    const guard = new QuitGuard({ patienceMs: 1000, retryEveryMs: 100, now: () => now });
    expect(guard.refused()).toEqual({ kind: 'retry', delayMs: 100 });
    now = 999;
    expect(guard.refused()).toEqual({ kind: 'retry', delayMs: 100 });
    now = 1000;
    expect(guard.refused()).toEqual({ kind: 'ask' });
    expect(guard.refused()).toEqual({ kind: 'wait' });
    expect(guard.answered('keep-waiting')).toBe(true);
    now = 1500;
    expect(guard.refused()).toEqual({ kind: 'retry', delayMs: 100 });
  });
  it('"close anyway" overrides the next refusal; "don\'t close" stops trying', () => {
    let now = 0;
    const guard = new QuitGuard({ patienceMs: 10, now: () => now });
    guard.refused();
    now = 10;
    expect(guard.refused()).toEqual({ kind: 'ask' });
    expect(guard.answered('close-anyway')).toBe(true);
    expect(guard.refused()).toEqual({ kind: 'proceed' });

    const other = new QuitGuard({ patienceMs: 0 });
    expect(other.refused()).toEqual({ kind: 'ask' });
    expect(other.answered('dont-close')).toBe(false);
  });
});

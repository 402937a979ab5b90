// electron-builder.yml: valid against electron-builder's own schema, and the things that matter for a safe
// install: the app id, targets for each platform, fuses, files limited to the built app, the change-bundle
// file association and icons that exist.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(
    config: unknown,
    debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
  ): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraMetadata: { main: string };
  icon: string;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string }[];
  win: { target: { target: string }[] };
  mac: { target: { target: string }[] };
  linux: { target: string[] };
}
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('names the app and builds NSIS, dmg, AppImage and deb', () => {
    expect(config.appId).toBe('scot.soastudio.app');
    expect(config.productName).toBe('SOA Studio');
    expect(config.win.target.map((target) => target.target)).toEqual(['nsis']);
    expect(config.mac.target.map((target) => target.target)).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('flips the fuses that close the run-as-Node, inspector, NODE_OPTIONS and file:// doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it('packs only the built app, with main pointing at the bundle', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['electron/dist/**/*', 'renderer/dist/**/*', '!node_modules/**/*']),
    );
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual([
      'package.json',
      'electron/dist/**/*',
      'renderer/dist/**/*',
    ]);
    expect(config.extraMetadata.main).toBe('electron/dist/main.cjs');
  });

  it('associates change bundles and has its icons', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'soabundle', name: 'SOA Studio change bundle' }),
    ]);
    for (const [file, size] of [
      ['electron/build/icon.png', 512],
      ['electron/build/256x256.png', 256],
    ] as const) {
      const png = readFileSync(path.join(root, file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(existsSync(path.join(root, 'electron/build/icon.svg'))).toBe(true);
    expect(config.icon).toBe('electron/build/icon.png');
  });
});

/**
 * The user's desktop settings, kept as JSON in the app's data directory (injected, so tests use a temporary
 * directory). Never holds secrets: the relay token lives in the token store.
 *
 * A settings file that cannot be read (not JSON, wrong shape) is reported through `onProblem`, kept beside
 * the original as `settings.json.corrupt-<time>` for diagnosis, and replaced by defaults: a damaged file
 * must never stop the app from starting.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DesktopSettings } from '../../shared/bridge/desktopBridge';
import { writeFileAtomic } from './atomicFile';
import { parseStoredSettings } from './validation';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Promise<DesktopSettings>;
  /** Applies a validated patch (a key with `undefined` clears it), writes the file, returns the result. */
  update(patch: DesktopSettings): Promise<DesktopSettings>;
}

export interface SettingsStoreOptions {
  readonly dir: string;
  readonly onProblem?: (message: string) => void;
  readonly now?: () => Date;
}

export function createSettingsStore({
  dir,
  onProblem = () => {},
  now = () => new Date(),
}: SettingsStoreOptions): SettingsStore {
  const file = path.join(dir, SETTINGS_FILE);
  let current: Promise<DesktopSettings> | null = null;
  // Updates are serialised so two quick patches cannot interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<DesktopSettings> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      onProblem(`Settings could not be read (${(error as Error).message}); using defaults.`);
      return {};
    }
    try {
      return compact(parseStoredSettings(JSON.parse(text)));
    } catch (error) {
      const kept = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(file, kept).catch(() => undefined);
      onProblem(
        `Settings file was damaged (${(error as Error).message}); it was kept as ${kept} and defaults are used.`,
      );
      return {};
    }
  }

  function get(): Promise<DesktopSettings> {
    current ??= load();
    return current;
  }

  function update(patch: DesktopSettings): Promise<DesktopSettings> {
    const next = queue.then(async () => {
      const merged = compact({ ...(await get()), ...patch });
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(merged, null, 2)}\n`);
      current = Promise.resolve(merged);
      return merged;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return { get, update };
}

/** Drops keys whose value is undefined, so cleared settings leave the file. */
function compact(settings: DesktopSettings): DesktopSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as DesktopSettings;
}

/**
 * Change files the desktop was asked to open (a double-clicked .soabundle): taken from the bridge when the
 * workspace shows, and whenever the desktop says another arrived. In a browser there are none.
 */
import { useEffect, useState } from 'react';
import type { DesktopBridge } from '../../../shared/bridge/desktopBridge';
import { bridge } from '../store/catalogue';
import type { OpenedBundle } from './ChangeFilesDialog';

/** The waiting files as text (a change file is UTF-8 JSON). */
export async function takeOpenedBundles(desktop: DesktopBridge): Promise<OpenedBundle[]> {
  const files = await desktop.takeOpenedFiles();
  return files.map((file) => ({ name: file.name, text: new TextDecoder().decode(file.bytes) }));
}

/** The last file the desktop opened, or null; a new object each time one arrives. */
export function useOpenedBundles(): OpenedBundle | null {
  const [latest, setLatest] = useState<OpenedBundle | null>(null);
  useEffect(() => {
    const desktop = bridge();
    if (!desktop) return;
    let live = true;
    const take = () => {
      void takeOpenedBundles(desktop).then(
        (files) => {
          const last = files[files.length - 1];
          if (live && last) setLatest(last);
        },
        () => undefined,
      );
    };
    take();
    const dispose = desktop.onFileOpened(take);
    return () => {
      live = false;
      dispose();
    };
  }, []);
  return latest;
}

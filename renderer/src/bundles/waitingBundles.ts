/**
 * Change files the desktop was asked to open (a double-clicked .soabundle), held by the page until an SOA is
 * open to import them into. They are taken from the desktop as soon as the page starts (and whenever it says
 * another arrived), so the welcome screen can say a file is waiting, and the open SOA's "Change files" dialog
 * takes them one at a time. In a browser there are none.
 */
import { useSyncExternalStore } from 'react';
import type { DesktopBridge } from '../../../shared/bridge/desktopBridge';
import { bridge } from '../store/catalogue';
import type { OpenedBundle } from './ChangeFilesDialog';

let waiting: readonly OpenedBundle[] = [];
const listeners = new Set<() => void>();
let listening = false;

function changed(next: readonly OpenedBundle[]): void {
  waiting = next;
  for (const listener of listeners) listener();
}

/** The desktop's waiting files as text (a change file is UTF-8 JSON); the desktop hands each over once. */
export async function takeOpenedBundles(desktop: DesktopBridge): Promise<OpenedBundle[]> {
  const files = await desktop.takeOpenedFiles();
  return files.map((file) => ({ name: file.name, text: new TextDecoder().decode(file.bytes) }));
}

async function takeFromDesktop(desktop: DesktopBridge): Promise<void> {
  try {
    const files = await takeOpenedBundles(desktop);
    if (files.length > 0) changed([...waiting, ...files]);
  } catch {
    // The desktop reports a file it could not read itself; nothing is waiting here then.
  }
}

/** Starts taking files from the desktop, once per page. */
function listen(): void {
  const desktop = bridge();
  if (listening || !desktop) return;
  listening = true;
  void takeFromDesktop(desktop);
  desktop.onFileOpened(() => void takeFromDesktop(desktop));
}

function subscribe(listener: () => void): () => void {
  listen();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The change files waiting for an open SOA, oldest first. */
export function useWaitingBundles(): readonly OpenedBundle[] {
  return useSyncExternalStore(subscribe, () => waiting);
}

/** Takes the oldest waiting file (it is then the caller's to import), or null. */
export function takeWaitingBundle(): OpenedBundle | null {
  const [first, ...rest] = waiting;
  if (!first) return null;
  changed(rest);
  return first;
}

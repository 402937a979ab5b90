/**
 * The header's "Change files" button and its dialog; a .soabundle the desktop opened opens the dialog too,
 * one file at a time (the next when the dialog is closed).
 */
import { useEffect, useState } from 'react';
import { ChangeFilesDialog, type OpenedBundle } from './ChangeFilesDialog';
import { takeWaitingBundle, useWaitingBundles } from './waitingBundles';
import { useWorkspace } from '../hooks';
import { learnRelayKeyIfMissing } from './relayKeyMemory';

export function ChangeFilesButton() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<OpenedBundle | null>(null);
  const waiting = useWaitingBundles();
  const workspace = useWorkspace();
  useEffect(() => {
    // A membership from before relays signed latest files learns the key now, while there is a link.
    const access = workspace.relayAccess;
    if (access && navigator.onLine) void learnRelayKeyIfMissing(workspace.entry, access).catch(() => undefined);
  }, [workspace]);
  useEffect(() => {
    if (open || waiting.length === 0) return;
    setOpened(takeWaitingBundle());
    setOpen(true);
  }, [open, waiting]);
  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        Change files
      </button>
      {open && (
        <ChangeFilesDialog
          opened={opened}
          onClose={() => {
            setOpen(false);
            setOpened(null);
          }}
        />
      )}
    </>
  );
}

/** The header's "Change files" button and its dialog; a .soabundle the desktop opened opens the dialog too. */
import { useEffect, useState } from 'react';
import { ChangeFilesDialog, type OpenedBundle } from './ChangeFilesDialog';
import { useOpenedBundles } from './useOpenedBundles';
import { useWorkspace } from '../hooks';
import { learnRelayKeyIfMissing } from './relayKeyMemory';

export function ChangeFilesButton() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<OpenedBundle | null>(null);
  const arrived = useOpenedBundles();
  const workspace = useWorkspace();
  useEffect(() => {
    // A membership from before relays signed latest files learns the key now, while there is a link.
    const access = workspace.relayAccess;
    if (access && navigator.onLine) void learnRelayKeyIfMissing(workspace.entry, access).catch(() => undefined);
  }, [workspace]);
  useEffect(() => {
    if (!arrived) return;
    setOpened(arrived);
    setOpen(true);
  }, [arrived]);
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

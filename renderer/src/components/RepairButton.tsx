/**
 * The button that repairs rich text nested too deep to read (shared/model/repairNesting), for a partner's
 * section (UnreadableSection) and the frame's shared text (FrameRepairNotice). Each repair step goes to
 * the relay as its own update.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { repairOverDeepRichText } from '../../../shared/model';
import { useWorkspace } from '../hooks';

export function RepairButton({ doc, label }: { readonly doc: Y.Doc; readonly label: string }) {
  const workspace = useWorkspace();
  const [outcome, setOutcome] = useState<'idle' | 'working' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={outcome === 'working'}
        onClick={() => {
          setOutcome('working');
          // Let the button show it is working before the repair's transactions run.
          setTimeout(() => {
            try {
              // Each step goes to the relay as its own update (see repairOverDeepRichText).
              repairOverDeepRichText(doc, () => workspace.flushNow());
              setOutcome('idle');
            } catch {
              setOutcome('failed');
            }
          }, 0);
        }}
      >
        {outcome === 'working' ? 'Repairing…' : label}
      </button>
      {outcome === 'failed' && (
        <p role="alert">
          The repair did not finish. Reload the app and try again; if it fails again, send this SOA’s details to your
          support contact.
        </p>
      )}
    </>
  );
}

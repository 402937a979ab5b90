/**
 * The frame's counterpart of UnreadableSection: shared text (the vision, an outcome's evidence...) nested
 * deeper than MAX_RICH_TEXT_DEPTH reads as a note in its place (shared/model/frameRichText). The dashboard
 * says so once, and a coordinator can repair it; everyone else is told who can.
 */
import { useMemo, useState } from 'react';
import { hasOverDeepRichText, MAX_RICH_TEXT_DEPTH, repairOverDeepRichText } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';

export function FrameRepairNotice() {
  const workspace = useWorkspace();
  const { version } = useDocState();
  const [outcome, setOutcome] = useState<'idle' | 'working' | 'failed'>('idle');
  const frameDoc = workspace.docOf({ kind: 'frame' });
  // Read again only when the SOA changes; the depth walk stops at the limit.
  const tooDeep = useMemo(() => hasOverDeepRichText(frameDoc), [frameDoc, version]);
  if (!tooDeep) return null;
  const mine = workspace.canWrite({ kind: 'frame' });
  return (
    <div className="notice notice-warning" role="note" data-unreadable-frame="">
      <p className="notice-title">
        <strong>Some of the SOA’s shared text could not be read.</strong>
      </p>
      <p>It is nested more than {MAX_RICH_TEXT_DEPTH} levels deep, which no editor writes, so it shows as a note in its place and the Word export prints that note. The rest of the SOA is not affected.</p>
      {mine ? (
        <>
          <p>Repair it to read and edit it again: what lies below {MAX_RICH_TEXT_DEPTH} levels is removed; everything else is kept.</p>
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
                  repairOverDeepRichText(frameDoc, () => workspace.flushNow());
                  setOutcome('idle');
                } catch {
                  setOutcome('failed');
                }
              }, 0);
            }}
          >
            {outcome === 'working' ? 'Repairing…' : 'Repair the shared text'}
          </button>
          {outcome === 'failed' && <p role="alert">The repair did not finish. Reload the app and try again; if it fails again, send this SOA’s details to your support contact.</p>}
        </>
      ) : (
        <p>Ask your partnership’s coordinator to open the dashboard in SOA Studio and repair it.</p>
      )}
    </div>
  );
}

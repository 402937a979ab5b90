/**
 * A partner section whose room could not be read (shared/model/readRooms): said plainly, with what to do
 * next, in place of its content, so that one bad room never blanks or misstates the rest of the SOA. The
 * partner's own officers can repair nesting too deep to read (shared/model/repairNesting); everyone else is
 * told who can.
 */
import { useState } from 'react';
import { MAX_RICH_TEXT_DEPTH, repairOverDeepRichText, type PartnerView } from '../../../shared/model';
import { useWorkspace } from '../hooks';

export function UnreadableSection({ partner }: { readonly partner: PartnerView }) {
  const workspace = useWorkspace();
  const [outcome, setOutcome] = useState<'idle' | 'working' | 'failed'>('idle');
  const problem = partner.unreadable;
  if (!problem) return null;
  const owner = { kind: 'partner', partnerId: partner.id } as const;
  const mine = workspace.canWrite(owner);
  return (
    <div className="notice notice-warning unreadable-section" role="note" data-unreadable-partner={partner.id}>
      <p className="notice-title">
        <strong>This section could not be read.</strong>
      </p>
      <p>
        {problem.message} The rest of the SOA is not affected, and the Word export marks this section instead of printing it.
      </p>
      {mine && problem.reason === 'too-deep' && (
        <>
          <p>
            Repair it to read and edit it again: text nested more than {MAX_RICH_TEXT_DEPTH} levels deep is removed (no editor can write it); everything else in {partner.name}’s section is kept.
          </p>
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
                  repairOverDeepRichText(workspace.docOf(owner), () => workspace.flushNow());
                  setOutcome('idle');
                } catch {
                  setOutcome('failed');
                }
              }, 0);
            }}
          >
            {outcome === 'working' ? 'Repairing…' : `Repair ${partner.name}’s section`}
          </button>
          {outcome === 'failed' && <p role="alert">The repair did not finish. Reload the app and try again; if it fails again, send this SOA’s details to your support contact.</p>}
        </>
      )}
      {mine && problem.reason === 'damaged' && <p>Reload the app. If the section still cannot be read, it may have been written by a newer version of SOA Studio: update the app, or ask your support contact.</p>}
      {!mine && <p>Ask {partner.name}’s officers to open their section in SOA Studio and repair it. Until then its content is left out of the export.</p>}
    </div>
  );
}

/**
 * A partner section whose room could not be read (shared/model/readRooms): said plainly, with what to do
 * next, in place of its content, so that one bad room never blanks or misstates the rest of the SOA. The
 * partner's own officers can repair nesting too deep to read (shared/model/repairNesting); everyone else is
 * told who can.
 */
import { MAX_RICH_TEXT_DEPTH, type PartnerView } from '../../../shared/model';
import { useWorkspace } from '../hooks';
import { RepairButton } from './RepairButton';

export function UnreadableSection({ partner }: { readonly partner: PartnerView }) {
  const workspace = useWorkspace();
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
        {problem.message} The rest of the SOA is not affected, and the Word export marks this section instead of
        printing it.
      </p>
      {mine && problem.reason === 'too-deep' && (
        <>
          <p>
            Repair it to read and edit it again: text nested more than {MAX_RICH_TEXT_DEPTH} levels deep is removed (no
            editor can write it); everything else in {partner.name}’s section is kept.
          </p>
          <RepairButton doc={workspace.docOf(owner)} label={`Repair ${partner.name}’s section`} />
        </>
      )}
      {mine && problem.reason === 'damaged' && (
        <p>
          Reload the app. If the section still cannot be read, it may have been written by a newer version of SOA
          Studio: update the app, or ask your support contact.
        </p>
      )}
      {!mine && (
        <p>
          Ask {partner.name}’s officers to open their section in SOA Studio and repair it. Until then its content is
          left out of the export.
        </p>
      )}
    </div>
  );
}

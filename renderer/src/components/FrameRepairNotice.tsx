/**
 * The frame's counterpart of UnreadableSection: shared text (the vision, an outcome's evidence...) nested
 * deeper than MAX_RICH_TEXT_DEPTH reads as a note in its place (shared/model/frameRichText). The dashboard
 * says so once, and a coordinator can repair it; everyone else is told who can.
 */
import { useMemo } from 'react';
import { hasOverDeepRichText, MAX_RICH_TEXT_DEPTH } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import { RepairButton } from './RepairButton';

export function FrameRepairNotice() {
  const workspace = useWorkspace();
  const { version } = useDocState();
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
      <p>
        It is nested more than {MAX_RICH_TEXT_DEPTH} levels deep, which no editor writes, so it shows as a note in its
        place and the Word export prints that note. The rest of the SOA is not affected.
      </p>
      {mine ? (
        <>
          <p>
            Repair it to read and edit it again: what lies below {MAX_RICH_TEXT_DEPTH} levels is removed; everything
            else is kept.
          </p>
          <RepairButton doc={frameDoc} label="Repair the shared text" />
        </>
      ) : (
        <p>Ask your partnership’s coordinator to open the dashboard in SOA Studio and repair it.</p>
      )}
    </div>
  );
}

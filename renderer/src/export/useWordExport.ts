/** The export button's state: run the Word export for the whole SOA or one partner's part, with progress. */
import { useCallback, useState } from 'react';
import type { PartnerId } from '../../../shared/model';
import { todayIso } from '../../../shared/text/dates';
import { useWorkspace } from '../hooks';
import { exportToWord, type ExportProgress } from './exportWord';

export type ExportScope = { readonly kind: 'whole' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };

export function useWordExport() {
  const workspace = useWorkspace();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const busy = progress !== null;
  const runExport = useCallback(
    async (scope: ExportScope, kind: 'submission' | 'review' = 'submission') => {
      if (busy) return;
      setMessage(null);
      setProgress({ fraction: 0, stage: 'Starting' });
      try {
        const snapshot = workspace.refreshNow().soa;
        // The comment rooms may not all be read yet (they are read after the first screen).
        if (kind === 'review') await workspace.startComments();
        const threads = kind === 'review' ? workspace.comments.readNow().threads : undefined;
        const result = await exportToWord(
          snapshot,
          { scope, generatedOn: todayIso(), author: snapshot.meta.partnershipName || workspace.identity.name },
          setProgress,
          threads,
        );
        setMessage(
          result.cancelled
            ? 'Export cancelled.'
            : result.savedTo
              ? `Saved ${result.fileName} to ${result.savedTo}.`
              : `Downloaded ${result.fileName}.`,
        );
      } catch (error) {
        setMessage(`The Word file could not be made: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        setProgress(null);
      }
    },
    [busy, workspace],
  );
  return { runExport, progress, message, busy };
}

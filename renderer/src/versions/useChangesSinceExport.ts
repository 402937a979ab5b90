/**
 * "Export changes since …": the SOA now, with its differences from a named version as Word tracked changes
 * (shared/export/tracked), each change by the member who made it (from the relay's comparison). Needs the
 * relay (the version and who changed what are kept there); the code of the export is fetched on first use.
 */
import { useCallback, useState } from 'react';
import type { VersionRecord } from '../../../shared/api/versions';
import { todayIso } from '../../../shared/text/dates';
import { saveWordFile } from '../export/exportWord';
import { useWorkspace } from '../hooks';
import { comparisonModel } from './comparisonModel';
import { versionDocs } from './versionDocs';
import { keptVersionDocuments } from './keptVersionDocuments';
import { fetchComparison } from './versionsApi';
import { versionContent } from './versionContentCache';

export function safeName(text: string): string {
  return (
    text
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'version'
  );
}

export function useChangesSinceExport() {
  const workspace = useWorkspace();
  const [exportMessage, setMessage] = useState<string | null>(null);
  const [exportBusy, setBusy] = useState(false);
  const runChangesExport = useCallback(
    async (version: VersionRecord) => {
      const access = workspace.relayAccess;
      if (!access)
        return setMessage(
          'Connect to the relay to export the changes: the version and who changed what are kept there.',
        );
      setBusy(true);
      setMessage(`Making the Word file with the changes since "${version.name}"…`);
      try {
        const compared = await fetchComparison(access, workspace.soaId, version.versionId, null);
        // The version's document is made once per export date and kept, in this session and on this computer (a
        // version never changes), so its content is read and exported only for the first export.
        const now = workspace.refreshNow().soa;
        const { exportChangesSinceDocx, optionsKey } = await import('../../../shared/export/tracked');
        const options = {
          scope: { kind: 'whole' as const },
          generatedOn: todayIso(),
          author: now.meta.partnershipName || workspace.identity.name,
        };
        // What an earlier session made for this version and these options, kept on this computer.
        const kept = await keptVersionDocuments(access.url, workspace.soaId, version.versionId, optionsKey(options));
        const source = {
          versionId: version.versionId,
          read: async () =>
            versionDocs(await versionContent(access.url, access, workspace.soaId, version.versionId)).snapshot,
          ...(kept ? { durable: kept } : {}),
        };
        const bytes = await exportChangesSinceDocx(source, now, options, comparisonModel(compared));
        const fileName = `${safeName(now.meta.title || 'SOA')} - changes since ${safeName(version.name)}.docx`;
        const result = await saveWordFile(bytes, fileName);
        setMessage(
          result.cancelled
            ? 'Export cancelled.'
            : result.savedTo
              ? `Saved ${result.fileName} to ${result.savedTo}.`
              : `Downloaded ${result.fileName}.`,
        );
      } catch (error) {
        setMessage(
          `The Word file with the changes could not be made: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        setBusy(false);
      }
    },
    [workspace],
  );
  return { runChangesExport, exportMessage, exportBusy };
}

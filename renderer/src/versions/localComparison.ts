/**
 * A comparison made on this computer when the relay cannot be asked: the version as it was kept here (a
 * version opened once is kept, versionContentCache.ts) against this computer's copy of the SOA, unsent edits
 * included, or against another kept version. It says which words changed in which sections, not who changed
 * them: that is in the relay's audit, which this computer does not have.
 */
import type * as Y from 'yjs';
import type { ComparisonResponse } from '../../../shared/api/versionContent';
import { compareDocs } from '../../../shared/compare';
import { frameRoom, partnerRoom } from '../../../shared/model';
import type { Workspace } from '../store/workspace';
import { keptVersion } from './versionContentCache';
import { versionDocs } from './versionDocs';

/** This computer's copy of every room of the SOA: the frame and each partner's room. */
function roomsOnThisComputer(workspace: Workspace): Map<string, Y.Doc> {
  const rooms = new Map<string, Y.Doc>([[frameRoom(workspace.soaId), workspace.docOf({ kind: 'frame' })]]);
  for (const partner of workspace.getDocState().soa.partners)
    rooms.set(partnerRoom(workspace.soaId, partner.id), workspace.docOf({ kind: 'partner', partnerId: partner.id }));
  return rooms;
}

const notKept = (what: string) =>
  `${what} has not been opened on this computer yet, so it cannot be compared without the relay. Open it once while connected, and it will be kept on this computer.`;

export async function compareOnThisComputer(
  workspace: Workspace,
  fromVersionId: string,
  toVersionId: string | null,
): Promise<ComparisonResponse> {
  const relayUrl = workspace.entry.relayUrl;
  const from = relayUrl ? await keptVersion(relayUrl, workspace.soaId, fromVersionId) : null;
  if (!from) throw new Error(notKept('The version'));
  const to = toVersionId && relayUrl ? await keptVersion(relayUrl, workspace.soaId, toVersionId) : null;
  if (toVersionId && !to) throw new Error(notKept('The later version'));
  const before = versionDocs(from);
  const after = to ? versionDocs(to) : null;
  try {
    const { sections } = compareDocs(before.rooms, after ? after.rooms : roomsOnThisComputer(workspace));
    return {
      from: from.version,
      to: to?.version ?? null,
      sections: sections.map((section) => ({
        key: section.key,
        title: section.title,
        room: section.room,
        changedBy: [],
        pieces: section.pieces.map((piece) => ({ kind: piece.kind, text: piece.text })),
      })),
    };
  } finally {
    // The version's documents are this comparison's own (never the workspace's rooms).
    for (const doc of [...before.rooms.values(), ...(after?.rooms.values() ?? [])]) doc.destroy();
  }
}

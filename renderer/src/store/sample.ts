/**
 * The sample SOA on this computer: generated once by shared/sample (a fixed seed, so everyone's sample is
 * the same), stored in IndexedDB, and from then on an ordinary local SOA. The generator is loaded on demand
 * (a dynamic import): it is needed once per computer, never for the first screen.
 */
import * as Y from 'yjs';
import { todayIso } from '../../../shared/text/dates';
import type { PartnerId } from '../../../shared/model';
import { listWorkspaces, saveWorkspace, type WorkspaceEntry } from './catalogue';
import { openWorkspace } from './open';
import { Workspace } from './workspace';

export const SAMPLE_SEED = 2013;

export async function openSampleSoa(seed = SAMPLE_SEED): Promise<Workspace> {
  const existing = listWorkspaces().find((entry) => entry.kind === 'sample');
  if (existing) return openWorkspace(existing);
  const { generateSampleSoa } = await import('../../../shared/sample/generateSample');
  // Let the "Preparing" message paint before the generator runs.
  await new Promise((resolve) => setTimeout(resolve, 0));
  // Dated from today, so the sample's sign-off round is under way rather than years overdue.
  const sample = generateSampleSoa({ seed, today: todayIso() });
  const entry: WorkspaceEntry = {
    soaId: sample.soaId,
    kind: 'sample',
    title: sample.title,
    openedAt: new Date().toISOString(),
  };
  const workspace = new Workspace(entry, { kind: 'local', name: 'You' });
  await workspace.whenLoaded();
  const partnerUpdates = new Map<PartnerId, Uint8Array>();
  for (const [partnerId, doc] of sample.partnerDocs) partnerUpdates.set(partnerId, Y.encodeStateAsUpdate(doc));
  workspace.loadContent(Y.encodeStateAsUpdate(sample.frame), partnerUpdates);
  sample.frame.destroy();
  for (const doc of sample.partnerDocs.values()) doc.destroy();
  await workspace.whenLoaded();
  saveWorkspace(entry);
  return workspace;
}

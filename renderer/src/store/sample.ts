/** The sample SOA on this computer: generated once by shared/sample, then an ordinary local SOA. */
import { listWorkspaces } from './catalogue';
import { openWorkspace } from './open';
import type { Workspace } from './workspace';

export async function openSampleSoa(): Promise<Workspace> {
  const existing = listWorkspaces().find((entry) => entry.kind === 'sample');
  if (existing) return openWorkspace(existing);
  throw new Error('The sample SOA is not available in this build yet.');
}

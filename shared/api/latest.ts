/**
 * GET /api/soas/<soaId>/latest (Authorization: Bearer <token>): a latest file of the SOA
 * (shared/bundle/latestFile.ts), for a member of its partnership to save for an officer with no link.
 */
const LATEST_PATH = /^\/api\/soas\/([A-Za-z0-9_-]{1,64})\/latest$/;

export function soaLatestPath(soaId: string): string {
  return `/api/soas/${encodeURIComponent(soaId)}/latest`;
}

/** The SOA id of a latest-file path, or null for any other path. */
export function soaIdOfLatestPath(rawPath: string): string | null {
  return LATEST_PATH.exec(rawPath)?.[1] ?? null;
}

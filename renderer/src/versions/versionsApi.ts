/**
 * The relay's versions and history endpoints (shared/api/versions.ts, shared/api/versionContent.ts), with
 * the member's Bearer token. Every answer is validated before use (the relay is outside the app's trust
 * boundary) and every failure is said in words the officer can act on.
 */
import { apiErrorSchema } from '../../../shared/api/session';
import {
  comparePath,
  comparisonResponseSchema,
  versionContentSchema,
  versionPath,
  type ComparisonResponse,
  type VersionContentResponse,
} from '../../../shared/api/versionContent';
import {
  historyResponseSchema,
  versionListSchema,
  versionRecordSchema,
  type HistoryResponse,
  type VersionRecord,
} from '../../../shared/api/versions';
import type { z } from 'zod';

export interface RelayAccess {
  readonly url: string;
  readonly token: string;
}

/** Thrown when the relay could not be asked at all (offline, unreachable): a cached answer may stand in. */
export class RelayUnreachable extends Error {}

export const OFFLINE = 'You are offline, so the relay cannot be asked now.';

async function call<T>(access: RelayAccess, path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new RelayUnreachable(OFFLINE);
  let response: Response;
  try {
    response = await fetch(`${access.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${access.token}`, 'Content-Type': 'application/json' },
      cache: 'no-store',
    });
  } catch {
    throw new RelayUnreachable(`Could not reach the relay at ${access.url}. Check your connection and try again.`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new Error(error.success ? error.data.error : `The relay answered with an error (${response.status}).`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error('The relay sent an answer this version of SOA Studio does not understand.');
  return parsed.data;
}

const soaPath = (soaId: string, what: string) => `/api/soas/${encodeURIComponent(soaId)}/${what}`;

export async function fetchVersions(access: RelayAccess, soaId: string): Promise<VersionRecord[]> {
  return (await call(access, soaPath(soaId, 'versions'), versionListSchema)).versions;
}

export function recordVersion(access: RelayAccess, soaId: string, name: string): Promise<VersionRecord> {
  return call(access, soaPath(soaId, 'versions'), versionRecordSchema, {
    method: 'POST',
    body: JSON.stringify({ name }),
  });
}

export function fetchHistory(access: RelayAccess, soaId: string): Promise<HistoryResponse> {
  return call(access, soaPath(soaId, 'history'), historyResponseSchema);
}

export function fetchVersionContent(
  access: RelayAccess,
  soaId: string,
  versionId: string,
): Promise<VersionContentResponse> {
  return call(access, versionPath(soaId, versionId), versionContentSchema);
}

export function fetchComparison(
  access: RelayAccess,
  soaId: string,
  from: string,
  to: string | null,
): Promise<ComparisonResponse> {
  return call(access, comparePath(soaId, from, to), comparisonResponseSchema);
}

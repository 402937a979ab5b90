/**
 * Beside "Agreed to an earlier version": a link to the comparison with the named version the partner agreed
 * to (the latest version recorded when it agreed), when the agreement names one and the app knows it.
 */
import type { EffectiveSignOff } from '../../../shared/model';
import { routeHash } from '../routes';
import { useVersions, useVersionStore } from './useVersions';

export function AgreedVersionLink({
  partnerName,
  signOff,
}: {
  readonly partnerName: string;
  readonly signOff: EffectiveSignOff;
}) {
  const store = useVersionStore();
  const versionId = signOff.versionId ?? null;
  if (signOff.state !== 'agreed-earlier-version' || !versionId) return null;
  const version = store.get().list?.value.find((candidate) => candidate.versionId === versionId);
  return (
    <p>
      <a href={routeHash({ kind: 'compare', from: versionId, to: null })}>
        What changed since {version ? `"${version.name}"` : 'the version'}, the latest version when {partnerName} agreed
      </a>
    </p>
  );
}

/** The latest named version this computer knows of (null: none, or an SOA on this computer only); fetched as the page opens. */
export function useLatestVersionId(): () => string | null {
  const { store } = useVersions();
  return () => store.get().list?.value.at(-1)?.versionId ?? null;
}

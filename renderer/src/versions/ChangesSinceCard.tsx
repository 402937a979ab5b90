/**
 * On the dashboard: "Changes since the submitted draft" one click away. The latest named version is the one
 * offered (a draft sent to the Government is normally recorded just before it goes); any other is chosen on
 * the Versions page. Nothing for an SOA on this computer only, which has no versions.
 */
import { useWorkspace } from '../hooks';
import { routeHash } from '../routes';
import { useVersions } from './useVersions';
import { formatWhen } from './when';

export function ChangesSinceCard() {
  const workspace = useWorkspace();
  if (workspace.entry.kind !== 'relay') return null;
  return <LatestVersion />;
}

function LatestVersion() {
  const { state } = useVersions();
  const latest = state.list?.value.at(-1) ?? null;
  return (
    <section className="card" aria-labelledby="dash-versions">
      <h2 id="dash-versions">Versions</h2>
      {latest ? (
        <p>
          <a
            className="button button-secondary"
            href={routeHash({ kind: 'compare', from: latest.versionId, to: null })}
          >
            Changes since "{latest.name}"
          </a>{' '}
          <span className="quiet">recorded {formatWhen(latest.createdAt)}.</span>{' '}
          <a href={routeHash({ kind: 'versions' })}>Choose another version</a>
        </p>
      ) : (
        <p>
          No named version yet. <a href={routeHash({ kind: 'versions' })}>Versions</a>
        </p>
      )}
    </section>
  );
}

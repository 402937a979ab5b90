/**
 * The Versions page: the SOA's named versions (from the relay; offline, the list last fetched, saying when),
 * recording one (coordinators), and from each: view it read-only, compare it with now, export the changes
 * since it as Word tracked changes. Two versions can be compared with each other.
 */
import { useId, useState } from 'react';
import { routeHash } from '../routes';
import { useNavigation, useWorkspace } from '../hooks';
import { RecordVersion } from './RecordVersion';
import { useVersions } from './useVersions';
import { useChangesSinceExport } from './useChangesSinceExport';
import { formatWhen } from './when';
import '../styles/versions.css';

export function VersionsPage() {
  const workspace = useWorkspace();
  if (workspace.entry.kind !== 'relay') {
    return (
      <section className="card">
        <p>Named versions are kept by the partnership's relay. This SOA is on this computer only, so it has none.</p>
      </section>
    );
  }
  return <RelayVersions />;
}

function RelayVersions() {
  const workspace = useWorkspace();
  const { state, store } = useVersions();
  const coordinator = workspace.identity.kind === 'member' && workspace.identity.role === 'coordinator';
  const versions = [...(state.list?.value ?? [])].reverse();
  const { runChangesExport, exportMessage, exportBusy } = useChangesSinceExport();
  return (
    <>
      {coordinator && <RecordVersion store={store} state={state} />}
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Named versions</h2>
        <p role="status" aria-live="polite" className="quiet">
          {state.loading
            ? 'Fetching the versions from the relay…'
            : state.offline && state.list
              ? `You are offline or the relay cannot be reached: this is the list fetched ${formatWhen(state.list.fetchedAt)}.`
              : state.list
                ? `Fetched from the relay ${formatWhen(state.list.fetchedAt)}.`
                : ''}
        </p>
        {/* Offline is said once, in the status line above; a refusal or a damaged answer is a problem. */}
        {state.problem && !(state.offline && state.list) && (
          <p className="problem" role="alert">
            {state.problem}
          </p>
        )}
        {state.list && versions.length === 0 && (
          <p>No version has been recorded yet. {coordinator ? 'Record one above.' : 'A coordinator records them.'}</p>
        )}
        {!state.list && !state.loading && (
          <p>The versions have not been fetched on this computer yet. Connect to see them.</p>
        )}
        {versions.length > 0 && (
          <table className="versions-table">
            <caption className="visually-hidden">Named versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Recorded</th>
                <th scope="col">By</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.versionId}>
                  <th scope="row">{version.name}</th>
                  <td>{formatWhen(version.createdAt)}</td>
                  <td>{version.createdByName}</td>
                  <td className="version-actions">
                    <a href={routeHash({ kind: 'version', id: version.versionId })}>
                      View<span className="visually-hidden"> "{version.name}"</span>
                    </a>
                    <a href={routeHash({ kind: 'compare', from: version.versionId, to: null })}>
                      Compare with now<span className="visually-hidden">: "{version.name}"</span>
                    </a>
                    <button
                      type="button"
                      className="button button-quiet"
                      disabled={exportBusy}
                      onClick={() => void runChangesExport(version)}
                    >
                      Export changes since<span className="visually-hidden"> "{version.name}" to Word</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p role="status" aria-live="polite">
          {exportMessage}
        </p>
      </section>
      {versions.length > 1 && <CompareTwo versions={versions} />}
    </>
  );
}

function CompareTwo({
  versions,
}: {
  readonly versions: readonly { readonly versionId: string; readonly name: string; readonly createdAt: string }[];
}) {
  const navigation = useNavigation();
  const fromId = useId();
  const toId = useId();
  const oldestFirst = [...versions].reverse();
  const [from, setFrom] = useState(oldestFirst[0]?.versionId ?? '');
  const [to, setTo] = useState(versions[0]?.versionId ?? '');
  const rank = (id: string) => oldestFirst.findIndex((version) => version.versionId === id);
  const wrongOrder = rank(to) <= rank(from);
  return (
    <section className="card" aria-labelledby="compare-two-heading">
      <h2 id="compare-two-heading">Compare two versions</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!wrongOrder) navigation.go({ kind: 'compare', from, to });
        }}
      >
        <div className="field">
          <label htmlFor={fromId}>Earlier version</label>
          <select id={fromId} value={from} onChange={(event) => setFrom(event.target.value)}>
            {oldestFirst.map((version) => (
              <option key={version.versionId} value={version.versionId}>
                {version.name} ({formatWhen(version.createdAt)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>Later version</label>
          <select id={toId} value={to} onChange={(event) => setTo(event.target.value)}>
            {oldestFirst.map((version) => (
              <option key={version.versionId} value={version.versionId}>
                {version.name} ({formatWhen(version.createdAt)})
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button button-secondary"
          aria-describedby={wrongOrder ? 'compare-order' : undefined}
        >
          Compare
        </button>
      </form>
      {wrongOrder && (
        <p id="compare-order" className="field-hint">
          Choose a later version that was recorded after the earlier one.
        </p>
      )}
    </section>
  );
}

/**
 * A coordinator records a named version. The request is kept on this computer first and sent like an edit:
 * at once when the relay can be reached, otherwise when the connection comes back. The version holds the SOA
 * as the relay has stored it when the relay records it, and the form says so.
 */
import { useId, useState, type FormEvent } from 'react';
import { MAX_VERSION_NAME } from '../../../shared/api/versions';
import type { VersionsState, VersionStore } from './versionStore';
import { formatWhen } from './when';

export function RecordVersion({ store, state }: { readonly store: VersionStore; readonly state: VersionsState }) {
  const inputId = useId();
  const hintId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) return setError('Give the version a name, such as "Draft submitted to the Scottish Government".');
    if (clean.length > MAX_VERSION_NAME)
      return setError(`The name is longer than ${MAX_VERSION_NAME} characters; shorten it.`);
    setError(null);
    setName('');
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    setSaid(
      offline
        ? `"${clean}" is waiting on this computer and will be recorded when you are connected.`
        : `Recording "${clean}"…`,
    );
    void store.request(clean).then(() => {
      const waiting = store.get().pending.some((pending) => pending.name === clean);
      setSaid(
        waiting
          ? `"${clean}" is waiting on this computer and will be recorded when the relay can be reached.`
          : `"${clean}" has been recorded.`,
      );
    });
  };
  return (
    <section className="card" aria-labelledby="record-version-heading">
      <h2 id="record-version-heading">Record a version</h2>
      <p id={hintId}>
        A version keeps the whole SOA exactly as the relay has stored it at the moment the relay records it. Edits still
        on their way to the relay (from this computer or another) are not in it. Nothing is ever changed or removed by
        recording one.
      </p>
      <form onSubmit={submit} className="record-version-form" noValidate>
        <label htmlFor={inputId}>Name of the version</label>
        <input
          id={inputId}
          className="text-input"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Draft submitted to the Scottish Government"
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
        />
        <button type="submit" className="button">
          Record this version
        </button>
      </form>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <p role="status" aria-live="polite" className="quiet">
        {said}
      </p>
      {state.pending.length > 0 && (
        <div className="notice notice-warning">
          <h3 className="notice-title">Waiting to be recorded</h3>
          <p>
            These are on this computer only. Each is recorded when the relay can be reached, with the SOA as the relay
            has it then.
          </p>
          <ul>
            {state.pending.map((pending) => (
              <li key={pending.requestId}>
                "{pending.name}", asked for {formatWhen(pending.requestedAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

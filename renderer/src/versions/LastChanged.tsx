/** "Last changed by <name> (<partner>), <when>" under a section's title, from the relay's history (offline: as last fetched). */
import { useDocState, useWorkspace } from '../hooks';
import type { Route } from '../routes';
import { lastChange } from './lastChange';
import { useHistory } from './useHistory';
import { formatWhen } from './when';
import '../styles/versions.css';

export function LastChanged({ route }: { readonly route: Route }) {
  const workspace = useWorkspace();
  if (workspace.entry.kind !== 'relay') return null;
  return <LastChangedLine route={route} />;
}

function LastChangedLine({ route }: { readonly route: Route }) {
  const { soa } = useDocState();
  const { history } = useHistory();
  const entry = history ? lastChange(history.value.entries, route, soa) : null;
  if (!entry) return null;
  return (
    <p className="last-changed">
      Last changed by {entry.memberName}
      {entry.partnerName ? ` (${entry.partnerName})` : ''}, {formatWhen(entry.to)}
    </p>
  );
}

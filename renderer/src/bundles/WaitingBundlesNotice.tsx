/**
 * On the welcome screen: a change file the desktop was asked to open waits for an SOA to import it into, and
 * the officer is told so, and what to do, rather than seeing nothing happen.
 */
import { useWaitingBundles } from './waitingBundles';

export function WaitingBundlesNotice() {
  const waiting = useWaitingBundles();
  if (waiting.length === 0) return null;
  const what =
    waiting.length === 1
      ? `The change file “${waiting[0]?.name}” is waiting to be imported.`
      : `${waiting.length} change files are waiting to be imported.`;
  return (
    <p className="notice" role="status">
      {what} Open the SOA it belongs to below, or join your partnership, and SOA Studio will import it then. Importing
      needs a connection to the partnership’s relay.
    </p>
  );
}

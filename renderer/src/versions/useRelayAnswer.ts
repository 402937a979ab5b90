/** One answer from the relay for a page (a version's content, a comparison): loading, the answer, or why not. */
import { useEffect, useState } from 'react';
import { useWorkspace } from '../hooks';
import type { RelayAccess } from './versionsApi';

export type RelayAnswer<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string };

export function useRelayAnswer<T>(ask: (access: RelayAccess) => Promise<T>, key: string): RelayAnswer<T> {
  const workspace = useWorkspace();
  const [answer, setAnswer] = useState<RelayAnswer<T>>({ kind: 'loading' });
  const access = workspace.relayAccess;
  useEffect(() => {
    if (!access) {
      setAnswer({
        kind: 'failed',
        message: 'This needs the partnership’s relay: connect (with your invite token) and try again.',
      });
      return;
    }
    let cancelled = false;
    setAnswer({ kind: 'loading' });
    ask(access).then(
      (value) => !cancelled && setAnswer({ kind: 'ready', value }),
      (error: unknown) =>
        !cancelled && setAnswer({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
    // `ask` is a new function each render; the key says when the question changed.
  }, [key, access?.url, access?.token]);
  return answer;
}

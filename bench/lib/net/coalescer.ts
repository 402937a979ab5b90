/**
 * A bench-only stand-in for the renderer's keystroke coalescing with a configurable window, applied to a
 * stock WebsocketProvider the same way RoomConnection does it (the provider's per-update handler is replaced
 * by one that merges local updates and sends them at most every `windowMs`). Used to find which window
 * would meet the "at most half the messages" goal; the product code stays in renderer/src/sync.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { encodeSyncUpdate } from '../../../shared/protocol/messages';

/**
 * `trailing` (what RoomConnection does): the first local update starts a window and everything in it is sent
 * at its end. `leading` (a throttle): the first update after a quiet spell is sent at once, then whatever
 * accumulates is sent once per window while typing continues, so a lone keystroke is not delayed at all.
 */
export type CoalesceMode = 'trailing' | 'leading';

export function coalesce(
  provider: WebsocketProvider,
  doc: Y.Doc,
  windowMs: number,
  mode: CoalesceMode = 'trailing',
): () => void {
  doc.off('update', provider._updateHandler);
  let buffer: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (mode === 'trailing') timer = null;
    if (buffer.length === 0) return;
    const merged = buffer.length === 1 ? (buffer[0] as Uint8Array) : Y.mergeUpdates(buffer);
    buffer = [];
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== 1) return; // the next sync exchange carries it
    ws.send(encodeSyncUpdate(merged));
  };
  const tick = (): void => {
    timer = null;
    if (buffer.length === 0) return;
    flush();
    timer = setTimeout(tick, windowMs);
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return;
    buffer.push(update);
    if (timer !== null) return;
    if (mode === 'trailing') timer = setTimeout(flush, windowMs);
    else {
      flush();
      timer = setTimeout(tick, windowMs);
    }
  };
  doc.on('update', onUpdate);
  return () => {
    if (timer) clearTimeout(timer);
    flush();
    doc.off('update', onUpdate);
  };
}

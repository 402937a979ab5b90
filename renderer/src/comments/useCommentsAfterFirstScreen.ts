/**
 * Starts reading the comment rooms once the first screen is complete: the SOA's own rooms are read, nothing
 * on the page is still loading (aria-busy: the editor's chunk), the screen has been painted, and then the
 * browser's next idle moment
 * (commentRoomLoader.ts). Reading them earlier made opening an SOA with 1,000 comments 1.2-1.3x slower;
 * until they are read the outline and dashboard show the counts this computer last read.
 */
import { useEffect, useRef } from 'react';
import { useDocState, useWorkspace } from '../hooks';

const CHECK_EVERY_MS = 50;
/** A page that never completes (an SOA whose rooms never arrive) still gets its comments read after this. */
const MAX_WAIT_MS = 3_000;

export function useCommentsAfterFirstScreen(): void {
  const workspace = useWorkspace();
  const { ready } = useDocState();
  const mountedAt = useRef(performance.now());
  useEffect(() => {
    if (!workspace.hasComments) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frame = 0;
    const check = () => {
      const complete = ready && document.querySelector('[aria-busy="true"]') === null;
      if (complete || performance.now() - mountedAt.current > MAX_WAIT_MS) {
        timer = null;
        // Once the complete screen has been painted (the frame after next), not while it is being drawn.
        frame = requestAnimationFrame(() => {
          frame = requestAnimationFrame(() => void workspace.startComments());
        });
      } else timer = setTimeout(check, CHECK_EVERY_MS);
    };
    check();
    return () => {
      if (timer !== null) clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [workspace, ready]);
}

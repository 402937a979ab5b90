/**
 * The passages of one field that open comments are on, as a list a keyboard and screen-reader user can
 * reach: the marks in the text (passageHighlights.ts) are paint only, so a screen reader hears neither that
 * nor where they are. Each passage can be selected in the text (focus goes there) or its comment opened.
 */
import { useId, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { CommentThread } from '../../../shared/model';
import { routeHash } from '../routes';
import { sectionRoute, threadElementId } from './commentText';
import { passageRange } from './passageHighlights';

/** ProseMirror puts its own selection back shortly after it gains focus; the passage is selected after that. */
const AFTER_FOCUS_MS = 50;

export function PassageList({
  threads,
  container,
  fragment,
}: {
  readonly threads: readonly CommentThread[];
  readonly container: RefObject<HTMLElement | null>;
  readonly fragment: Y.XmlFragment;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const count = threads.length;

  const select = (thread: CommentThread) => {
    const element = container.current;
    const range = element && thread.anchor ? passageRange(element, fragment, thread.anchor) : null;
    if (!element || !range) {
      setMessage('That passage is not in the text on the page any more.');
      return;
    }
    const root = element.querySelector<HTMLElement>('.ProseMirror, .rich-view');
    const start = range.startContainer.parentElement;
    // The editor takes focus itself; read-only text gets it on the paragraph the passage starts in.
    const target = root?.isContentEditable ? root : (start?.closest<HTMLElement>('p, li, td, th, h2, h3') ?? root);
    if (target && !target.isContentEditable && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target?.focus({ preventScroll: true });
    start?.scrollIntoView({ block: 'center' });
    setTimeout(() => {
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setMessage(`Selected in the text: “${range.toString()}”.`);
    }, AFTER_FOCUS_MS);
  };

  return (
    <div className="passage-list">
      <button
        type="button"
        className="button button-quiet passage-list-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {count === 1
          ? 'One passage of this text has an open comment'
          : `${count} passages of this text have open comments`}
      </button>
      {/* Drawn only when open: a field under heavy review can have a hundred. */}
      <ul id={listId} className="passage-list-items" hidden={!open}>
        {open &&
          threads.map((thread) => (
            <li key={thread.key}>
              <q className="passage-list-quote">{thread.passage?.text ?? ''}</q>{' '}
              <span className="comment-meta">{thread.author.name}</span>{' '}
              {/* Named with the words, as the list has a pair of these per passage; the name begins with what
                  the control shows. */}
              <button
                type="button"
                className="button button-quiet"
                aria-label={`Select in the text: “${thread.passage?.text ?? ''}”`}
                onClick={() => select(thread)}
              >
                Select in the text
              </button>{' '}
              <a
                href={routeHash(sectionRoute(thread.section), threadElementId(thread.key))}
                aria-label={`Go to the comment on “${thread.passage?.text ?? ''}”`}
              >
                Go to the comment
              </a>
            </li>
          ))}
      </ul>
      <p className="visually-hidden" role="status">
        {message}
      </p>
    </div>
  );
}

/**
 * The comments on the page's section: open discussions first, resolved ones on request, and a form to start
 * one on the whole section or on some of its words (selected on the page, or typed for keyboard users).
 */
import { useId, useState } from 'react';
import {
  commentSectionKey,
  fieldFragment,
  type CommentAnchor,
  type CommentSection,
  type PartnerId,
} from '../../../shared/model';
import { useComments, useNavigation, useWorkspace } from '../hooks';
import { CommentForm } from './CommentForm';
import { ThreadView } from './ThreadView';
import { threadElementId } from './commentText';
import { anchorWords, currentFieldSelection, fieldsOnPage, type FieldSelection } from './passageSelection';

/** A section under heavy review shows its first discussions at once and the rest on request. */
const FIRST_SHOWN = 20;

export function CommentsPanel({ section }: { readonly section: CommentSection }) {
  const workspace = useWorkspace();
  const { threads, loaded, counts, countsKnown } = useComments();
  const headingId = useId();
  const wordsId = useId();
  const [writing, setWriting] = useState(false);
  const [words, setWords] = useState('');
  const [selected, setSelected] = useState<FieldSelection | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const key = commentSectionKey(section);
  const here = threads.filter((thread) => commentSectionKey(thread.section) === key);
  const open = here.filter((thread) => thread.state === 'open');
  // A link to one discussion (from a home page, or a field's list of passages) shows it even past the first.
  const focus = useNavigation().location.focus;
  const linkedPastFirst = open.findIndex((thread) => threadElementId(thread.key) === focus) >= FIRST_SHOWN;
  const showEvery = showAll || linkedPastFirst;
  // Until the comment rooms are read (just after the first screen), the count this computer last read.
  const openCount = loaded ? open.length : (counts.bySection.get(key) ?? 0);
  const resolved = here.filter((thread) => thread.state === 'resolved');
  const mine = workspace.comments.mine();

  const takeSelection = () => {
    const selection = currentFieldSelection();
    if (!selection) {
      setMessage('Select some words in the text of this page first, then choose "Use the selected words".');
      return;
    }
    setSelected(selection);
    setWords(selection.words.trim());
    setMessage(null);
  };

  /** The passage the words name, in the field they were selected in, else the first field holding them. */
  const anchorFor = (text: string): CommentAnchor | null | 'not-found' => {
    if (!text.trim()) return null;
    const partnerDoc = (partnerId: string) => workspace.docOf({ kind: 'partner', partnerId: partnerId as PartnerId });
    const frame = workspace.docOf({ kind: 'frame' });
    const candidates =
      selected && selected.words.trim() === text.trim() ? [selected.field, ...fieldsOnPage()] : fieldsOnPage();
    for (const field of candidates) {
      const fragment = fieldFragment(field, frame, partnerDoc);
      if (!fragment) continue;
      const near =
        selected && selected.field.path === field.path && selected.field.partnerId === field.partnerId
          ? selected.start
          : null;
      const anchor = anchorWords(fragment, field, text, near);
      if (anchor) return anchor;
    }
    return 'not-found';
  };

  return (
    <section className="card comments-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Comments{' '}
        <span className="comments-count">
          ({!countsKnown ? 'counting…' : openCount === 1 ? '1 open' : `${openCount} open`})
        </span>
      </h2>
      {(!loaded || !countsKnown) && (
        <p className="field-hint" role="status">
          {loaded
            ? 'Counting comments: fetching every member’s comments from the relay…'
            : 'Reading the comments on this computer…'}
        </p>
      )}
      {loaded && countsKnown && open.length === 0 && <p className="field-hint">No open comments on this section.</p>}
      {(showEvery ? open : open.slice(0, FIRST_SHOWN)).map((thread) => (
        <ThreadView key={thread.key} thread={thread} />
      ))}
      {!showEvery && open.length > FIRST_SHOWN && (
        <button type="button" className="button button-quiet" onClick={() => setShowAll(true)}>
          Show all {open.length} open comments
        </button>
      )}
      {resolved.length > 0 && (
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={showResolved}
          onClick={() => setShowResolved(!showResolved)}
        >
          {showResolved ? 'Hide' : 'Show'} resolved comments ({resolved.length})
        </button>
      )}
      {showResolved && resolved.map((thread) => <ThreadView key={thread.key} thread={thread} />)}
      {mine &&
        (writing ? (
          <CommentForm
            label="Your comment"
            submitLabel="Add comment"
            initial=""
            initialMentions={[]}
            onCancel={() => setWriting(false)}
            onSubmit={(body, mentions) => {
              const anchor = anchorFor(words);
              if (anchor === 'not-found') {
                setMessage(
                  `The words “${words.trim()}” are not in the text of this page. Check them, or leave the box empty to comment on the whole section.`,
                );
                return;
              }
              try {
                mine.startThread({ section, anchor, body, mentions });
                setWriting(false);
                setWords('');
                setSelected(null);
                setMessage(
                  anchor ? 'Your comment on those words was added.' : 'Your comment on this section was added.',
                );
              } catch (error) {
                setMessage(error instanceof Error ? error.message : String(error));
              }
            }}
          >
            <label htmlFor={wordsId} className="field-label">
              The words you are commenting on (optional)
            </label>
            <p className="field-hint" id={`${wordsId}-hint`}>
              Leave empty to comment on the whole section. Select words in the text and choose “Use the selected words”,
              or type or paste them.
            </p>
            <input
              id={wordsId}
              type="text"
              value={words}
              aria-describedby={`${wordsId}-hint`}
              onChange={(event) => setWords(event.target.value)}
            />
            <button
              type="button"
              className="button button-quiet"
              onMouseDown={(event) => event.preventDefault()}
              onClick={takeSelection}
            >
              Use the selected words
            </button>
          </CommentForm>
        ) : (
          <div className="comment-actions">
            <button
              type="button"
              className="button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                // Words selected on the page become the passage at once.
                const selection = currentFieldSelection();
                setSelected(selection);
                setWords(selection?.words.trim() ?? '');
                setMessage(null);
                setWriting(true);
              }}
            >
              Add a comment
            </button>
          </div>
        ))}
      {loaded && !mine && workspace.hasComments && (
        <p className="field-hint">
          Your comments will be available once this computer has your comment room from the relay.
        </p>
      )}
      <p className="field-hint comment-status" role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}

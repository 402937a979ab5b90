/**
 * One discussion: the first comment (with the words it is about, or "on deleted text"), its replies, and
 * what I may do: reply, edit or delete my own words, resolve (the section's owner or the author), reopen.
 */
import { useId, useState } from 'react';
import {
  mayResolve,
  type CommentMember,
  type CommentThread,
  type MemberId,
  type PartnerId,
} from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import { useConfirm } from '../components/Dialog';
import { authorLine, commentTime, threadElementId } from './commentText';
import { CommentForm } from './CommentForm';

type Mode =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reply'; readonly reopens: boolean }
  | { readonly kind: 'edit'; readonly id: string; readonly body: string };

export function ThreadView({ thread }: { readonly thread: CommentThread }) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const headingId = useId();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const mine = workspace.comments.mine();
  const identity = workspace.identity;
  const me = identity.kind === 'member' ? (identity.memberId as MemberId) : null;
  const meAsMember: CommentMember | undefined =
    identity.kind === 'member'
      ? { id: identity.memberId as MemberId, name: identity.name, partnerId: identity.partnerId, role: identity.role }
      : undefined;
  const partnerName = (id: PartnerId) => soa.partners.find((partner) => partner.id === id)?.name ?? 'a former partner';
  const canResolve = mine !== null && me !== null && mayResolve(me, meAsMember, thread.owner, thread.author.memberId);
  const run = (action: () => void, done: string) => {
    try {
      action();
      setMessage(done);
      setMode({ kind: 'idle' });
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  const remove = async (id: string, what: string) => {
    if (!mine) return;
    const yes = await confirm({
      title: `Delete your ${what}?`,
      message: (
        <p>
          Its words are removed for everyone.{' '}
          {what === 'comment' ? 'The whole discussion goes with it.' : 'The discussion stays.'}
        </p>
      ),
      confirmLabel: 'Delete',
      cancelLabel: 'Keep it',
    });
    if (yes) run(() => mine.delete(id), `Your ${what} was deleted.`);
  };
  const mentioned = thread.mentions.map(partnerName);
  return (
    <article
      id={threadElementId(thread.key)}
      className={`comment-thread comment-${thread.state}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <h3 id={headingId} className="comment-heading">
        {thread.state === 'resolved' ? 'Resolved comment' : 'Comment'} by {authorLine(thread.author, partnerName)}
      </h3>
      {thread.passage && (
        <p className="comment-passage">
          {thread.passage.onDeletedText ? (
            <>
              <span className="badge comment-deleted-text">On deleted text</span> “{thread.anchor?.quote}”
            </>
          ) : (
            <>
              On the words “
              {thread.passage.text.length > 300 ? `${thread.passage.text.slice(0, 300)}…` : thread.passage.text}”
            </>
          )}
        </p>
      )}
      <p className="comment-meta">
        {commentTime(thread.at)}
        {thread.editedAt !== null && ' (edited)'}
        {mentioned.length > 0 && ` · Mentions ${mentioned.join(', ')}`}
      </p>
      <p className="comment-body">{thread.body}</p>
      {thread.author.memberId === me && mine && mode.kind === 'idle' && (
        <div className="comment-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setMode({ kind: 'edit', id: thread.id, body: thread.body })}
          >
            Edit your comment
          </button>
          <button type="button" className="button button-quiet" onClick={() => void remove(thread.id, 'comment')}>
            Delete your comment
          </button>
        </div>
      )}
      {mode.kind === 'edit' && mode.id === thread.id && mine && (
        <CommentForm
          label="Your comment"
          submitLabel="Save the change"
          initial={thread.body}
          initialMentions={[]}
          onCancel={() => setMode({ kind: 'idle' })}
          onSubmit={(body, mentions) =>
            run(
              () => mine.edit(thread.id, body, mentions.length > 0 ? mentions : undefined),
              'Your comment was changed.',
            )
          }
        />
      )}
      {thread.replies.length > 0 && (
        <ol className="comment-replies" aria-label="Replies">
          {thread.replies.map((reply) => (
            <li key={reply.id} className="comment-reply">
              <p className="comment-meta">
                <strong>{authorLine(reply.author, partnerName)}</strong> · {commentTime(reply.at)}
                {reply.editedAt !== null && !reply.deleted && ' (edited)'}
                {reply.reopens && ' · reopened the discussion'}
              </p>
              <p className="comment-body">{reply.deleted ? <em>This reply was deleted.</em> : reply.body}</p>
              {reply.author.memberId === me && mine && !reply.deleted && mode.kind === 'idle' && (
                <div className="comment-actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => setMode({ kind: 'edit', id: reply.id, body: reply.body })}
                  >
                    Edit your reply
                  </button>
                  <button type="button" className="button button-quiet" onClick={() => void remove(reply.id, 'reply')}>
                    Delete your reply
                  </button>
                </div>
              )}
              {mode.kind === 'edit' && mode.id === reply.id && mine && (
                <CommentForm
                  label="Your reply"
                  submitLabel="Save the change"
                  initial={reply.body}
                  initialMentions={[]}
                  onCancel={() => setMode({ kind: 'idle' })}
                  onSubmit={(body, mentions) =>
                    run(
                      () => mine.edit(reply.id, body, mentions.length > 0 ? mentions : undefined),
                      'Your reply was changed.',
                    )
                  }
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {thread.state === 'resolved' && thread.stateBy && (
        <p className="comment-meta">
          Resolved by {authorLine(thread.stateBy, partnerName)}
          {thread.stateAt !== null && ` on ${commentTime(thread.stateAt)}`}
        </p>
      )}
      {mine && mode.kind === 'idle' && (
        <div className="comment-actions">
          {thread.state === 'open' ? (
            <>
              <button type="button" className="button" onClick={() => setMode({ kind: 'reply', reopens: false })}>
                Reply
              </button>
              {canResolve && (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => run(() => mine.resolve(thread.key), 'The discussion is resolved.')}
                >
                  Resolve
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setMode({ kind: 'reply', reopens: true })}
            >
              Reopen with a reply
            </button>
          )}
        </div>
      )}
      {mode.kind === 'reply' && mine && (
        <CommentForm
          label={mode.reopens ? 'Why reopen it?' : 'Your reply'}
          submitLabel={mode.reopens ? 'Reopen' : 'Send reply'}
          initial=""
          initialMentions={[]}
          onCancel={() => setMode({ kind: 'idle' })}
          onSubmit={(body, mentions) =>
            run(
              () => mine.reply(thread.key, body, { mentions, reopens: mode.reopens }),
              mode.reopens ? 'The discussion is open again.' : 'Your reply was added.',
            )
          }
        />
      )}
      <p className="field-hint comment-status" role="status" aria-live="polite">
        {message}
      </p>
      {confirmDialog}
    </article>
  );
}

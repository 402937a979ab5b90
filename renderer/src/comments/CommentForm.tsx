/** Writing a comment or a reply: the words, and optionally a partner to mention (its officers see it at home). */
import { useId, useState, type ReactNode } from 'react';
import { MAX_COMMENT_LENGTH, type PartnerId } from '../../../shared/model';
import { useDocState } from '../hooks';

interface CommentFormProps {
  readonly label: string;
  readonly submitLabel: string;
  readonly initial: string;
  readonly initialMentions: readonly PartnerId[];
  readonly onSubmit: (body: string, mentions: PartnerId[]) => void;
  readonly onCancel?: () => void;
  /** Extra fields above the words (the passage, for a new thread). */
  readonly children?: ReactNode;
}

export function CommentForm({
  label,
  submitLabel,
  initial,
  initialMentions,
  onSubmit,
  onCancel,
  children,
}: CommentFormProps) {
  const { soa } = useDocState();
  const bodyId = useId();
  const mentionId = useId();
  const [body, setBody] = useState(initial);
  const [mention, setMention] = useState<string>(initialMentions[0] ?? '');
  return (
    <form
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(body, mention ? [mention as PartnerId] : []);
      }}
    >
      {children}
      <label htmlFor={bodyId} className="field-label">
        {label}
      </label>
      <textarea
        id={bodyId}
        className="comment-textarea"
        rows={3}
        maxLength={MAX_COMMENT_LENGTH}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        autoFocus
      />
      <label htmlFor={mentionId} className="field-label">
        Mention a partner (optional)
      </label>
      <select id={mentionId} value={mention} onChange={(event) => setMention(event.target.value)}>
        <option value="">Nobody</option>
        {soa.partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
      <div className="comment-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

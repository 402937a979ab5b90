/**
 * An outcome's tags (funding streams, themes): suggested ones and the coordinators' own.
 */
import { useState } from 'react';
import type { OutcomeView } from '../../../../shared/model';
import { useWorkspace } from '../../hooks';

const SUGGESTED_TAGS = ['Fairer Scotland Fund', 'Early years', 'Equally Well', 'Achieving Our Potential', 'Prevention'];

/** Free tags on an outcome, such as the funding stream it draws on ("Fairer Scotland Fund"). */
export function OutcomeTags({ outcome, readOnly }: { readonly outcome: OutcomeView; readonly readOnly: boolean }) {
  const workspace = useWorkspace();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const frame = workspace.frameCommands;
  const add = () => {
    const tag = draft.trim();
    if (!tag) {
      setError('Type a tag first.');
      return;
    }
    if (outcome.tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) {
      setError(`“${tag}” is already a tag of this outcome.`);
      return;
    }
    frame.setOutcomeTag(outcome.id, tag, true);
    setDraft('');
    setError(null);
  };
  return (
    <fieldset>
      <legend>Tags</legend>
      {outcome.tags.length === 0 ? (
        <p className="empty-note">No tags.</p>
      ) : (
        <ul className="tag-list" aria-label="Tags of this outcome">
          {outcome.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span className="tag-text">{tag}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => {
                    frame.setOutcomeTag(outcome.id, tag, false);
                    requestAnimationFrame(() => document.getElementById(`outcome-tag-input-${outcome.id}`)?.focus());
                  }}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <div className="field">
            <label htmlFor={`outcome-tag-input-${outcome.id}`}>Add a tag</label>
            <p className="field-hint" id={`outcome-tag-hint-${outcome.id}`}>
              For example a funding stream such as Fairer Scotland Fund.
            </p>
            {error && (
              <p className="field-error" id={`outcome-tag-error-${outcome.id}`}>
                {error}
              </p>
            )}
            <input
              id={`outcome-tag-input-${outcome.id}`}
              list={`outcome-tag-suggestions-${outcome.id}`}
              value={draft}
              maxLength={100}
              aria-invalid={error ? true : undefined}
              aria-describedby={`outcome-tag-hint-${outcome.id}${error ? ` outcome-tag-error-${outcome.id}` : ''}`}
              onChange={(event) => setDraft(event.target.value)}
            />
            <datalist id={`outcome-tag-suggestions-${outcome.id}`}>
              {SUGGESTED_TAGS.filter((tag) => !outcome.tags.includes(tag)).map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </div>
          <button type="submit" className="button button-secondary">
            Add tag
          </button>
        </form>
      )}
    </fieldset>
  );
}

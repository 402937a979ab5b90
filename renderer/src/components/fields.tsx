/**
 * Form fields bound to one value of the model. A field keeps what the officer is typing in local state and
 * commits it on blur or Enter, so a remote change never moves the caret or steals focus; while the field
 * is not being edited it shows the shared value.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onCommit: (value: string) => void;
  readonly readOnly?: boolean;
  readonly id?: string;
  readonly multiline?: boolean;
  readonly hint?: string;
  readonly className?: string;
  readonly hideLabel?: boolean;
  readonly type?: 'text' | 'date' | 'url';
}

export function TextField({ label, value, onCommit, readOnly, id, multiline, hint, className, hideLabel, type = 'text' }: TextFieldProps) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  const commit = () => {
    editing.current = false;
    if (draft !== value) onCommit(draft);
  };
  const common = {
    id: fieldId,
    value: draft,
    readOnly,
    'aria-describedby': hintId,
    onFocus: () => {
      editing.current = true;
    },
    onBlur: commit,
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => setDraft(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          onChange={(event) => {
            setDraft(event.target.value);
            if (type === 'date') {
              editing.current = false;
              if (event.target.value !== value) onCommit(event.target.value);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') {
              editing.current = false;
              setDraft(value);
            }
          }}
        />
      )}
    </div>
  );
}

interface NumberFieldProps {
  readonly label: string;
  readonly value: number | null;
  readonly onCommit: (value: number | null) => void;
  readonly readOnly?: boolean;
  readonly hideLabel?: boolean;
  readonly integer?: boolean;
}

/** A number or blank. Text that is not a number is not committed and is flagged. */
export function NumberField({ label, value, onCommit, readOnly, hideLabel, integer }: NumberFieldProps) {
  const id = useId();
  const shown = value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(shown);
  }, [shown]);
  const commit = () => {
    editing.current = false;
    const text = draft.trim().replace(/,/g, '');
    if (text === '') {
      setInvalid(false);
      if (value !== null) onCommit(null);
      return;
    }
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (parsed !== value) onCommit(parsed);
  };
  return (
    <div className="field field-number">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={draft}
        readOnly={readOnly}
        aria-invalid={invalid || undefined}
        onFocus={() => {
          editing.current = true;
        }}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
    </div>
  );
}

interface CheckboxProps {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  readonly description?: ReactNode;
}

export function Checkbox({ label, checked, onChange, disabled, description }: CheckboxProps) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>
        {label}
        {description && <span className="checkbox-description">{description}</span>}
      </label>
    </div>
  );
}

interface SelectProps {
  readonly label: string;
  readonly value: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean;
  readonly hideLabel?: boolean;
  readonly id?: string;
}

export function Select({ label, value, options, onChange, disabled, hideLabel, id }: SelectProps) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <div className="field">
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={fieldId} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The banner on a section the officer cannot write. */
export function WrittenBy({ owner }: { readonly owner: string }) {
  return (
    <p className="written-by">
      <span className="written-by-tag">Read only</span> Written by {owner}. You can read this section but not change it.
    </p>
  );
}

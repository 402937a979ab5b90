/**
 * Form fields bound to one value of the model. Every keystroke reaches the document at once (so it is on
 * this computer's disk, counted as unsent, and travels to the others while the officer types), and what
 * the field shows is always what the document holds: nothing is kept only on screen.
 *
 * - TextField: plain text. Bound to a Y.Text (titles, notes, statements), it merges with others' typing by
 *   character and keeps the caret in place when their text arrives; otherwise it writes the whole value.
 * - FigureField: a figure kept as typed ("£120,000", "Maintain"), saying in words what the app makes of it.
 * - A field the officer may not change shows its text, not a read-only input: easier to read, never cut
 *   off, and not a stop for the Tab key.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { transformPosition } from '../../../shared/model';
import { describeFigure, parseFigure, type FigureKind } from '../../../shared/text/figures';
import { writeAsTyping } from '../store/typingScope';

/** A plain-text field's Y.Text and how to write it (the page's command, with the 'typing' origin). */
export interface BoundText {
  readonly text: Y.Text | null;
  readonly write: (value: string) => void;
  readonly limit: number;
}

interface TextFieldProps {
  readonly label: string;
  /** Read after the label by screen readers only ("Source", then " of Households in fuel poverty"). */
  readonly labelDetail?: string;
  /** The value as the snapshot has it (what a reader sees, and a writer before the Y.Text has any text). */
  readonly value: string;
  /** Writes a plain (last-writer-wins) value on every change. Not used when `bound` is given. */
  readonly onChange?: (value: string) => void;
  readonly bound?: BoundText;
  /** The most characters the field holds, for a plain field (a bound one carries its own). */
  readonly limit?: number;
  readonly readOnly?: boolean;
  readonly id?: string;
  readonly multiline?: boolean;
  readonly hint?: string;
  readonly className?: string;
  readonly hideLabel?: boolean;
  /** What a reader sees when the field is empty. */
  readonly emptyText?: string;
}

export function TextField({
  label,
  labelDetail,
  value,
  onChange,
  bound,
  limit,
  readOnly,
  id,
  multiline,
  hint,
  className,
  hideLabel,
  emptyText = 'Not written yet.',
}: TextFieldProps) {
  if (readOnly)
    return (
      <ReadOnlyValue
        label={label}
        value={value}
        hideLabel={hideLabel}
        multiline={multiline}
        emptyText={emptyText}
        className={className}
      />
    );
  return (
    <EditableText
      label={label}
      labelDetail={labelDetail}
      value={value}
      onChange={onChange}
      bound={bound}
      limit={limit}
      id={id}
      multiline={multiline}
      hint={hint}
      className={className}
      hideLabel={hideLabel}
    />
  );
}

/** A value shown as text. With a visible label it reads as "Label" then the value; in a table cell, just the value. */
export function ReadOnlyValue({
  label,
  value,
  hideLabel,
  multiline,
  emptyText = 'Not written yet.',
  className,
}: {
  readonly label: string;
  readonly value: string;
  readonly hideLabel?: boolean;
  readonly multiline?: boolean;
  readonly emptyText?: string;
  readonly className?: string;
}) {
  const shown = value.trim() ? (
    <span className={multiline ? 'readonly-text readonly-multiline' : 'readonly-text'}>{value}</span>
  ) : (
    <span className="readonly-text empty-note">{emptyText}</span>
  );
  if (hideLabel) return shown;
  return (
    <div className={`field field-readonly ${className ?? ''}`}>
      <span className="field-label">{label}</span>
      {shown}
    </div>
  );
}

function EditableText({
  label,
  labelDetail,
  value,
  onChange,
  bound,
  limit,
  id,
  multiline,
  hint,
  className,
  hideLabel,
}: Omit<TextFieldProps, 'readOnly' | 'emptyText'>) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  const element = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [shown, setShown, pendingSelection] = useBoundValue(bound?.text ?? null, value, element);
  const max = bound?.limit ?? limit ?? null;
  const [refusal, setRefusal] = useState<string | null>(null);
  const change = (next: string) => {
    // Refuse, and say so, an edit that would pass the limit; never cut what was typed or pasted.
    if (max !== null && next.length > max && next.length > shown.length) {
      setRefusal(
        `That would make it ${next.length.toLocaleString('en-GB')} characters; the most it can be is ${max.toLocaleString('en-GB')}. Nothing was added: shorten it first.`,
      );
      return;
    }
    setRefusal(null);
    pendingSelection.current = null;
    setShown(next);
    if (bound) bound.write(next);
    else if (onChange) writeAsTyping(() => onChange(next));
  };
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const countId = `${fieldId}-count`;
  const describedBy = [hintId, max !== null ? countId : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id: fieldId,
    ref: element,
    value: shown,
    'aria-describedby': describedBy,
    'aria-invalid': refusal ? true : undefined,
    onChange: (event: { target: { value: string } }) => change(event.target.value),
    // A plain field shows the shared value again once the officer leaves it.
    onBlur: () => {
      if (!bound) setShown(value);
    },
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
        {labelDetail && <span className="visually-hidden">{labelDetail}</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" />}
      {max !== null && <LengthCount id={countId} length={shown.length} limit={max} refusal={refusal} />}
    </div>
  );
}

/**
 * The count of characters once a field is near its limit. The visible count follows each keystroke; what a
 * screen reader hears changes only when the field comes near the limit, reaches it, or an edit is refused.
 */
function LengthCount({
  id,
  length,
  limit,
  refusal,
}: {
  readonly id: string;
  readonly length: number;
  readonly limit: number;
  readonly refusal: string | null;
}) {
  const near = length >= limit * 0.9;
  const left = limit - length;
  const announcement =
    refusal ??
    (length >= limit
      ? `At the limit of ${limit.toLocaleString('en-GB')} characters.`
      : near
        ? 'Near the limit of characters.'
        : '');
  return (
    <>
      <p id={id} className={`field-count${near || refusal ? ' field-count-near' : ''}`} hidden={!near && !refusal}>
        {refusal ??
          `${length.toLocaleString('en-GB')} of ${limit.toLocaleString('en-GB')} characters${left > 0 ? ` (${left.toLocaleString('en-GB')} left)` : ': the limit'}.`}
      </p>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}

/**
 * What a text field shows: the Y.Text's content (or the snapshot's value while it has none), kept in step
 * with others' typing. When their text arrives while the officer is in the field, the caret moves with the
 * text around it instead of jumping to the end.
 */
function useBoundValue(
  ytext: Y.Text | null,
  value: string,
  element: React.RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
) {
  const read = () => (ytext && ytext.length > 0 ? ytext.toString() : value);
  const [shown, setShown] = useState(read);
  const pendingSelection = useRef<[number, number] | null>(null);
  const focused = () => element.current !== null && element.current === element.current.ownerDocument.activeElement;
  useEffect(() => {
    if (!ytext) return;
    setShown(ytext.length > 0 ? ytext.toString() : value);
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const next = ytext.toString();
      const input = element.current;
      if (!transaction.local && input && focused()) {
        pendingSelection.current = [
          transformPosition(event.delta, input.selectionStart ?? 0),
          transformPosition(event.delta, input.selectionEnd ?? 0),
        ];
      }
      setShown(next);
    };
    ytext.observe(observer);
    return () => ytext.unobserve(observer);
    // The snapshot's value only matters while the Y.Text is empty; the effect below follows it.
  }, [ytext]);
  // A plain field follows the snapshot while the officer is elsewhere; a bound one while its Y.Text is empty.
  useEffect(() => {
    if (ytext ? ytext.length === 0 : !focused()) setShown(value);
  }, [value, ytext]);
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    const input = element.current;
    if (!selection || !input) return;
    pendingSelection.current = null;
    input.setSelectionRange(selection[0], selection[1]);
  }, [shown, element]);
  return [shown, setShown, pendingSelection] as const;
}

interface FigureFieldProps {
  readonly label: string;
  /** The figure as typed, from the snapshot. */
  readonly text: string;
  readonly kind: FigureKind;
  /** Writes the text as typed on every change. */
  readonly onChange: (text: string) => void;
  readonly readOnly?: boolean;
  readonly hideLabel?: boolean;
  /** How a reader sees it (formatted), when it differs from the text. */
  readonly display?: string;
  readonly limit?: number;
}

/**
 * A figure as typed. The text goes into the document exactly as typed, so everyone sees what the author
 * sees; below it, in words, what the app reads from it ("Read as £120,000", "Not a number: no trend chart
 * or progress status for this target").
 */
export function FigureField({
  label,
  text,
  kind,
  onChange,
  readOnly,
  hideLabel,
  display,
  limit = 200,
}: FigureFieldProps) {
  const id = useId();
  const element = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [shown, setShown] = useBoundValue(null, text, element);
  const [refused, setRefused] = useState(false);
  if (readOnly)
    return (
      <ReadOnlyValue
        label={label}
        value={display ?? text}
        hideLabel={hideLabel}
        emptyText={kind === 'pounds' || kind === 'fte' ? 'Not stated' : 'To be set'}
      />
    );
  const figure = parseFigure(shown, kind);
  const words = describeFigure(figure, kind);
  const noteId = `${id}-note`;
  return (
    <div className="field field-figure">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        ref={element}
        type="text"
        inputMode="text"
        value={shown}
        aria-describedby={words || refused ? noteId : undefined}
        aria-invalid={refused || undefined}
        onChange={(event) => {
          const next = event.target.value;
          // Never cut what was typed or pasted: refuse it and say why.
          if (next.length > limit && next.length > shown.length) {
            setRefused(true);
            return;
          }
          setRefused(false);
          setShown(next);
          writeAsTyping(() => onChange(next));
        }}
        onBlur={() => setShown(text)}
      />
      <p
        id={noteId}
        className={`field-note${figure.reading === 'text' || refused ? ' field-note-words' : ''}`}
        role={refused ? 'alert' : undefined}
      >
        {refused ? `A figure can be at most ${limit} characters; that was not added.` : words}
      </p>
    </div>
  );
}

interface DateFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly readOnly?: boolean;
  /** How a reader sees it ("1 April 2013"). */
  readonly display: string;
}

/** A date: the browser's date picker; written as soon as a whole date is chosen. */
export function DateField({ label, value, onChange, readOnly, display }: DateFieldProps) {
  const id = useId();
  if (readOnly) return <ReadOnlyValue label={label} value={display} emptyText="Not set" />;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
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
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
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
  readonly hint?: string;
  /** Shown as the chosen option's text, for someone who may not change it. */
  readonly readOnly?: boolean;
}

export function Select({ label, value, options, onChange, disabled, hideLabel, id, hint, readOnly }: SelectProps) {
  const autoId = useId();
  if (readOnly)
    return (
      <ReadOnlyValue
        label={label}
        value={options.find((option) => option.value === value)?.label ?? ''}
        hideLabel={hideLabel}
        emptyText="Not chosen"
      />
    );
  const fieldId = id ?? autoId;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={fieldId}
        value={value}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
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

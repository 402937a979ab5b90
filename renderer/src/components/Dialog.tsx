/**
 * In-page dialogs in place of window.confirm/prompt: a native modal <dialog> (the rest of the page is inert,
 * so focus stays inside), labelled by its heading, Escape closes it, and focus returns to whatever opened it.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class, e.g. 'dialog-danger'. */
  readonly className?: string;
  /** Where focus goes when the dialog closes, instead of back to whatever opened it. */
  readonly returnFocus?: () => void;
}

/** A modal dialog that is open for as long as it is rendered. */
export function Dialog({ title, onClose, children, className, returnFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  const returnFocusRef = useRef(returnFocus);
  useEffect(() => {
    onCloseRef.current = onClose;
    returnFocusRef.current = returnFocus;
  }, [onClose, returnFocus]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // A modal dialog makes the page inert, but Tab from its last control would leave for the browser's own
    // toolbar: keep it cycling within the dialog.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const focusable = [
        ...dialog.querySelectorAll<HTMLElement>(
          'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
        ),
      ];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('keydown', onKeyDown);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('keydown', onKeyDown);
      if (dialog.open) dialog.close();
      // The opener may have gone (a deleted row); then focus the page heading rather than losing it.
      const back = returnFocusRef.current;
      requestAnimationFrame(() => {
        if (back) back();
        else if (opener && opener.isConnected) opener.focus();
        else document.getElementById('main-heading')?.focus();
      });
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export interface ConfirmOptions {
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly danger?: boolean;
}

/** A yes/no question. */
export function ConfirmDialog({
  options,
  onAnswer,
}: {
  readonly options: ConfirmOptions;
  readonly onAnswer: (yes: boolean) => void;
}) {
  return (
    <Dialog
      title={options.title}
      onClose={() => onAnswer(false)}
      className={options.danger ? 'dialog-danger' : undefined}
    >
      <div className="dialog-body">{options.message}</div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" data-autofocus onClick={() => onAnswer(false)}>
          {options.cancelLabel ?? 'Cancel'}
        </button>
        <button
          type="button"
          className={`button ${options.danger ? 'button-danger' : ''}`}
          onClick={() => onAnswer(true)}
        >
          {options.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * `const [confirm, confirmDialog] = useConfirm()`: render `confirmDialog` somewhere, and
 * `if (await confirm({...})) doIt()`.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [pending, setPending] = useState<{ options: ConfirmOptions; resolve: (yes: boolean) => void } | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        setPending({ options, resolve });
      }),
    [],
  );
  const element = pending ? (
    <ConfirmDialog
      options={pending.options}
      onAnswer={(yes) => {
        pending.resolve(yes);
        setPending(null);
      }}
    />
  ) : null;
  return [confirm, element];
}

export interface PromptField {
  readonly label: string;
  readonly hint?: string;
  readonly type?: 'text' | 'url' | 'password';
  readonly initial?: string;
  readonly autoComplete?: string;
}

/** A small form in a dialog (a link address, an invite token). `validate` returns an error message or null. */
export function PromptDialog({
  title,
  intro,
  field,
  submitLabel,
  validate,
  onSubmit,
  onCancel,
  returnFocus,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly field: PromptField;
  readonly submitLabel: string;
  readonly validate?: (value: string) => string | null;
  readonly onSubmit: (value: string) => void;
  readonly onCancel: () => void;
  readonly returnFocus?: () => void;
}) {
  const [value, setValue] = useState(field.initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [field.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <Dialog title={title} onClose={onCancel} returnFocus={returnFocus}>
      <form
        className="dialog-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = value.trim();
          const problem = validate ? validate(trimmed) : trimmed ? null : `Enter ${field.label.toLowerCase()}.`;
          if (problem) {
            setError(problem);
            // Back to the field, which now announces the error through aria-describedby.
            inputRef.current?.focus();
            return;
          }
          onSubmit(trimmed);
        }}
      >
        {intro}
        <div className="field">
          <label htmlFor={inputId}>{field.label}</label>
          {field.hint && (
            <p className="field-hint" id={hintId}>
              {field.hint}
            </p>
          )}
          {error && (
            <p className="field-error" id={errorId}>
              {error}
            </p>
          )}
          <input
            ref={inputRef}
            id={inputId}
            type={field.type ?? 'text'}
            value={value}
            autoComplete={field.autoComplete ?? 'off'}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => setValue(event.target.value)}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button">
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

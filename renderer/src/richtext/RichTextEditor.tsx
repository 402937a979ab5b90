/**
 * The prose editor: Tiptap bound to one Y.XmlFragment of a room through the collaboration extension
 * (y-tiptap). Its schema is the one shared/model/richText reads and writes: paragraphs, headings 1-3, bold,
 * italic, underline, links, bulleted and numbered lists, block quotes and tables. Only mounted for a section
 * the officer may write; other sections use RichTextView.
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { PromptDialog } from '../components/Dialog';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import type * as Y from 'yjs';
import { createExtensions } from './extensions';
import { escapeThenTab } from './listIndent';
import { deepestInsertedType, MAX_RICH_TEXT_DEPTH, richTextDepth, safeLinkHref } from '../../../shared/model';
import { cleanWordHtml } from './wordPaste';

export interface RichTextEditorProps {
  /** The fragment to bind to; null only for the benchmark's unbound editor. */
  readonly fragment: Y.XmlFragment | null;
  readonly label: string;
  /** Without the Yjs binding (the benchmark's reference): the initial HTML. */
  readonly unboundContent?: string;
  readonly onFocusSection?: () => void;
}

function tooDeep(fragment: Y.XmlFragment | null): boolean {
  return fragment !== null && richTextDepth(fragment, MAX_RICH_TEXT_DEPTH) > MAX_RICH_TEXT_DEPTH;
}

/**
 * The editor's Yjs binding renders by recursion, so a field nested deeper than MAX_RICH_TEXT_DEPTH (written
 * before the relay refused that) would overflow the stack and blank the app. Such a field is never bound,
 * and a bound editor lets go of its field, synchronously, before the binding sees a change that makes it so.
 */
export function RichTextEditor(props: RichTextEditorProps) {
  const [nestedTooDeep, setNestedTooDeep] = useState(() => tooDeep(props.fragment));
  if (nestedTooDeep) {
    return (
      <p className="notice notice-warning" role="note">
        {props.label}: this text is nested more than {MAX_RICH_TEXT_DEPTH} levels deep, so it cannot be shown or edited.
      </p>
    );
  }
  return <BoundEditor {...props} onTooDeep={() => setNestedTooDeep(true)} />;
}

function BoundEditor({
  fragment,
  label,
  unboundContent,
  onFocusSection,
  onTooDeep,
}: RichTextEditorProps & { readonly onTooDeep: () => void }) {
  const labelId = useId();
  const keysId = useId();
  const [onKeyDownCapture] = useState(escapeThenTab);
  const editor = useEditor(
    {
      extensions: createExtensions(fragment),
      ...(fragment ? {} : { content: unboundContent ?? '' }),
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': keysId,
          class: 'rich-editor-content',
          spellcheck: 'true',
          lang: 'en-GB',
        },
        transformPastedHTML: cleanWordHtml,
      },
      onFocus: () => onFocusSection?.(),
    },
    [fragment],
  );
  useLayoutEffect(() => {
    const doc = fragment?.doc;
    if (!fragment || !doc) return;
    // Yjs emits this after a change is applied and before any observer (the binding's) is called.
    const guard = (transaction: Y.Transaction): void => {
      if (deepestInsertedType(transaction) <= MAX_RICH_TEXT_DEPTH || !tooDeep(fragment)) return;
      editor.destroy();
      onTooDeep();
    };
    doc.on('beforeObserverCalls', guard);
    return () => doc.off('beforeObserverCalls', guard);
  }, [editor, fragment, onTooDeep]);
  return (
    <div className="rich-editor" onKeyDownCapture={onKeyDownCapture}>
      <span id={labelId} className="visually-hidden">
        {label}
      </span>
      <span id={keysId} className="visually-hidden">
        In a list, Tab indents the item and Shift and Tab brings it back out. Press Escape, then Tab, to leave the text.
      </span>
      <Toolbar editor={editor} label={label} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, label }: { readonly editor: Editor; readonly label: string }) {
  const [askingLink, setAskingLink] = useState(false);
  const chosenHref = useRef<string | null>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      h2: current.isActive('heading', { level: 2 }),
      h3: current.isActive('heading', { level: 3 }),
      bullet: current.isActive('bulletList'),
      ordered: current.isActive('orderedList'),
      link: current.isActive('link'),
      table: current.isActive('table'),
    }),
  });
  const button = (name: string, text: string, pressed: boolean | null, run: () => void) => (
    <button
      type="button"
      className="tool"
      title={name}
      aria-pressed={pressed === null ? undefined : pressed}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{name}</span>
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label={`Formatting for ${label}`}>
      {button('Heading', 'H2', state.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {button('Subheading', 'H3', state.h3, () => chain().toggleHeading({ level: 3 }).run())}
      {button('Bold', 'B', state.bold, () => chain().toggleBold().run())}
      {button('Italic', 'I', state.italic, () => chain().toggleItalic().run())}
      {button('Bulleted list', '• List', state.bullet, () => chain().toggleBulletList().run())}
      {button('Numbered list', '1. List', state.ordered, () => chain().toggleOrderedList().run())}
      {button(state.link ? 'Remove link' : 'Add link', 'Link', state.link, () => {
        if (state.link) {
          chain().unsetLink().run();
          return;
        }
        chosenHref.current = null;
        setAskingLink(true);
      })}
      {askingLink && (
        <PromptDialog
          title="Add a link"
          field={{ label: 'Link address', hint: 'Starts with https://, http:// or mailto:', type: 'url' }}
          submitLabel="Add link"
          validate={(value) =>
            safeLinkHref(value) ? null : 'Enter an address that starts with https://, http:// or mailto:.'
          }
          onSubmit={(value) => {
            chosenHref.current = safeLinkHref(value) ?? null;
            setAskingLink(false);
          }}
          onCancel={() => setAskingLink(false)}
          returnFocus={() => {
            // Back into the text, with the selection it had, and the link applied if one was given.
            const href = chosenHref.current;
            if (href) chain().extendMarkRange('link').setLink({ href }).run();
            else chain().run();
          }}
        />
      )}
      {state.table ? (
        <>
          {button('Add table row', '+ Row', null, () => chain().addRowAfter().run())}
          {button('Add table column', '+ Column', null, () => chain().addColumnAfter().run())}
          {button('Delete table row', '− Row', null, () => chain().deleteRow().run())}
          {button('Delete table', '✕ Table', null, () => chain().deleteTable().run())}
        </>
      ) : (
        button('Insert table', 'Table', null, () =>
          chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        )
      )}
    </div>
  );
}

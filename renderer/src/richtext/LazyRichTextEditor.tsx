/**
 * The prose editor, loaded on demand: Tiptap and ProseMirror are about a third of the app's code, and the
 * first screen (welcome or dashboard) has no editor. Until the editor's chunk has loaded (once per visit, a
 * moment; offline it comes from the service worker's cache) the field's text is shown read-only, so the
 * page never shows a blank where the text is.
 */
import { lazy, Suspense } from 'react';
import type { RichText } from '../../../shared/model';
import type { RichTextEditorProps } from './RichTextEditor';
import { RichTextView } from './RichTextView';

const RichTextEditor = lazy(() => import('./RichTextEditor').then((module) => ({ default: module.RichTextEditor })));

export function LazyRichTextEditor({
  text,
  headingLevel,
  ...props
}: RichTextEditorProps & { readonly text: RichText; readonly headingLevel: number }) {
  return (
    <Suspense
      fallback={
        <div className="rich-readonly" aria-busy="true">
          <RichTextView text={text} label={props.label} topLevel={headingLevel} />
        </div>
      }
    >
      <RichTextEditor {...props} />
    </Suspense>
  );
}

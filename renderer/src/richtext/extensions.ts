/**
 * The editor's schema as Tiptap extensions: the shape shared/model/richText reads and writes. With a
 * fragment, the collaboration extension binds the editor to it (and replaces the local undo history);
 * without one, a plain editor (the benchmark's reference).
 */
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import { TableKit } from '@tiptap/extension-table';
import type * as Y from 'yjs';
import { ListIndent } from './listIndent';

export function createExtensions(fragment: Y.XmlFragment | null) {
  return [
    StarterKit.configure({
      ...(fragment ? { undoRedo: false as const } : {}),
      code: false,
      codeBlock: false,
      strike: false,
      horizontalRule: false,
      trailingNode: false,
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
    }),
    TableKit.configure({ table: { resizable: false } }),
    ListIndent,
    ...(fragment ? [Collaboration.configure({ fragment })] : []),
  ];
}

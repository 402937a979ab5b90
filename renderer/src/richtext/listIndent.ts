/**
 * Tab and Shift-Tab in a list: Tab nests the item under the one above, Shift-Tab brings it back out, as in
 * Word. In a list the keys stay in the editor even where the item cannot move (the first item cannot nest),
 * so a list never throws the caret out of the text; outside lists and after Escape they move focus as usual
 * (see escapeThenTab), so no keyboard user is ever trapped.
 */
import { Extension } from '@tiptap/core';

export const ListIndent = Extension.create({
  name: 'listIndent',
  // Before the list item's own shortcuts (and the table's Tab), which give the key away when nothing moves.
  priority: 1_000,
  addKeyboardShortcuts() {
    return {
      Tab: () => {
        if (!this.editor.isActive('listItem')) return false;
        this.editor.commands.sinkListItem('listItem');
        return true;
      },
      'Shift-Tab': () => {
        if (!this.editor.isActive('listItem')) return false;
        this.editor.commands.liftListItem('listItem');
        return true;
      },
    };
  },
});

/**
 * Keyboard handling for the editor's wrapper: after Escape, the next Tab or Shift-Tab is kept from the
 * editor so the browser moves focus out of it (a list or a table would otherwise keep it).
 */
export function escapeThenTab(): (event: { key: string; stopPropagation: () => void }) => void {
  let escaped = false;
  return (event) => {
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    if (event.key === 'Tab' && escaped) event.stopPropagation();
    if (event.key !== 'Shift') escaped = false;
  };
}

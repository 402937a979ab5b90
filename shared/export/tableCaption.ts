/**
 * A table's caption and description (`w:tblCaption`, `w:tblDescription`): the alternative text a screen
 * reader announces before the table and Word's accessibility checker asks for. `docx` has no option for them,
 * so they are appended to the table's properties, where the schema puts them (last in `w:tblPr`).
 */
import { StringValueElement, TableProperties, type Table } from 'docx';
import { cleanLine } from './sanitize';

/** Word keeps captions and descriptions short; longer text is cut at a word. */
const MAX_LENGTH = 250;

function shorten(text: string): string {
  const cleaned = cleanLine(text)
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= MAX_LENGTH) return cleaned;
  const cut = cleaned.slice(0, MAX_LENGTH - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_LENGTH / 2))}\u2026`;
}

/** Gives `table` a caption and, when given, a description; returns the table. */
export function describeTable(table: Table, caption: string, description?: string): Table {
  const root = (table as unknown as { root: unknown[] }).root;
  const properties = root.find((child): child is TableProperties => child instanceof TableProperties);
  if (!properties) return table;
  const children = (properties as unknown as { root: unknown[] }).root;
  const title = shorten(caption);
  if (title) children.push(new StringValueElement('w:tblCaption', title));
  const summary = description ? shorten(description) : '';
  if (summary) children.push(new StringValueElement('w:tblDescription', summary));
  return table;
}

/**
 * A rich-text field shown read-only: rendered from the validated plain tree (shared/model/richText), with no
 * editor and no binding to the room, so a section someone else owns cannot be typed into at all.
 *
 * It renders every node and mark the editor writes (headings 1-3, paragraphs, hard breaks, bulleted and
 * numbered lists, block quotes, tables with header cells and spans; bold, italic, underline, links) and
 * looks as the editor does: a heading's look follows its level in the text (class rich-h1..3, styled with
 * the editor's h1..h3), while its HTML level continues the page's outline. The tree is at most
 * MAX_RICH_TEXT_DEPTH deep (the reader refuses deeper), so rendering it by recursion is bounded.
 */
import type { ReactNode } from 'react';
import type { RichBlock, RichInline, RichText } from '../../../shared/model';

/**
 * `topLevel` is the HTML heading level the text's highest heading gets, so headings continue the page's
 * outline (no skipped levels) wherever the section sits.
 */
export function RichTextView({
  text,
  label,
  emptyText = 'Nothing written yet.',
  topLevel = 3,
}: {
  readonly text: RichText;
  readonly label: string;
  readonly emptyText?: string;
  readonly topLevel?: number;
}) {
  const shift = headingShift(text, topLevel);
  return (
    <div className="rich-view" role="region" aria-label={label}>
      {text.length === 0 ? (
        <p className="empty-note">{emptyText}</p>
      ) : (
        text.map((block, index) => <Block key={index} block={block} shift={shift} />)
      )}
    </div>
  );
}

/** How far the text's headings move so its highest one is `topLevel` (for blocks rendered one by one). */
export function headingShift(text: RichText, topLevel: number): number {
  const highest = Math.min(
    3,
    ...text.filter((block) => block.type === 'heading').map((block) => (block.type === 'heading' ? block.level : 3)),
  );
  return topLevel - highest;
}

/** One block of rich text, read-only; `shift` from headingShift of the whole text. */
export function RichBlockView({ block, shift }: { readonly block: RichBlock; readonly shift: number }): ReactNode {
  return <Block block={block} shift={shift} />;
}

function Block({ block, shift }: { readonly block: RichBlock; readonly shift: number }): ReactNode {
  switch (block.type) {
    case 'paragraph':
      // An empty paragraph keeps its line, as in the editor.
      return <p>{block.content.length > 0 ? inlines(block.content) : <br />}</p>;
    case 'heading': {
      const Tag = `h${Math.max(2, Math.min(6, block.level + shift))}` as 'h2';
      return <Tag className={`rich-h${block.level}`}>{inlines(block.content)}</Tag>;
    }
    case 'bulletList':
      return (
        <ul>
          {block.items.map((item, index) => (
            <li key={index}>
              {item.content.map((child, childIndex) => (
                <Block key={childIndex} block={child} shift={shift} />
              ))}
            </li>
          ))}
        </ul>
      );
    case 'orderedList':
      return (
        <ol start={block.start}>
          {block.items.map((item, index) => (
            <li key={index}>
              {item.content.map((child, childIndex) => (
                <Block key={childIndex} block={child} shift={shift} />
              ))}
            </li>
          ))}
        </ol>
      );
    case 'blockquote':
      return (
        <blockquote>
          {block.content.map((child, index) => (
            <Block key={index} block={child} shift={shift} />
          ))}
        </blockquote>
      );
    case 'table':
      return (
        <table className="rich-table">
          <tbody>
            {block.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.cells.map((cell, cellIndex) => {
                  const content = cell.content.map((child, index) => <Block key={index} block={child} shift={shift} />);
                  return cell.header ? (
                    <th key={cellIndex} colSpan={cell.colspan} rowSpan={cell.rowspan} scope="col">
                      {content}
                    </th>
                  ) : (
                    <td key={cellIndex} colSpan={cell.colspan} rowSpan={cell.rowspan}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

function inlines(content: readonly RichInline[]): ReactNode[] {
  return content.map((inline, index) => {
    if (inline.type === 'hardBreak') return <br key={index} />;
    let node: ReactNode = inline.text;
    if (inline.marks?.bold) node = <strong>{node}</strong>;
    if (inline.marks?.italic) node = <em>{node}</em>;
    if (inline.marks?.underline) node = <u>{node}</u>;
    if (inline.marks?.link) {
      node = (
        <a href={inline.marks.link} target="_blank" rel="noopener noreferrer nofollow">
          {node}
        </a>
      );
    }
    return <span key={index}>{node}</span>;
  });
}

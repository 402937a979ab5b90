/**
 * The way out for a room that holds rich text nested deeper than MAX_RICH_TEXT_DEPTH (written before the
 * relay refused such writes): its owner removes what lies below the limit in every rich-text field of the
 * room, as ordinary local deletions that the relay accepts and every member applies.
 */
import * as Y from 'yjs';
import { ORIGIN_LOCAL } from './origins';
import { removeNestingBeyondLimit, richTextDepth, MAX_RICH_TEXT_DEPTH } from './richText';

/** The room's top-level rich-text fields (a partner's statement, notes, contributions; the frame's prose). */
function richTextFields(doc: Y.Doc): Y.XmlFragment[] {
  const fields: Y.XmlFragment[] = [];
  for (const [name, type] of doc.share) {
    // A root type another client created arrives untyped; only a fragment's content is elements or text.
    if (type instanceof Y.XmlFragment) fields.push(type);
    else if (type._map.size === 0 && holdsXml(type)) fields.push(doc.getXmlFragment(name));
  }
  return fields;
}

function holdsXml(type: Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    const content = item.content as { type?: unknown };
    if (!item.deleted) return content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText;
  }
  return false;
}

/** True when some rich-text field of the room nests deeper than the limit. */
export function hasOverDeepRichText(doc: Y.Doc): boolean {
  return richTextFields(doc).some((field) => richTextDepth(field, MAX_RICH_TEXT_DEPTH) > MAX_RICH_TEXT_DEPTH);
}

/**
 * Removes the nesting below the limit from every rich-text field of the room. Returns the steps taken.
 * `afterStep` runs after each step's transaction: the app sends each step on its own (flushNow), because
 * the steps merged into one update are one deep deletion again, which no Yjs document can apply.
 */
export function repairOverDeepRichText(doc: Y.Doc, afterStep: () => void = () => undefined): number {
  let steps = 0;
  const transact = (change: () => void): void => {
    doc.transact(change, ORIGIN_LOCAL);
    afterStep();
  };
  for (const field of richTextFields(doc)) steps += removeNestingBeyondLimit(field, transact);
  return steps;
}

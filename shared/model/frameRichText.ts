/**
 * Reading the frame's rich text without letting one field stop the SOA. The frame is read by everyone, for
 * every page and the export: a partner room that cannot be read is marked on its own (readRooms.ts), but a
 * frame field nested deeper than MAX_RICH_TEXT_DEPTH (written before the relay refused such writes, or into
 * the database directly) threw from FrameDocument.read and blanked the whole SOA. Such a field now reads as
 * a note saying so, in the app and the export, and the rest of the frame is read as usual.
 */
import type * as Y from 'yjs';
import { MAX_RICH_TEXT_DEPTH, readRichText, RichTextTooDeepError, type RichText } from './richText';

export const FRAME_TEXT_TOO_DEEP = `This text could not be read: it is nested more than ${MAX_RICH_TEXT_DEPTH} levels deep, which no editor writes. The rest of the SOA is not affected.`;

export function readFrameRichText(fragment: Y.XmlFragment): RichText {
  try {
    return readRichText(fragment);
  } catch (error) {
    if (!(error instanceof RichTextTooDeepError)) throw error;
    return [{ type: 'paragraph', content: [{ type: 'text', text: FRAME_TEXT_TOO_DEEP }] }];
  }
}

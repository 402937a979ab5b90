/**
 * The contents as the officer sends it: Word opens the file without asking to update its fields.
 *
 * Word asks "This document contains fields that may refer to other files. Do you want to update the fields?"
 * on opening a file whose settings say `w:updateFields` or whose contents field is marked dirty, and does not
 * update anything in Protected View, which is how an emailed file opens. So a document that relies on the
 * update makes every reader answer a question and risks a contents without page numbers anyway. Instead
 * the export writes the contents complete as it stands: each entry is the heading's number and title, linked
 * to the heading. Page numbers need Word's own layout (or LibreOffice's, which paginates a little
 * differently), so they are not guessed: the field's instruction still asks for them, so References >
 * Update Table in Word fills them in, and the PDF made with LibreOffice (server/export/libreOfficePdf.ts)
 * updates the contents and carries them. What is removed here is only each entry's empty page-number field
 * and the tab before it, which would otherwise draw a dot leader running to nothing.
 */

/** An entry's tab and its PAGEREF field when the field has no result (docx writes it empty). */
const EMPTY_PAGE_NUMBER =
  /<w:r><w:tab\/><\/w:r><w:r><w:fldChar w:fldCharType="begin"\/><w:instrText xml:space="preserve">PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:fldChar w:fldCharType="end"\/><\/w:r>/g;

/** The contents field's entries without their empty page numbers, and the field not marked dirty. */
export function contentsAsWritten(document: string): string {
  return document.replace(/<w:sdtContent>[\s\S]*?<\/w:sdtContent>/g, (content) =>
    content.includes('TOC \\')
      ? content
          .replace(EMPTY_PAGE_NUMBER, '')
          .replace('<w:fldChar w:fldCharType="begin" w:dirty="true"/>', '<w:fldChar w:fldCharType="begin"/>')
      : content,
  );
}

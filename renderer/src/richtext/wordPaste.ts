/**
 * Pasting from Word keeps the structure (headings, bold, lists, links, tables) and drops the rest. Word
 * puts lists on the clipboard as paragraphs styled "mso-list" with the bullet or number as literal text,
 * not as <ul>/<ol>; this turns runs of such paragraphs into real lists and removes Word's conditional
 * comments, styles and classes. ProseMirror's schema then drops every element and mark it does not know.
 */
export function cleanWordHtml(html: string): string {
  if (!/mso-|urn:schemas-microsoft-com|class="?Mso/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, ''), 'text/html');
  doc.querySelectorAll('style, meta, link, xml, script').forEach((node) => node.remove());
  const paragraphs = Array.from(doc.body.querySelectorAll('p'));
  let currentList: HTMLElement | null = null;
  for (const paragraph of paragraphs) {
    const style = paragraph.getAttribute('style') ?? '';
    const isListItem = /mso-list:\s*l\d/i.test(style) || /MsoListParagraph/i.test(paragraph.className);
    if (!isListItem) {
      currentList = null;
      continue;
    }
    // Word's list marker ("·", "1.") is a span styled mso-list:Ignore.
    const marker = paragraph.querySelector('span[style*="mso-list"]');
    const markerText = (marker?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
    marker?.remove();
    const ordered = /^(\d+|[a-z]|[ivx]+)[.)]$/i.test(markerText);
    const contiguous = currentList !== null && paragraph.previousElementSibling === currentList;
    if (!currentList || !contiguous || (currentList.tagName === 'OL') !== ordered) {
      currentList = doc.createElement(ordered ? 'ol' : 'ul');
      paragraph.before(currentList);
    }
    const item = doc.createElement('li');
    const inner = doc.createElement('p');
    inner.innerHTML = paragraph.innerHTML.replace(/^(\s|&nbsp;)+/, '');
    item.append(inner);
    currentList.append(item);
    paragraph.remove();
  }
  doc.body.querySelectorAll('[style]').forEach((node) => node.removeAttribute('style'));
  doc.body.querySelectorAll('[class]').forEach((node) => node.removeAttribute('class'));
  return doc.body.innerHTML;
}

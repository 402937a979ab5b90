/**
 * The paragraphs of an exported document.xml as a reader meets them: text, paragraph style, whether every
 * run is bold, whether it sits in a table and under which headings. Read from the XML with regular
 * expressions: the export writes one element per tag, no comments, no CDATA.
 */

export interface DocParagraph {
  readonly text: string;
  readonly style: string;
  readonly inTable: boolean;
  /** Every run with text is bold (a run property, not the style). */
  readonly allBold: boolean;
  /** The paragraph carries a section break (docx writes these as paragraphs of their own). */
  readonly sectionBreak: boolean;
  /** The paragraph holds a field character (such as the end of the contents field). */
  readonly field: boolean;
  readonly xml: string;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function paragraphsOf(documentXml: string): DocParagraph[] {
  const paragraphs: DocParagraph[] = [];
  let depth = 0;
  for (const match of documentXml.matchAll(/<w:tbl>|<\/w:tbl>|<w:p\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)) {
    const xml = match[0];
    if (xml === '<w:tbl>') depth++;
    else if (xml === '</w:tbl>') depth--;
    else {
      const runs = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((run) => ({
        text: decode([...run[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
        bold: /<w:b\/>|<w:b w:val="(?:true|1|on)"\/>/.test(run[1]!),
      }));
      const text = runs.map((run) => run.text).join('');
      const withText = runs.filter((run) => run.text.trim() !== '');
      paragraphs.push({
        text,
        style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? '',
        inTable: depth > 0,
        allBold: withText.length > 0 && withText.every((run) => run.bold),
        sectionBreak: xml.includes('<w:sectPr'),
        field: xml.includes('<w:fldChar'),
        xml,
      });
    }
  }
  return paragraphs;
}

/** Heading styles: Heading 1-9, and styles based (at any depth) on one, from styles.xml. */
export function headingStyles(stylesXml: string): Map<string, number> {
  const basedOn = new Map<string, string>();
  const outline = new Map<string, number>();
  for (const match of stylesXml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const [, id, body] = match as unknown as [string, string, string];
    const parent = /<w:basedOn w:val="([^"]+)"/.exec(body)?.[1];
    if (parent) basedOn.set(id, parent);
    const level = /<w:outlineLvl w:val="(\d)"/.exec(body)?.[1];
    if (level !== undefined) outline.set(id, Number(level));
  }
  const headings = new Map<string, number>();
  for (const id of new Set([...basedOn.keys(), ...outline.keys()])) {
    let current: string | undefined = id;
    for (let hops = 0; current && hops < 10; hops++) {
      if (/^Heading\d$/.test(current) || outline.has(current)) {
        headings.set(id, outline.get(id) ?? outline.get(current) ?? Number(current.slice(7)) - 1);
        break;
      }
      current = basedOn.get(current);
    }
  }
  return headings;
}

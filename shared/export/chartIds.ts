/**
 * Native Word charts (the `docx` package's ChartRun, used by the Annual Report) are written with random
 * relationship ids and drawing ids counted across every document built in the process. The packaging step
 * renames them in document order, so the same report on the same date is the same bytes, as the SOA is:
 *   - the document's chart relationships become rIdChart1, rIdChart2, ... (by their chart's part number);
 *   - each chart's own relationships (its embedded workbook) become rId1, rId2, ... in the order written;
 *   - every drawing's wp:docPr id is numbered 1, 2, ... in document order (ids must be unique in a document).
 */

/** Part name -> XML text (only the parts this touches are read or written). */
export interface XmlParts {
  get(name: string): string | undefined;
  set(name: string, xml: string): void;
  names(): Iterable<string>;
}

const CHART_TYPE = '/relationships/chart"';

export function renumberChartIds(parts: XmlParts, documentName: string, documentRelationshipsName: string): void {
  const relationships = parts.get(documentRelationshipsName);
  let document = parts.get(documentName);
  if (relationships === undefined || document === undefined || !relationships.includes(CHART_TYPE)) return;

  const names = new Map<string, string>();
  for (const match of relationships.matchAll(/<Relationship\b[^>]*\/>/g)) {
    const element = match[0];
    if (!element.includes(CHART_TYPE)) continue;
    const id = /\bId="([^"]+)"/.exec(element)?.[1];
    const chartNumber = /Target="charts\/chart(\d+)\.xml"/.exec(element)?.[1];
    if (id && chartNumber) names.set(id, `rIdChart${chartNumber}`);
  }
  const rename = (id: string) => names.get(id) ?? id;
  parts.set(
    documentRelationshipsName,
    relationships.replace(
      /(<Relationship\b[^>]*\bId=")([^"]+)(")/g,
      (_, before: string, id: string, after: string) => `${before}${rename(id)}${after}`,
    ),
  );
  document = document.replace(
    /(<c:chart\b[^>]*\br:id=")([^"]+)(")/g,
    (_, before: string, id: string, after: string) => `${before}${rename(id)}${after}`,
  );
  let drawing = 0;
  document = document.replace(
    /(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g,
    (_, before: string, __: string, after: string) => `${before}${++drawing}${after}`,
  );
  parts.set(documentName, document);

  for (const name of parts.names()) {
    const chart = /^word\/charts\/_rels\/(chart\d+\.xml)\.rels$/.exec(name);
    if (!chart) continue;
    const chartName = `word/charts/${chart[1]}`;
    const chartRelationships = parts.get(name);
    const chartXml = parts.get(chartName);
    if (chartRelationships === undefined || chartXml === undefined) continue;
    const own = new Map<string, string>();
    for (const match of chartRelationships.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"/g))
      own.set(match[1] ?? '', `rId${own.size + 1}`);
    const renameOwn = (id: string) => own.get(id) ?? id;
    parts.set(
      name,
      chartRelationships.replace(
        /(<Relationship\b[^>]*\bId=")([^"]+)(")/g,
        (_, before: string, id: string, after: string) => `${before}${renameOwn(id)}${after}`,
      ),
    );
    parts.set(
      chartName,
      chartXml.replace(
        /(\br:id=")([^"]+)(")/g,
        (_, before: string, id: string, after: string) => `${before}${renameOwn(id)}${after}`,
      ),
    );
  }
}

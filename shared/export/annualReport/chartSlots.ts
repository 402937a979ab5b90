/**
 * Where the Annual Report's native charts go: while the document is built, each chart is a placeholder run
 * (docx writes it as plain text); when the package is put together, `fill` replaces each placeholder with
 * the chart's drawing and adds its parts (lineChartParts.ts), numbered in document order with the
 * relationships and content types docx itself gives a ChartRun, so the report is the same bytes as before.
 */
import { TextRun } from 'docx';
import { strFromU8 } from 'fflate';
import type { Parts } from '../packaging';
import {
  chartRelationshipsXml,
  chartXml,
  drawingXml,
  escapeXml,
  workbookBytes,
  type LineChart,
} from './lineChartParts';

const DOCUMENT = 'word/document.xml';
const DOCUMENT_RELATIONSHIPS = 'word/_rels/document.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';
const CHART_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const WORKBOOK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ChartSlots {
  private readonly charts: LineChart[] = [];
  /** Private-use marks and a per-report nonce, so no text an officer writes can be taken for a placeholder. */
  private readonly nonce = Math.random().toString(36).slice(2, 10);

  /** The run that stands where `chart` goes. */
  run(chart: LineChart): TextRun {
    this.charts.push(chart);
    return new TextRun(this.marker(this.charts.length - 1));
  }

  get size(): number {
    return this.charts.length;
  }

  private marker(index: number): string {
    return `\uE000chart ${this.nonce} ${index}\uE001`;
  }

  /** Puts the charts into the package docx compiled (before packaging.ts's finishParts). */
  fill(parts: Parts): void {
    if (this.charts.length === 0) return;
    const text = (name: string): string => {
      const data = parts.get(name);
      if (data === undefined) throw new Error(`The Word library wrote no ${name} part.`);
      return typeof data === 'string' ? data : strFromU8(data);
    };
    const placeholder = new RegExp(`<w:t xml:space="preserve">\uE000chart ${this.nonce} (\\d+)\uE001</w:t>`, 'g');
    const placed: LineChart[] = [];
    const document = text(DOCUMENT).replace(placeholder, (_, index: string) => {
      const chart = this.charts[Number(index)];
      if (!chart) throw new Error(`The report refers to a chart it does not have (${index}).`);
      placed.push(chart);
      return drawingXml(chart, `rIdChart${placed.length}`, placed.length);
    });
    if (placed.length !== this.charts.length)
      throw new Error(`The report placed ${placed.length} of its ${this.charts.length} charts.`);
    parts.set(DOCUMENT, document);

    const numbers = placed.map((_, index) => index + 1);
    parts.set(DOCUMENT_RELATIONSHIPS, withChartRelationships(text(DOCUMENT_RELATIONSHIPS), numbers));
    const override = (type: string, name: string) => `<Override ContentType="${type}" PartName="${escapeXml(name)}"/>`;
    parts.set(
      CONTENT_TYPES,
      text(CONTENT_TYPES).replace(
        '</Types>',
        numbers.map((n) => override(CHART_CONTENT_TYPE, `/word/charts/chart${n}.xml`)).join('') +
          numbers
            .map((n) => override(WORKBOOK_CONTENT_TYPE, `/word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`))
            .join('') +
          '</Types>',
      ),
    );
    // docx writes every chart and its relationships, then the workbooks the charts added.
    placed.forEach((chart, index) => {
      parts.set(`word/charts/chart${index + 1}.xml`, chartXml(chart));
      parts.set(
        `word/charts/_rels/chart${index + 1}.xml.rels`,
        chartRelationshipsXml(`Microsoft_Excel_Worksheet${index + 1}.xlsx`),
      );
    });
    placed.forEach((chart, index) =>
      parts.set(`word/embeddings/Microsoft_Excel_Worksheet${index + 1}.xlsx`, workbookBytes(chart)),
    );
  }
}

/**
 * The document's relationships with the charts': docx adds them as it writes the document, so before the
 * font table's, which it adds afterwards with the next number (rId9 becomes rId51 after 42 charts).
 */
function withChartRelationships(xml: string, numbers: readonly number[]): string {
  const charts = numbers
    .map((n) => `<Relationship Id="rIdChart${n}" Type="${CHART_RELATIONSHIP}" Target="charts/chart${n}.xml"/>`)
    .join('');
  const fontTable = /<Relationship Id="rId(\d+)" Type="[^"]*\/relationships\/fontTable"[^>]*\/>/.exec(xml);
  if (!fontTable) return xml.replace('</Relationships>', `${charts}</Relationships>`);
  const renumbered = fontTable[0].replace(/Id="rId\d+"/, `Id="rId${Number(fontTable[1]) + numbers.length}"`);
  return xml.replace(fontTable[0], `${charts}${renumbered}`);
}

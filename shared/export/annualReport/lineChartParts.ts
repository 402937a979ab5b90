/**
 * An indicator's native Word line chart, written directly: its chart part (word/charts/chartN.xml), the
 * workbook embedded for Word's "Edit Data", and the drawing that places it in the document. The bytes are
 * those docx's ChartRun writes for the options the Annual Report gives it (lineChartParts.test.ts checks
 * this against ChartRun itself); docx's general XML builder took most of the report's export time for its
 * 40-odd charts (issue 18), while these parts are fixed templates around the figures.
 */
import { strToU8, zipSync } from 'fflate';

export interface LineChartSeries {
  readonly name: string;
  /** One per category; null where there is no value (a gap in the line). */
  readonly values: readonly (number | null)[];
  /** RGB hex, e.g. 1F3864. */
  readonly color: string;
}

export interface LineChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly LineChartSeries[];
  readonly valueAxisTitle: string;
  /** Width and height in pixels (96 per inch), as docx's transformation takes them. */
  readonly size: { readonly width: number; readonly height: number };
  readonly altText: { readonly name: string; readonly description: string };
}

const FONT = 'Arial';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
/** Pixels to EMUs (914,400 per inch, 96 pixels per inch). */
const EMU_PER_PIXEL = 9525;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text and attribute values as docx does: markup characters, and control characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => ESCAPES[char] ?? '');
}

/** A number as docx writes it in caches and cells: JavaScript's shortest form that reads back the same. */
const numberText = (value: number) => String(value);

function columnName(column: number): string {
  return (column >= 26 ? columnName(Math.floor(column / 26) - 1) : '') + String.fromCharCode(65 + (column % 26));
}

/** `Sheet1!$B$1`, or `Sheet1!$A$2:$A$12` for a column's rows. */
function reference(column: number, firstRow: number, rows: number): string {
  const first = `$${columnName(column)}$${firstRow + 1}`;
  return rows === 1 ? `Sheet1!${first}` : `Sheet1!${first}:$${columnName(column)}$${firstRow + rows}`;
}

const GREY_TEXT =
  '<a:solidFill><a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr></a:solidFill>' +
  `<a:latin typeface="${FONT}"/><a:ea typeface="+mn-ea"/><a:cs typeface="${FONT}"/>`;
const LINE_GREY =
  '<a:ln w="9525" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="tx1"><a:lumMod val="15000"/>' +
  '<a:lumOff val="85000"/></a:schemeClr></a:solidFill><a:round/></a:ln>';
const NO_SHAPE = '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln><a:effectLst/></c:spPr>';

function bodyProperties(rotation: string): string {
  return `<a:bodyPr rot="${rotation}" spcFirstLastPara="1" vertOverflow="ellipsis" vert="horz" wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/>`;
}

function runProperties(size: number, spacing: boolean): string {
  return `<a:defRPr sz="${size}" b="0" i="0" u="none" strike="noStrike" kern="1200"${spacing ? ' spc="0"' : ''} baseline="0">${GREY_TEXT}</a:defRPr>`;
}

function textProperties(rotation: string, size: number, spacing = false): string {
  return `<c:txPr>${bodyProperties(rotation)}<a:p><a:pPr>${runProperties(size, spacing)}</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

/** A chart or axis title: its text, then the same text properties for the title box. */
function title(text: string, rotation: string, size: number, spacing: boolean): string {
  return (
    `<c:title><c:tx><c:rich>${bodyProperties(rotation)}<a:p><a:pPr>${runProperties(size, spacing)}</a:pPr>` +
    `<a:r><a:rPr lang="en-US"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>` +
    `${NO_SHAPE}${textProperties(rotation, size, spacing)}</c:title>`
  );
}

function series(chart: LineChart, entry: LineChartSeries, index: number): string {
  const rows = chart.categories.length;
  const column = index + 1;
  const colour = `<a:solidFill><a:srgbClr val="${escapeXml(entry.color)}"/></a:solidFill>`;
  const categories = chart.categories
    .map((category, point) => `<c:pt idx="${point}"><c:v>${escapeXml(category)}</c:v></c:pt>`)
    .join('');
  const values = entry.values
    .map((value, point) => (value === null ? '' : `<c:pt idx="${point}"><c:v>${numberText(value)}</c:v></c:pt>`))
    .join('');
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:strRef><c:f>${reference(column, 0, 1)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(entry.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:spPr><a:ln w="28575" cap="rnd">${colour}<a:round/></a:ln><a:effectLst/></c:spPr>` +
    `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${colour}<a:ln w="9525">${colour}</a:ln><a:effectLst/></c:spPr></c:marker>` +
    `<c:cat><c:strRef><c:f>${reference(0, 1, rows)}</c:f><c:strCache><c:ptCount val="${rows}"/>${categories}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${reference(column, 1, rows)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${rows}"/>${values}</c:numCache></c:numRef></c:val>` +
    '<c:smooth val="0"/></c:ser>'
  );
}

/** The chart part's XML; its workbook is its relationship rId1. */
export function chartXml(chart: LineChart): string {
  return (
    `${DECLARATION}<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    '<c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart>' +
    title(chart.title, '0', 1400, true) +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
    chart.series.map((entry, index) => series(chart, entry, index)).join('') +
    '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls><c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>' +
    '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:spPr><a:noFill/>${LINE_GREY}<a:effectLst/></c:spPr>${textProperties('-60000000', 900)}` +
    '<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    `<c:majorGridlines><c:spPr>${LINE_GREY}<a:effectLst/></c:spPr></c:majorGridlines>` +
    title(chart.valueAxisTitle, '-5400000', 1000, false) +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${NO_SHAPE}${textProperties('-60000000', 900)}<c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `${NO_SHAPE}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${NO_SHAPE}${textProperties('0', 900)}</c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:spPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill>${LINE_GREY}<a:effectLst/></c:spPr>` +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>' +
    '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
  );
}

/** The chart part's relationships: its embedded workbook. */
export function chartRelationshipsXml(workbookName: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/package" Target="../embeddings/${workbookName}"/></Relationships>`
  );
}

function relationships(entries: readonly (readonly [type: string, target: string])[]): string {
  return (
    `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    entries
      .map(
        ([type, target], index) =>
          `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS_NS}/${type}" Target="${target}"/>`,
      )
      .join('') +
    '</Relationships>'
  );
}

const WORKBOOK_CONTENT_TYPES =
  `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '</Types>';
const WORKBOOK = `${DECLARATION}<workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIPS_NS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const STYLES =
  `${DECLARATION}<styleSheet xmlns="${SPREADSHEET_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The workbook's files: row 1 the series' names, then a row per category with each series' value. */
export function workbookFiles(chart: LineChart): [path: string, xml: string][] {
  const header = chart.series.map((entry) => entry.name);
  const texts = [...header, ...chart.categories];
  const strings = new Map<string, number>();
  for (const text of texts) if (!strings.has(text)) strings.set(text, strings.size);
  const textCell = (text: string, name: string) => `<c r="${name}" t="s"><v>${strings.get(text)}</v></c>`;
  const rows = [
    `<row r="1">${header.map((text, index) => textCell(text, `${columnName(index + 1)}1`)).join('')}</row>`,
    ...chart.categories.map((category, point) => {
      const row = point + 2;
      const values = chart.series
        .map((entry, index) => {
          const value = entry.values[point];
          return value === null || value === undefined
            ? ''
            : `<c r="${columnName(index + 1)}${row}"><v>${numberText(value)}</v></c>`;
        })
        .join('');
      return `<row r="${row}">${textCell(category, `A${row}`)}${values}</row>`;
    }),
  ];
  const sheet =
    `${DECLARATION}<worksheet xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    `<dimension ref="A1:${columnName(chart.series.length)}${chart.categories.length + 1}"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const sharedStrings =
    `${DECLARATION}<sst xmlns="${SPREADSHEET_NS}" count="${texts.length}" uniqueCount="${strings.size}">` +
    [...strings.keys()]
      .map((text) =>
        /^\s|\s$/.test(text)
          ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`
          : `<si><t>${escapeXml(text)}</t></si>`,
      )
      .join('') +
    '</sst>';
  return [
    ['[Content_Types].xml', WORKBOOK_CONTENT_TYPES],
    ['_rels/.rels', relationships([['officeDocument', 'xl/workbook.xml']])],
    ['xl/workbook.xml', WORKBOOK],
    [
      'xl/_rels/workbook.xml.rels',
      relationships([
        ['worksheet', 'worksheets/sheet1.xml'],
        ['styles', 'styles.xml'],
        ['sharedStrings', 'sharedStrings.xml'],
      ]),
    ],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', sharedStrings],
  ];
}

/** The embedded workbook, zipped as docx zips it (the packaging restamps its times). */
export function workbookBytes(chart: LineChart): Uint8Array {
  return zipSync(Object.fromEntries(workbookFiles(chart).map(([path, xml]) => [path, strToU8(xml)])));
}

/** The run's drawing (inside its w:r), referring to the chart by its relationship id in the document. */
export function drawingXml(chart: LineChart, relationshipId: string, drawingId: number): string {
  return (
    '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${Math.round(chart.size.width * EMU_PER_PIXEL)}" cy="${Math.round(chart.size.height * EMU_PER_PIXEL)}"/>` +
    '<wp:effectExtent t="0" r="0" b="0" l="0"/>' +
    `<wp:docPr id="${drawingId}" name="${escapeXml(chart.altText.name)}" descr="${escapeXml(chart.altText.description)}"/>` +
    `<wp:cNvGraphicFramePr/><a:graphic xmlns:a="${DRAWING_NS}"><a:graphicData uri="${CHART_NS}">` +
    `<c:chart xmlns:c="${CHART_NS}" xmlns:r="${RELATIONSHIPS_NS}" r:id="${relationshipId}"/>` +
    '</a:graphicData></a:graphic></wp:inline></w:drawing>'
  );
}

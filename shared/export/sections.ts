/** The document's sections: one per run of pages of one orientation, each with its page setup and footer. */
import { Footer, PageNumber, PageOrientation, Paragraph, TabStopType, TextRun, type ISectionOptions } from 'docx';
import { textRuns } from './blocks';
import type { ExportContext, Orientation } from './context';
import { areaName, periodLabel } from './labels';
import { cleanLine } from './sanitize';
import { LANDSCAPE_TEXT_WIDTH, PAGE, PORTRAIT_TEXT_WIDTH } from './styles';

/** The footer's words: whose document it is and its status ("Glenmore SOA 2013-2023 – contribution of NHS Strathmore – Draft v0.3"). */
function footerLabel(context: ExportContext): string {
  const base = `${areaName(context.snapshot)} SOA ${periodLabel(context.snapshot)}`;
  return context.partner
    ? `${base} \u2013 contribution of ${cleanLine(context.partner.name)} \u2013 ${context.status}`
    : `${base} \u2013 ${context.status}`;
}

export function sections(context: ExportContext): ISectionOptions[] {
  const footer = (orientation: Orientation) => {
    const width = orientation === 'portrait' ? PORTRAIT_TEXT_WIDTH : LANDSCAPE_TEXT_WIDTH;
    return new Footer({
      children: [
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: width }],
          children: [
            ...textRuns(footerLabel(context), { size: 20 }),
            new TextRun({ text: '\tPage ', size: 20 }),
            new TextRun({ children: [PageNumber.CURRENT], size: 20 }),
            new TextRun({ text: ' of ', size: 20 }),
            new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 20 }),
          ],
        }),
      ],
    });
  };
  const footers = { portrait: footer('portrait'), landscape: footer('landscape') };
  return context.parts.map((part, index) => ({
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: part.orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
        },
        margin: {
          top: PAGE.margin,
          right: PAGE.margin,
          bottom: PAGE.margin,
          left: PAGE.margin,
          header: 567,
          footer: 567,
        },
      },
      // The cover has no footer.
      ...(index === 0 ? { titlePage: true } : {}),
    },
    footers:
      index === 0
        ? { default: footers[part.orientation], first: new Footer({ children: [new Paragraph({})] }) }
        : { default: footers[part.orientation] },
    children: part.children.length > 0 ? part.children : [new Paragraph({})],
  }));
}

/** The annexes: indicator definitions, partner statements, notes on gaps, and items to tidy up. */
import { checkCompleteness } from '../model/completeness';
import { NARRATIVE_TITLES } from '../model/frame';
import { isRichTextEmpty } from '../model/richText';
import { labelled, line, note, textParagraphs, withoutSpareSeparators, type BodyBlock } from './blocks';
import { outcomeChapterKey, type ExportContext } from './context';
import { indicatorOrigin, indicatorSource } from './indicatorEra';
import { NOT_YET_WRITTEN, signOffLabel } from './labels';
import { BULLET_NUMBERING, PORTRAIT_TEXT_WIDTH, STYLE_IDS } from './styles';
import { unreadableNote } from './unreadable';

export function annexes(context: ExportContext): void {
  const snapshot = context.snapshot;
  const partner = context.partner;
  let letter = 0;
  const annexHeading = (title: string) =>
    context.heading(1, `Annex ${String.fromCharCode(65 + letter++)}: ${title}`, { numbered: false, newPage: true });

  // Indicator definitions.
  const outcomes = partner
    ? snapshot.outcomes.filter(
        (outcome) =>
          outcome.contributions.some((c) => c.partner.id === partner.id) ||
          outcome.leadPartner?.id === partner.id ||
          outcome.deliveringPartners.some((d) => d.id === partner.id) ||
          outcome.indicators.some((i) => i.leadPartner?.id === partner.id),
      )
    : snapshot.outcomes;
  const definitions: BodyBlock[] = [annexHeading('Indicator definitions')];
  let count = 0;
  for (const outcome of outcomes) {
    if (outcome.indicators.length === 0) continue;
    // The indicators are grouped under their outcome, named once, with the chapter that sets it out.
    definitions.push(
      context.reference((numberOf) => {
        const chapter = numberOf(outcomeChapterKey(outcome.id));
        return [
          context.heading(2, `Indicators of outcome ${outcome.number}${chapter ? ` (chapter ${chapter})` : ''}`, {
            numbered: false,
          }),
        ];
      }),
    );
    for (const indicator of outcome.indicators) {
      count++;
      definitions.push(
        line(indicator.displayName, { style: STYLE_IDS.minorHeading }),
        labelled('Definition', indicator.displayDefinition || NOT_YET_WRITTEN),
        labelled('Unit', indicator.displayUnit || 'Not given'),
        labelled(
          'Better when',
          indicator.higherIsBetter === null ? 'Not yet chosen' : indicator.higherIsBetter ? 'higher' : 'lower',
        ),
        labelled('Source', indicatorSource(indicator, snapshot) || 'Not given'),
        labelled('Origin', indicatorOrigin(indicator, snapshot)),
      );
    }
  }
  if (count === 0) definitions.push(note('No indicators have been set yet.'));
  context.portrait(...definitions);

  // Partner statements (the whole SOA; a partner's extract has its statement as a chapter).
  if (!partner) {
    const statements: BodyBlock[] = [annexHeading('Partner statements')];
    if (snapshot.partners.length === 0) statements.push(note('No partners have been added yet.'));
    for (const each of snapshot.partners) {
      statements.push(context.heading(2, each.name, { numbered: false }));
      statements.push(
        labelled(
          'Sign-off',
          `${signOffLabel(each.signOff)}${each.signOff.officerName ? `, ${each.signOff.officerName}` : ''}${each.signOff.officerPosition ? `, ${each.signOff.officerPosition}` : ''}`,
        ),
      );
      statements.push(...(each.unreadable ? [note(unreadableNote(each))] : context.richText(each.statement, 3)));
    }
    context.portrait(...statements);
  }

  // Notes on gaps still to be filled.
  const gaps: BodyBlock[] = [annexHeading(NARRATIVE_TITLES.gapNotes)];
  if (!partner) {
    if (!isRichTextEmpty(snapshot.narrative.gapNotes))
      gaps.push(
        ...withoutSpareSeparators(
          context.rich.blocks(snapshot.narrative.gapNotes, { headingBase: 3, width: PORTRAIT_TEXT_WIDTH }),
        ),
      );
    for (const outcome of snapshot.outcomes) {
      if (outcome.gapNote.trim()) gaps.push(labelled(`Outcome ${outcome.number}`, outcome.gapNote));
    }
  }
  for (const each of partner ? [partner] : snapshot.partners) {
    const notes: BodyBlock[] = [];
    if (!isRichTextEmpty(each.gapNotes))
      notes.push(
        ...withoutSpareSeparators(context.rich.blocks(each.gapNotes, { headingBase: 3, width: PORTRAIT_TEXT_WIDTH })),
      );
    for (const outcome of snapshot.outcomes) {
      const contribution = outcome.contributions.find((candidate) => candidate.partner.id === each.id);
      if (contribution?.gapNote.trim()) notes.push(labelled(`Outcome ${outcome.number}`, contribution.gapNote));
    }
    if (notes.length > 0) gaps.push(line(each.name, { style: STYLE_IDS.minorHeading }), ...notes);
  }
  if (!snapshot.allAgreed) {
    const report = checkCompleteness(snapshot, context.options.generatedOn);
    // A partner's board sees only what that partner still has to do.
    const items = [
      ...(partner ? [] : report.general),
      ...(partner ? [] : report.outcomes.flatMap((outcome) => outcome.missing)),
      ...report.partners.filter((each) => !partner || each.partner.id === partner.id).flatMap((each) => each.missing),
    ];
    if (items.length > 0) {
      gaps.push(line('Still missing from this draft', { style: STYLE_IDS.minorHeading }));
      // A long to-do list is capped: the app holds the full list.
      const shown = items.slice(0, 300);
      shown.forEach((item, index) => {
        // The last three items stay together (and a short list with its heading): never one alone on a page.
        const keepNext = index < shown.length - 1 && (shown.length <= 6 || index >= shown.length - 3);
        gaps.push(
          line(item.message, {
            numbering: { reference: BULLET_NUMBERING, level: 0 },
            spacing: { after: 40 },
            ...(keepNext ? { keepNext: true } : {}),
          }),
        );
      });
      if (items.length > 300)
        gaps.push(note(`And ${items.length - 300} more; the completeness view in SOA Studio lists them all.`));
    }
  }
  if (gaps.length === 1) gaps.push(note('There are no notes on gaps.'));
  context.portrait(...gaps);

  // References to things that no longer exist, for the coordinators to tidy (whole SOA only).
  if (!partner && snapshot.orphans.length > 0) {
    context.portrait(
      annexHeading('Items to tidy up'),
      ...textParagraphs(
        'These parts of the SOA refer to something that has been removed. They are left out of the document above.',
      ),
      ...snapshot.orphans.map((orphan) =>
        line(orphan.message, { numbering: { reference: BULLET_NUMBERING, level: 0 }, spacing: { after: 40 } }),
      ),
    );
  }
}

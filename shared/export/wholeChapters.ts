/** The chapters of the whole SOA, in the order of SOA.md: the narrative chapters around the outcomes. */
import type { NarrativeKey } from '../model/frame';
import { NARRATIVE_TITLES } from '../model/frame';
import { dataTable, line, type BodyBlock } from './blocks';
import { equalityOutcomeKey, outcomeChapterKey, type ExportContext } from './context';
import { NOT_YET_WRITTEN } from './labels';
import { outcomeChapter } from './outcomeChapter';
import { preventionChapter } from './preventionChapter';
import { BULLET_NUMBERING, PORTRAIT_TEXT_WIDTH } from './styles';
import { visionChapter } from './visionChapter';

export function wholeChapters(context: ExportContext): void {
  const snapshot = context.snapshot;
  narrativeChapter(context, 'foreword', (blocks) => {
    if (snapshot.outcomes.length === 0) return;
    blocks.push(context.heading(2, 'Our local outcomes at a glance'));
    // A list that points to each outcome's chapter, which is the outcome's home.
    blocks.push(
      context.reference((numberOf) =>
        snapshot.outcomes.map((outcome) => {
          const chapter = numberOf(outcomeChapterKey(outcome.id));
          return line(
            `Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}${chapter ? ` (chapter ${chapter})` : ''}`,
            {
              numbering: { reference: BULLET_NUMBERING, level: 0 },
            },
          );
        }),
      ),
    );
  });
  narrativeChapter(context, 'purpose');
  narrativeChapter(context, 'understandingOfPlace');
  visionChapter(context);
  for (const outcome of snapshot.outcomes) outcomeChapter(context, outcome);
  preventionChapter(context);
  narrativeChapter(context, 'communityEngagement');
  narrativeChapter(context, 'equalities', (blocks) => {
    if (snapshot.outcomes.length === 0) return;
    blocks.push(context.heading(2, 'Equality outcomes of the local outcomes'));
    // Each equality outcome is written once, in its outcome's chapter; here, where to find it and who leads it.
    blocks.push(
      context.reference((numberOf) => [
        dataTable({
          caption: 'Where each equality outcome is set out',
          description:
            'For each local outcome, the section of this document with its equality outcome, and its lead partner.',
          header: ['Local outcome', 'Equality outcome', 'Lead partner'],
          widths: [2400, PORTRAIT_TEXT_WIDTH - 5400, 3000],
          rows: snapshot.outcomes.map((outcome) => {
            const section = numberOf(equalityOutcomeKey(outcome.id));
            return [
              `Outcome ${outcome.number}`,
              outcome.equalityNote.trim() ? (section ? `See ${section}` : 'In the outcome’s chapter') : NOT_YET_WRITTEN,
              outcome.leadPartner?.name ?? 'Not yet chosen',
            ];
          }),
        }),
      ]),
    );
  });
  narrativeChapter(context, 'governance');
}

function narrativeChapter(context: ExportContext, key: NarrativeKey, extra?: (blocks: BodyBlock[]) => void): void {
  const blocks: BodyBlock[] = [
    context.heading(1, NARRATIVE_TITLES[key], { newPage: true }),
    ...context.richText(context.snapshot.narrative[key], 1),
  ];
  extra?.(blocks);
  context.portrait(...blocks);
}

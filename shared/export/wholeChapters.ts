/** The chapters of the whole SOA, in the order of SOA.md: the narrative chapters around the outcomes. */
import type { NarrativeKey } from '../model/frame';
import { NARRATIVE_TITLES } from '../model/frame';
import { dataTable, line, type BodyBlock } from './blocks';
import type { ExportContext } from './context';
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
    for (const outcome of snapshot.outcomes) {
      blocks.push(line(`Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { numbering: { reference: BULLET_NUMBERING, level: 0 } }));
    }
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
    blocks.push(
      dataTable({
        caption: 'Equality outcomes of the local outcomes',
        header: ['Local outcome', 'Equality outcome', 'Lead partner'],
        widths: [3400, PORTRAIT_TEXT_WIDTH - 5800, 2400],
        rows: snapshot.outcomes.map((outcome) => [
          `${outcome.number}. ${outcome.title}`,
          outcome.equalityNote.trim() || NOT_YET_WRITTEN,
          outcome.leadPartner?.name ?? 'Not yet chosen',
        ]),
      }),
    );
  });
  narrativeChapter(context, 'governance');
}

function narrativeChapter(context: ExportContext, key: NarrativeKey, extra?: (blocks: BodyBlock[]) => void): void {
  const blocks: BodyBlock[] = [context.heading(1, NARRATIVE_TITLES[key], { newPage: true }), ...context.richText(context.snapshot.narrative[key], 1)];
  extra?.(blocks);
  context.portrait(...blocks);
}

/** The vision chapter: the vision, the local outcomes, and how they map to the policy priorities and National Outcomes. */
import { POLICY_PRIORITIES } from '../reference';
import { dataTable, line, note, textParagraphs } from './blocks';
import type { ExportContext } from './context';
import { LANDSCAPE_TEXT_WIDTH, MATRIX_SIZE, PORTRAIT_TEXT_WIDTH, STYLE_IDS } from './styles';

export function visionChapter(context: ExportContext): void {
  const snapshot = context.snapshot;
  context.portrait(context.heading(1, 'Our vision and local outcomes', { newPage: true }), ...context.richText(snapshot.narrative.vision, 1));
  if (snapshot.outcomes.length === 0) {
    context.portrait(note('No local outcomes have been written yet.'));
    return;
  }
  context.portrait(context.heading(2, 'Our local outcomes'));
  for (const outcome of snapshot.outcomes) {
    context.portrait(line(`Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { style: STYLE_IDS.minorHeading }));
    context.portrait(...context.richText(outcome.tenYearStatement, 3));
  }

  // Local outcomes x the six policy priorities: seven columns fit a portrait page with short headings and a key.
  const priorityColumns = [
    ['economic-recovery-growth', 'Economy'],
    ['employment', 'Jobs'],
    ['early-years', 'Early years'],
    ['safer-stronger-communities', 'Safer, stronger'],
    ['health-inequalities', 'Health'],
    ['older-people', 'Older people'],
  ] as const;
  const priorityWidth = 1150;
  context.portrait(
    context.heading(2, 'Local outcomes and the six policy priorities'),
    ...textParagraphs('A tick shows that the local outcome contributes to the policy priority. The key below the table gives each priority in full.'),
    dataTable({
      caption: 'Local outcomes and the six policy priorities',
      description: 'A tick where a local outcome contributes to a policy priority.',
      header: ['Local outcome', ...priorityColumns.map(([, label]) => label)],
      widths: [PORTRAIT_TEXT_WIDTH - priorityColumns.length * priorityWidth, ...priorityColumns.map(() => priorityWidth)],
      size: 20,
      centredColumns: [1, 2, 3, 4, 5, 6],
      rows: snapshot.outcomes.map((outcome) => [
        `${outcome.number}. ${outcome.title}`,
        ...priorityColumns.map(([id]) => (outcome.priorities.some((priority) => priority.id === id) ? { text: '\u2713', bold: true } : '')),
      ]),
    }),
    line('Key', { style: STYLE_IDS.minorHeading }),
    ...priorityColumns.map(([id, short]) => {
      const full = POLICY_PRIORITIES.find((priority) => priority.id === id)?.text ?? short;
      return line(full.toLowerCase() === short.toLowerCase() ? full : `${short}: ${full}`, { spacing: { after: 40 } });
    }),
  );

  // Local outcomes x the framework's National Outcomes: 16 columns need a landscape page.
  const nationals = snapshot.framework.outcomes;
  const firstWidth = 3800;
  const columnWidth = Math.floor((LANDSCAPE_TEXT_WIDTH - firstWidth) / Math.max(nationals.length, 1));
  const shortLabel = (index: number) => {
    const outcome = nationals[index]!;
    return outcome.shortName ?? `NO ${outcome.number}`;
  };
  context.add(
    'landscape',
    context.heading(2, `Local outcomes and the National Outcomes (${snapshot.framework.name})`),
    ...textParagraphs(`A tick shows that the local outcome contributes to the National Outcome. The key below the table gives each National Outcome in full.`),
    dataTable({
      caption: 'Local outcomes and the National Outcomes',
      description: 'A tick where a local outcome contributes to a National Outcome.',
      header: ['Local outcome', ...nationals.map((_, index) => shortLabel(index))],
      widths: [LANDSCAPE_TEXT_WIDTH - columnWidth * nationals.length, ...nationals.map(() => columnWidth)],
      size: MATRIX_SIZE,
      centredColumns: nationals.map((_, index) => index + 1),
      rows: snapshot.outcomes.map((outcome) => [
        `${outcome.number}. ${outcome.title}`,
        ...nationals.map((national) => (outcome.nationalOutcomes.some((linked) => linked.id === national.id) ? { text: '\u2713', bold: true } : '')),
      ]),
    }),
    line('Key', { style: STYLE_IDS.minorHeading }),
    ...nationals.map((national, index) => line(`${shortLabel(index)}: ${national.text}`, { spacing: { after: 40 } })),
  );
}

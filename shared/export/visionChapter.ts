/** The vision chapter: the vision, the local outcomes, and how they map to the policy priorities and National Outcomes. */
import { POLICY_PRIORITIES } from '../reference';
import { dataTable, line, note, textParagraphs } from './blocks';
import { outcomeChapterKey, type ExportContext } from './context';
import { MATRIX_SIZE, PORTRAIT_TEXT_WIDTH } from './styles';

export function visionChapter(context: ExportContext): void {
  const snapshot = context.snapshot;
  context.portrait(
    context.heading(1, 'Our vision and local outcomes', { newPage: true }),
    ...context.richText(snapshot.narrative.vision, 1),
  );
  if (snapshot.outcomes.length === 0) {
    context.portrait(note('No local outcomes have been written yet.'));
    return;
  }
  // Each outcome's ten-year statement and milestones have one home, its own chapter: here a pointer to them.
  context.portrait(
    context.reference((numberOf) => {
      const first = numberOf(outcomeChapterKey(snapshot.outcomes[0]!.id));
      const last = numberOf(outcomeChapterKey(snapshot.outcomes[snapshot.outcomes.length - 1]!.id));
      const where = !first
        ? 'in its own chapter'
        : first === last
          ? `in chapter ${first}`
          : `in its own chapter, chapters ${first} to ${last}`;
      return textParagraphs(
        `Each local outcome is set out ${where}: what will be different in ten years and the milestones on the way, ` +
          'the evidence, what partners will contribute, its equality outcome and its indicators.',
      );
    }),
  );

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
  // The key comes first, so a reader meets each short heading's meaning before the ticks.
  context.portrait(
    context.heading(2, 'Local outcomes and the six policy priorities'),
    ...textParagraphs(
      'A tick shows that the local outcome contributes to the policy priority. The columns are headed by these short names:',
    ),
    ...priorityColumns.map(([id, short]) => {
      const full = POLICY_PRIORITIES.find((priority) => priority.id === id)?.text ?? short;
      return line(full.toLowerCase() === short.toLowerCase() ? full : `${short}: ${full}`, { spacing: { after: 40 } });
    }),
    dataTable({
      caption: 'Local outcomes and the six policy priorities',
      description: 'A tick where a local outcome contributes to a policy priority.',
      header: ['Local outcome', ...priorityColumns.map(([, label]) => label)],
      widths: [
        PORTRAIT_TEXT_WIDTH - priorityColumns.length * priorityWidth,
        ...priorityColumns.map(() => priorityWidth),
      ],
      size: 20,
      centredColumns: [1, 2, 3, 4, 5, 6],
      keepTogether: true,
      rows: snapshot.outcomes.map((outcome) => [
        `${outcome.number}. ${outcome.title}`,
        ...priorityColumns.map(([id]) =>
          outcome.priorities.some((priority) => priority.id === id) ? { text: '\u2713', bold: true } : '',
        ),
      ]),
    }),
  );

  // The framework's National Outcomes x the local outcomes, on a portrait page of its own: one row per National
  // Outcome with its full wording (no key to look up), one narrow column per local outcome, named first.
  const nationals = snapshot.framework.outcomes;
  const outcomes = snapshot.outcomes;
  const tickWidth = 480;
  context.portrait(
    context.heading(2, 'Local outcomes and the National Outcomes', { newPage: true }),
    ...textParagraphs(
      `A tick shows that the local outcome contributes to the National Outcome (${snapshot.framework.name}). ` +
        'The columns are the local outcomes, by number:',
    ),
    ...outcomes.map((outcome) =>
      line(
        `${outcome.number}. ${outcome.title || 'Untitled outcome'}`,
        { spacing: { after: 20 } },
        { size: MATRIX_SIZE },
      ),
    ),
    // More local outcomes than fit beside the wording go in a further table of the same shape.
    ...chunk(outcomes, MATRIX_MAX_COLUMNS).flatMap((group, index) => [
      ...(index > 0
        ? [line(`Local outcomes ${group[0]!.number} to ${group[group.length - 1]!.number}:`, { keepNext: true })]
        : []),
      dataTable({
        caption:
          group.length < outcomes.length
            ? `Local outcomes ${group[0]?.number ?? ''} to ${group[group.length - 1]?.number ?? ''} and the National Outcomes`
            : 'Local outcomes and the National Outcomes',
        description:
          'A tick where a local outcome contributes to a National Outcome; a row for each National Outcome, a column for each local outcome.',
        header: ['National Outcome', ...group.map((outcome) => String(outcome.number))],
        widths: [PORTRAIT_TEXT_WIDTH - tickWidth * group.length, ...group.map(() => tickWidth)],
        size: MATRIX_SIZE,
        keepTogether: true,
        centredColumns: group.map((_, column) => column + 1),
        rows: nationals.map((national) => [
          national.shortName ? `${national.shortName}: ${national.text}` : `${national.number}. ${national.text}`,
          ...group.map((outcome) =>
            outcome.nationalOutcomes.some((linked) => linked.id === national.id) ? { text: '\u2713', bold: true } : '',
          ),
        ]),
      }),
    ]),
  );
}

/** Local outcomes per National Outcomes matrix: nine tick columns leave the wording more than half the page. */
const MATRIX_MAX_COLUMNS = 9;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let index = 0; index < items.length; index += size) groups.push(items.slice(index, index + size));
  return groups.length > 0 ? groups : [[]];
}

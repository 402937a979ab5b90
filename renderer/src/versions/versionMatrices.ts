/**
 * The two matrices of the vision chapter as the version view shows them (VersionMatrices.tsx): local outcomes
 * by the six policy priorities, and the framework's National Outcomes by the local outcomes, as the Word
 * export has them (shared/export/visionChapter.ts). Each cell says "Yes" or "No" in words, never a mark alone.
 */
import { POLICY_PRIORITIES } from '../../../shared/reference';
import type { SoaSnapshot } from '../../../shared/model';

export interface Matrix {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly heading: string; readonly cells: readonly ('Yes' | 'No')[] }[];
}

export function priorityMatrix(snapshot: SoaSnapshot): Matrix {
  return {
    columns: POLICY_PRIORITIES.map((priority) => priority.text),
    rows: snapshot.outcomes.map((outcome) => ({
      heading: `${outcome.number}. ${outcome.title || 'Untitled outcome'}`,
      cells: POLICY_PRIORITIES.map((priority) =>
        outcome.priorities.some((linked) => linked.id === priority.id) ? 'Yes' : 'No',
      ),
    })),
  };
}

/** A row per National Outcome with its full wording, a column per local outcome by number. */
export function nationalOutcomeMatrix(snapshot: SoaSnapshot): Matrix {
  return {
    columns: snapshot.outcomes.map((outcome) => `Outcome ${outcome.number}`),
    rows: snapshot.framework.outcomes.map((national) => ({
      heading: national.shortName ? `${national.shortName}: ${national.text}` : `${national.number}. ${national.text}`,
      cells: snapshot.outcomes.map((outcome) =>
        outcome.nationalOutcomes.some((linked) => linked.id === national.id) ? 'Yes' : 'No',
      ),
    })),
  };
}

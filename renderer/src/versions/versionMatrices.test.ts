import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { assembleFromDocs, FrameDocument, type SoaId } from '../../../shared/model';
import { nationalOutcomeMatrix, priorityMatrix } from './versionMatrices';

function twoOutcomes() {
  const doc = new Y.Doc();
  const frame = new FrameDocument(doc);
  frame.initialise({
    soaId: 'soa-1' as SoaId,
    title: 'Balmuir SOA',
    area: 'Balmuir',
    partnershipName: 'Balmuir CPP',
    framework: 'npf-2011',
  });
  const jobs = frame.addOutcome({ title: 'More people in work' });
  frame.setOutcomePriority(jobs, 'employment', true);
  frame.setOutcomePriority(jobs, 'economic-recovery-growth', true);
  frame.setOutcomeNationalOutcome(jobs, 'npf2011-02', true);
  frame.addOutcome({ title: '' });
  return assembleFromDocs(doc, new Map());
}

describe('the vision chapter’s matrices in a version', () => {
  const snapshot = twoOutcomes();

  it('gives a row per local outcome and a column per policy priority, in words', () => {
    const matrix = priorityMatrix(snapshot);
    expect(matrix.columns).toHaveLength(6);
    expect(matrix.rows.map((row) => row.heading)).toEqual(['1. More people in work', '2. Untitled outcome']);
    const yes = (row: number) => matrix.columns.filter((_, column) => matrix.rows[row]!.cells[column] === 'Yes');
    expect(yes(0)).toEqual([
      expect.stringMatching(/^Economic recovery and growth/i),
      expect.stringMatching(/^Employment/i),
    ]);
    expect(yes(1)).toEqual([]);
  });

  it('gives a row per National Outcome of the framework and a column per local outcome', () => {
    const matrix = nationalOutcomeMatrix(snapshot);
    expect(matrix.columns).toEqual(['Outcome 1', 'Outcome 2']);
    expect(matrix.rows).toHaveLength(16);
    expect(matrix.rows[1]).toEqual({
      heading: '2. We realise our full economic potential with more and better employment opportunities for our people',
      cells: ['Yes', 'No'],
    });
    expect(matrix.rows.filter((row) => row.cells.includes('Yes'))).toHaveLength(1);
  });
});

/**
 * Progress as React reads it: assembled from every room's progress records each time the SOA snapshot is
 * reassembled (any change in any room), and the room a member records an indicator's values in.
 */
import { useMemo } from 'react';
import '../styles/progress.css';
import {
  assembleProgress,
  latestReportedYear,
  ProgressRoom,
  readProgressRooms,
  valuesRecordedBy,
  type IndicatorEntry,
  type ProgressSnapshot,
  type ReportingYear,
  type RoomOwner,
} from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import type { SectionOwner } from '../store/workspace';

export function useProgress(): ProgressSnapshot {
  const workspace = useWorkspace();
  const state = useDocState();
  return useMemo(
    () =>
      assembleProgress(
        state.frame,
        readProgressRooms(
          workspace.docOf({ kind: 'frame' }),
          state.frame.partners.map(
            (partner) => [partner.id, workspace.docOf({ kind: 'partner', partnerId: partner.id })] as const,
          ),
        ),
      ),
    // The snapshot's version changes with every change to any room.
    [state.version, workspace],
  );
}

export function sectionOf(owner: RoomOwner): SectionOwner {
  return owner.kind === 'coordinators' ? { kind: 'frame' } : { kind: 'partner', partnerId: owner.partnerId };
}

/** Where this member records the indicator's values, or null when they may not (someone else leads it). */
export function useValueRoom(indicator: IndicatorEntry): ProgressRoom | null {
  const workspace = useWorkspace();
  const { frame } = useDocState();
  const owner = valuesRecordedBy(indicator, new Set<string>(frame.partners.map((partner) => partner.id)));
  if (!owner || !workspace.canWrite(sectionOf(owner))) return null;
  return new ProgressRoom(workspace.docOf(sectionOf(owner)));
}

/** The year pages show first: the latest with a value. */
export function defaultYear(progress: ProgressSnapshot): ReportingYear | null {
  return latestReportedYear(progress);
}

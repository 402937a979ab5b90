/** An indicator's status in words with an icon of its own shape, so it never depends on colour alone. */
import { TRAJECTORY_STATE_LABELS, type TrajectoryState } from '../../../shared/model';

/** A distinct shape per state: tick, half-filled circle, cross, dash, question mark. */
const ICONS: Readonly<Record<TrajectoryState, string>> = {
  'on-track': '\u2714',
  'some-way-to-go': '\u25D0',
  'off-track': '\u2716',
  'no-data': '\u2013',
  'target-not-a-number': '?',
  'direction-not-set': '?',
  conflict: '\u26A0',
};

export function StatusBadge({ state, reason }: { readonly state: TrajectoryState; readonly reason?: string }) {
  return (
    <span className={`trajectory-status trajectory-${state}`} data-status={state} title={reason}>
      <span aria-hidden="true" className="trajectory-icon">
        {ICONS[state]}
      </span>{' '}
      {TRAJECTORY_STATE_LABELS[state]}
    </span>
  );
}

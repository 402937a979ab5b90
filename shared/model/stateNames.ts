/**
 * The one set of words for where things stand, used by every screen and by the Word export, so an officer
 * never meets "signed off" in one place and "Agreed" in another. Two scales, never mixed:
 *   - progress: how far a section's writing has come (Not started, In progress, Complete);
 *   - sign-off: where a partner's agreement stands (Draft, Ready for sign-off, Agreed, Agreed to an earlier
 *     version).
 */

/** How far the writing of a section (an outcome, a narrative section, a partner's part) has come. */
export const PROGRESS_STATES = ['not-started', 'in-progress', 'complete'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export const PROGRESS_LABELS: Readonly<Record<ProgressState, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

/**
 * Where a partner's sign-off stands now. 'agreed-earlier-version': the partner agreed, but what its agreement
 * covers (its own room, the frame sections of the outcomes it delivers) has changed since; it counts as not
 * agreed until the partner confirms again.
 */
export const SIGN_OFF_STATUSES = ['draft', 'ready', 'agreed', 'agreed-earlier-version'] as const;
export type SignOffStatus = (typeof SIGN_OFF_STATUSES)[number];

export const SIGN_OFF_LABELS: Readonly<Record<SignOffStatus, string>> = {
  draft: 'Draft',
  ready: 'Ready for sign-off',
  agreed: 'Agreed',
  'agreed-earlier-version': 'Agreed to an earlier version',
};

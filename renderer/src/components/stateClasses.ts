/** The colour of each state's pill: one mapping, so a state looks the same in the outline, dashboard and pages. */
import type { ProgressState, SignOffStatus } from '../../../shared/model';

export const PROGRESS_CLASS: Readonly<Record<ProgressState, string>> = {
  'not-started': 'state-empty',
  'in-progress': 'state-progress',
  complete: 'state-complete',
};

export const SIGN_OFF_CLASS: Readonly<Record<SignOffStatus, string>> = {
  draft: 'state-progress',
  ready: 'state-complete',
  agreed: 'state-signed',
  'agreed-earlier-version': 'state-earlier',
};

/**
 * What pages may do to a section: its typed writes and the rich-text fragments its editors bind to, and
 * nothing else. Reads come from the DocumentState snapshot, which is reassembled automatically after every
 * write, so a command never needs a refresh after it.
 */
import type { FrameDocument, PartnerDocument } from '../../../shared/model';

export type FrameCommands = Pick<
  FrameDocument,
  | 'updateMeta'
  | 'text'
  | 'readText'
  | 'setText'
  | 'setNarrative'
  | 'narrativeFragment'
  | 'addPartner'
  | 'updatePartner'
  | 'removePartner'
  | 'addOutcome'
  | 'updateOutcome'
  | 'setOutcomeTenYearStatement'
  | 'setOutcomeEvidence'
  | 'outcomeTenYearFragment'
  | 'outcomeEvidenceFragment'
  | 'deleteOutcome'
  | 'moveOutcome'
  | 'setOutcomeNationalOutcome'
  | 'setOutcomePriority'
  | 'setOutcomeTag'
  | 'setDeliveringPartner'
  | 'addIndicator'
  | 'updateIndicator'
  | 'deleteIndicator'
  | 'moveIndicator'
>;

export type PartnerCommands = Pick<
  PartnerDocument,
  | 'contributionFragment'
  | 'text'
  | 'readText'
  | 'setText'
  | 'statementFragment'
  | 'gapNotesFragment'
  | 'addContribution'
  | 'removeContribution'
  | 'setContributionStatement'
  | 'setContributionGapNote'
  | 'setStatement'
  | 'setGapNotes'
  | 'addCommitment'
  | 'updateCommitment'
  | 'deleteCommitment'
  | 'moveCommitment'
  | 'addIndicatorLink'
  | 'updateIndicatorLink'
  | 'deleteIndicatorLink'
  | 'markReady'
  | 'agree'
  | 'returnToDraft'
  | 'setTotalResources'
  | 'totalResourcesBasisText'
>;

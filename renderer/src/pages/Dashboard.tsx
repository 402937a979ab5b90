/**
 * The coordinator's dashboard, straight from checkCompleteness (shared/model/completeness): what is missing
 * for each outcome and each partner, partners yet to agree (and what changed since an earlier agreement), and days left to the deadlines. Every item is a
 * button that goes to the place to fix it.
 */
import { PROGRESS_LABELS, SIGN_OFF_LABELS, type Orphan, type SoaSnapshot } from '../../../shared/model';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import type { Route } from '../routes';
import { useConfirm, type ConfirmOptions } from '../components/Dialog';
import { MissingList } from '../components/MissingList';
import { PROGRESS_CLASS, SIGN_OFF_CLASS } from '../components/stateClasses';
import { SignOffChanges } from '../components/SignOffChanges';
import type { Workspace } from '../store/workspace';
import { ProgressSummary } from '../progress/ProgressSummary';
import { FrameRepairNotice } from '../components/FrameRepairNotice';
import { ChangesSinceCard } from '../versions/ChangesSinceCard';

export function Dashboard() {
  const { completeness, soa } = useDocState();
  const { counts, deadlines } = completeness;
  return (
    <>
      <FrameRepairNotice />
      <section className="card summary-cards" aria-label="Summary">
        <div className="metric">
          <span className="metric-value">{counts.missing}</span>
          <span className="metric-label">things missing</span>
        </div>
        <div className="metric">
          <span className="metric-value">
            {counts.outcomesComplete} of {counts.outcomes}
          </span>
          <span className="metric-label">outcomes complete</span>
        </div>
        <div className="metric">
          <span className="metric-value">{counts.signOffsOutstanding}</span>
          <span className="metric-label">partners yet to agree</span>
        </div>
        <div className="metric">
          <span className="metric-value">{deadlines.draftDue ? deadlines.draftDue.description : 'No date'}</span>
          <span className="metric-label">draft due{deadlines.draftDue ? ` ${deadlines.draftDue.label}` : ''}</span>
        </div>
        <div className="metric">
          <span className="metric-value">
            {deadlines.agreementDue ? deadlines.agreementDue.description : 'No date'}
          </span>
          <span className="metric-label">
            agreement due{deadlines.agreementDue ? ` ${deadlines.agreementDue.label}` : ''}
          </span>
        </div>
      </section>
      <ChangesSinceCard />
      <ProgressSummary />
      {completeness.general.length > 0 && (
        <section className="card" aria-labelledby="dash-general">
          <h2 id="dash-general">The SOA as a whole</h2>
          <MissingList items={completeness.general} />
        </section>
      )}
      <section className="card" aria-labelledby="dash-outcomes">
        <h2 id="dash-outcomes">Local outcomes</h2>
        {completeness.outcomes.length === 0 && <p className="empty-note">No local outcomes yet.</p>}
        {completeness.outcomes.map((outcome, index) => (
          <div key={outcome.outcomeId} className="dash-group">
            <h3>
              Outcome {index + 1}: {outcome.title || 'Untitled'}{' '}
              <span className={`state-pill ${PROGRESS_CLASS[outcome.progress]}`}>
                {PROGRESS_LABELS[outcome.progress]}
                {outcome.missing.length > 0 ? `: ${outcome.missing.length} missing` : ''}
              </span>
            </h3>
            {outcome.missing.length > 0 && <MissingList items={outcome.missing} />}
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="dash-partners">
        <h2 id="dash-partners">Partners</h2>
        {completeness.partners.map((entry) => (
          <div key={entry.partner.id} className="dash-group">
            <h3>
              {entry.partner.name}{' '}
              <span className={`state-pill ${SIGN_OFF_CLASS[entry.signOff.state]}`}>
                {SIGN_OFF_LABELS[entry.signOff.state]}
              </span>
            </h3>
            <SignOffChanges partnerName={entry.partner.name} signOff={entry.signOff} />
            {entry.missing.length > 0 ? <MissingList items={entry.missing} /> : <p>Nothing missing.</p>}
          </div>
        ))}
      </section>
      {soa.orphans.length > 0 && <OrphanList orphans={soa.orphans} soa={soa} />}
    </>
  );
}

interface Tidy {
  readonly label: string;
  /** Asked first when the tidy deletes something. */
  readonly confirm?: ConfirmOptions;
  readonly run: () => void;
}

/** What the owner can do at once to tidy an orphan, if anything. */
function tidyFor(orphan: Orphan, workspace: Workspace, soa: SoaSnapshot): Tidy | null {
  const partnerName = soa.partners.find((partner) => partner.id === orphan.partnerId)?.name ?? 'This partner';
  switch (orphan.kind) {
    case 'contribution-to-missing-outcome': {
      const { partnerId, outcomeId } = orphan;
      if (!partnerId || !outcomeId) return null;
      return {
        label: 'Remove this contribution',
        confirm: {
          title: 'Remove this contribution?',
          message: (
            <p>{partnerName}’s contribution to the deleted outcome, with its commitments and notes, will be removed.</p>
          ),
          confirmLabel: 'Remove contribution',
          danger: true,
        },
        run: () => workspace.partnerCommands(partnerId).removeContribution(outcomeId),
      };
    }
    case 'commitment-to-missing-outcome': {
      const { partnerId, commitmentId } = orphan;
      if (!partnerId || !commitmentId) return null;
      return {
        label: 'Remove this commitment',
        confirm: {
          title: 'Remove this commitment?',
          message: <p>{partnerName}’s commitment to the deleted outcome will be removed.</p>,
          confirmLabel: 'Remove commitment',
          danger: true,
        },
        run: () => workspace.partnerCommands(partnerId).deleteCommitment(commitmentId),
      };
    }
    case 'indicator-link-to-missing': {
      const { partnerId, linkId } = orphan;
      if (!partnerId || !linkId) return null;
      return {
        label: 'Remove this link',
        confirm: {
          title: 'Remove this link?',
          message: <p>{partnerName}’s link to its own plan will be removed.</p>,
          confirmLabel: 'Remove link',
          danger: true,
        },
        run: () => workspace.partnerCommands(partnerId).deleteIndicatorLink(linkId),
      };
    }
    case 'indicator-of-missing-outcome': {
      const { indicatorId } = orphan;
      if (!indicatorId) return null;
      return {
        label: 'Delete this indicator',
        confirm: {
          title: 'Delete this indicator?',
          message: <p>The indicator of the deleted outcome, with its baseline and targets, will be deleted.</p>,
          confirmLabel: 'Delete indicator',
          danger: true,
        },
        run: () => workspace.frameCommands.deleteIndicator(indicatorId),
      };
    }
    case 'missing-lead-partner': {
      const { outcomeId } = orphan;
      return outcomeId
        ? {
            label: 'Clear the lead partner',
            run: () => workspace.frameCommands.updateOutcome(outcomeId, { leadPartnerId: null }),
          }
        : null;
    }
    case 'missing-delivering-partner': {
      const { outcomeId, partnerId } = orphan;
      return outcomeId && partnerId
        ? {
            label: 'Take it off the delivering partners',
            run: () => workspace.frameCommands.setDeliveringPartner(outcomeId, partnerId, false),
          }
        : null;
    }
    case 'missing-indicator-lead-partner': {
      const { indicatorId } = orphan;
      return indicatorId
        ? {
            label: 'Clear the indicator’s lead partner',
            run: () => workspace.frameCommands.updateIndicator(indicatorId, { leadPartnerId: null }),
          }
        : null;
    }
    case 'national-outcome-not-in-framework': {
      const { outcomeId, reference } = orphan;
      return outcomeId && reference
        ? {
            label: 'Unlink this National Outcome',
            run: () => workspace.frameCommands.setOutcomeNationalOutcome(outcomeId, reference, false),
          }
        : null;
    }
    case 'room-of-missing-partner':
      return null;
  }
}

/** Where the orphan can be seen and fixed by hand, when that place still exists. */
function placeOf(
  orphan: Orphan,
  soa: SoaSnapshot,
): { readonly route: Route; readonly focus: string | null; readonly label: string } | null {
  const outcome = soa.outcomes.find((candidate) => candidate.id === orphan.outcomeId);
  if (outcome)
    return {
      route: { kind: 'outcome', id: outcome.id },
      focus: orphan.indicatorId ? `indicator-${orphan.indicatorId}` : null,
      label: `Go to outcome ${outcome.number}`,
    };
  const partner = soa.partners.find((candidate) => candidate.id === orphan.partnerId);
  if (partner && orphan.owner.kind === 'partner')
    return {
      route: { kind: 'partner', id: partner.id },
      focus: orphan.linkId ? `indicator-link-${orphan.linkId}` : null,
      label: `Go to ${partner.name}`,
    };
  return null;
}

/** References to things that no longer exist, each with who can tidy it and, for them, how. */
function OrphanList({ orphans, soa }: { readonly orphans: readonly Orphan[]; readonly soa: SoaSnapshot }) {
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const [confirm, confirmDialog] = useConfirm();
  return (
    <section className="card" aria-labelledby="dash-orphans" id="dash-orphans-section">
      <h2 id="dash-orphans" tabIndex={-1}>
        To tidy up
      </h2>
      <p className="field-hint">
        Things that point to something that has been deleted or removed. They are left out of the SOA until tidied.
      </p>
      <ul className="orphan-list">
        {orphans.map((orphan, index) => {
          const owner =
            orphan.owner.kind === 'coordinators'
              ? ({ kind: 'frame' } as const)
              : ({ kind: 'partner', partnerId: orphan.owner.partnerId } as const);
          const mine = workspace.canWrite(owner);
          const ownerName =
            orphan.owner.kind === 'coordinators'
              ? 'the coordinators'
              : (soa.partners.find(
                  (partner) => orphan.owner.kind === 'partner' && partner.id === orphan.owner.partnerId,
                )?.name ?? 'the partner');
          const tidy = mine ? tidyFor(orphan, workspace, soa) : null;
          const place = placeOf(orphan, soa);
          return (
            <li
              key={`${orphan.kind}-${orphan.partnerId ?? ''}-${orphan.outcomeId ?? ''}-${orphan.indicatorId ?? ''}-${orphan.commitmentId ?? ''}-${orphan.linkId ?? ''}-${orphan.reference ?? index}`}
              data-orphan={orphan.kind}
            >
              <span className="orphan-message">
                {orphan.message}
                {!mine && <span className="field-hint"> For {ownerName} to tidy.</span>}
              </span>
              {tidy && (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    const go = tidy.confirm ? confirm(tidy.confirm) : Promise.resolve(true);
                    void go.then((yes) => {
                      if (!yes) return;
                      tidy.run();
                      requestAnimationFrame(() =>
                        (document.getElementById('dash-orphans') ?? document.getElementById('main-heading'))?.focus(),
                      );
                    });
                  }}
                >
                  {tidy.label}
                </button>
              )}
              {place && (
                <button type="button" className="link-button" onClick={() => navigation.go(place.route, place.focus)}>
                  {place.label}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {confirmDialog}
    </section>
  );
}

/**
 * A partner's contribution to an outcome: its statement, gaps and commitments, edited by that partner only.
 */
import {
  TEXT_LIMITS,
  type Commitment,
  type OutcomeId,
  type OutcomeView,
  type PartnerId,
  type PartnerView,
} from '../../../../shared/model';
import { formatNumber, formatPounds } from '../../../../shared/text/figures';
import { useWorkspace } from '../../hooks';
import { useConfirm } from '../../components/Dialog';
import { AgreedNotice, RichSection, useSectionAccess } from '../../components/access';
import { FigureField, TextField, WrittenBy } from '../../components/fields';
import { partnerText } from '../../components/boundText';
import { UnreadableSection } from '../../components/UnreadableSection';

export function Contribution({ partner, outcome }: { readonly partner: PartnerView; readonly outcome: OutcomeView }) {
  const workspace = useWorkspace();
  const access = useSectionAccess({ kind: 'partner', partnerId: partner.id });
  const contribution = outcome.contributions.find((candidate) => candidate.partner.id === partner.id);
  const editable = access.mode === 'edit';
  const doc = workspace.partnerCommands(partner.id);
  const headingId = `contribution-heading-${partner.id}`;
  const [confirm, confirmDialog] = useConfirm();
  const outcomeName = outcome.title ? `outcome ${outcome.number} (${outcome.title})` : `outcome ${outcome.number}`;
  return (
    <section className="contribution" id={`contribution-${partner.id}`} tabIndex={-1} aria-labelledby={headingId}>
      <h3 id={headingId}>{partner.name}</h3>
      {access.mode === 'read' && <WrittenBy owner={partner.name} />}
      {access.mode === 'agreed' && !partner.unreadable && <AgreedNotice partnerId={partner.id} />}
      {partner.unreadable ? (
        <UnreadableSection partner={partner} />
      ) : !contribution && !editable ? (
        <p className="empty-note">{partner.name} has not written its contribution yet.</p>
      ) : !contribution && editable ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            doc.addContribution(outcome.id);
          }}
        >
          Write {partner.name}’s contribution
        </button>
      ) : (
        <>
          <h4 className="subheading">Contribution</h4>
          <RichSection
            owner={{ kind: 'partner', partnerId: partner.id }}
            showOwner={false}
            agreedNotice={false}
            headingLevel={5}
            label={`${partner.name}’s contribution to ${outcome.title || `outcome ${outcome.number}`}`}
            text={contribution?.statement ?? []}
            fragment={() => doc.contributionFragment(outcome.id)}
          />
          <Commitments
            partnerId={partner.id}
            partnerName={partner.name}
            outcomeId={outcome.id}
            editable={editable}
            commitments={contribution?.commitments ?? []}
          />
          <TextField
            multiline
            label={`${partner.name}: notes on gaps`}
            value={contribution?.gapNote ?? ''}
            readOnly={!editable}
            emptyText="None written yet."
            bound={partnerText(doc, { kind: 'contributionNote', outcomeId: outcome.id })}
          />
          {editable && contribution && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                void confirm({
                  title: `Withdraw ${partner.name}’s contribution?`,
                  danger: true,
                  confirmLabel: 'Withdraw contribution',
                  cancelLabel: 'Keep it',
                  message: (
                    <p>
                      {partner.name}’s contribution to {outcomeName}, its{' '}
                      {contribution.commitments.length === 1
                        ? 'commitment'
                        : `${contribution.commitments.length} commitments`}{' '}
                      and its notes on gaps will be removed. This cannot be undone from here.
                    </p>
                  ),
                }).then((yes) => {
                  if (!yes) return;
                  doc.removeContribution(outcome.id);
                });
              }}
            >
              Withdraw {partner.name}’s contribution
            </button>
          )}
          {confirmDialog}
        </>
      )}
    </section>
  );
}

function Commitments({
  partnerId,
  partnerName,
  outcomeId,
  editable,
  commitments,
}: {
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly outcomeId: OutcomeId;
  readonly editable: boolean;
  readonly commitments: readonly Commitment[];
}) {
  const workspace = useWorkspace();
  const doc = workspace.partnerCommands(partnerId);
  const captionId = `commitments-${partnerId}-${outcomeId}`;
  return (
    <div className="commitments">
      <h4 className="subheading" id={captionId}>
        Commitments
      </h4>
      {commitments.length === 0 ? (
        <p className="empty-note">No commitments yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${partnerName} commitments table`} tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Timescale</th>
                <th scope="col">Resource (£)</th>
                <th scope="col">Staff (FTE)</th>
                <th scope="col">Preventative</th>
                {editable && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {commitments.map((commitment, index) => {
                // Numbered, not named by the action: a label must not change while the action is typed.
                const name = `${partnerName} commitment ${index + 1}`;
                return (
                  <tr key={commitment.id}>
                    <td className="cell-wide">
                      <TextField
                        multiline
                        label={`Action of ${name}`}
                        hideLabel
                        value={commitment.action}
                        readOnly={!editable}
                        bound={partnerText(doc, { kind: 'commitmentAction', id: commitment.id })}
                      />
                    </td>
                    <td>
                      {/* Multiline, as the action beside it: "By December 2015" wraps in the narrow column instead of being cut at 1366 px. */}
                      <TextField
                        multiline
                        label={`Timescale of ${name}`}
                        hideLabel
                        value={commitment.timescale}
                        readOnly={!editable}
                        emptyText="Not stated"
                        limit={TEXT_LIMITS.timescale}
                        onChange={(timescale) => doc.updateCommitment(commitment.id, { timescale })}
                      />
                    </td>
                    <td>
                      <FigureField
                        label={`Resource in pounds for ${name}`}
                        hideLabel
                        kind="pounds"
                        text={commitment.resourcePoundsText}
                        display={
                          commitment.resourcePounds !== null ? formatPounds(commitment.resourcePounds) : undefined
                        }
                        readOnly={!editable}
                        onChange={(resourcePoundsText) => doc.updateCommitment(commitment.id, { resourcePoundsText })}
                      />
                    </td>
                    <td>
                      <FigureField
                        label={`Staff in full-time equivalents for ${name}`}
                        hideLabel
                        kind="fte"
                        text={commitment.resourceFteText}
                        display={
                          commitment.resourceFte !== null ? `${formatNumber(commitment.resourceFte)} FTE` : undefined
                        }
                        readOnly={!editable}
                        onChange={(resourceFteText) => doc.updateCommitment(commitment.id, { resourceFteText })}
                      />
                    </td>
                    <td className="cell-centre">
                      {editable ? (
                        <input
                          type="checkbox"
                          aria-label={`${name} is preventative`}
                          checked={commitment.preventative}
                          onChange={(event) =>
                            doc.updateCommitment(commitment.id, { preventative: event.target.checked })
                          }
                        />
                      ) : commitment.preventative ? (
                        'Yes'
                      ) : (
                        'No'
                      )}
                    </td>
                    {editable && (
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move ${name} up`}
                          disabled={index === 0}
                          onClick={() => {
                            doc.moveCommitment(commitment.id, index - 1);
                          }}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move ${name} down`}
                          disabled={index === commitments.length - 1}
                          onClick={() => {
                            doc.moveCommitment(commitment.id, index + 1);
                          }}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Delete ${name}`}
                          onClick={() => {
                            doc.deleteCommitment(commitment.id);
                          }}
                        >
                          ✕
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            doc.addCommitment(outcomeId, { action: '' });
          }}
        >
          Add a commitment
        </button>
      )}
    </div>
  );
}

/** Where the outcome sits among the others (move earlier or later), and deleting it. Coordinators only. */

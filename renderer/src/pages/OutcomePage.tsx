/**
 * A local outcome's page: title and ten-year statement, its National Outcomes (canonical text, chosen from
 * the SOA's framework), policy priorities, lead and delivering partners, the indicator table, each
 * partner's contribution and commitments, and notes on gaps. Frame fields are the coordinators'; each
 * contribution is its partner's.
 */
import { useState } from 'react';
import { CPOP_INDICATORS, findCatalogueIndicator, nationalOutcomeLabel, POLICY_PRIORITIES } from '../../../shared/reference';
import type { IndicatorView, OutcomeId, OutcomeView, PartnerId, PartnerView } from '../../../shared/model';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import { useConfirm } from '../components/Dialog';
import { AgreedNotice, RichSection, useSectionAccess } from '../components/access';
import { Checkbox, NumberField, Select, TextField, WrittenBy } from '../components/fields';
import { UnreadableSection } from '../components/UnreadableSection';

export function OutcomePage({ outcomeId }: { readonly outcomeId: OutcomeId }) {
  const { soa } = useDocState();
  const workspace = useWorkspace();
  const outcome = soa.outcomes.find((candidate) => candidate.id === outcomeId);
  const access = useSectionAccess({ kind: 'frame' });
  if (!outcome) return <p className="empty-note">This local outcome no longer exists. It may have been deleted by a coordinator.</p>;
  const readOnly = access.mode !== 'edit';
  const frame = workspace.frameCommands;
  const nationalIds = new Set(outcome.nationalOutcomes.map((national) => national.id));
  const priorityIds = new Set(outcome.priorities.map((priority) => priority.id));
  const delivering = new Set<string>(soa.outcomes.find((candidate) => candidate.id === outcomeId)?.deliveringPartners.map((partner) => partner.id));
  const orphans = soa.orphans.filter((orphan) => orphan.outcomeId === outcomeId);
  const me = workspace.identity.kind === 'member' && workspace.identity.role === 'partner' ? workspace.identity.partnerId : null;
  const contributors = soa.partners.filter((partner) => delivering.has(partner.id) || partner.contributesTo.includes(outcomeId) || partner.id === me || workspace.identity.kind === 'local');

  return (
    <>
      {readOnly && <WrittenBy owner={access.ownerName} />}
      {orphans.length > 0 && (
        <div className="notice notice-warning" role="note">
          <h2 className="notice-title">To tidy up</h2>
          <ul>
            {orphans.map((orphan, index) => (
              <li key={index}>{orphan.message}</li>
            ))}
          </ul>
        </div>
      )}
      {!readOnly && <OutcomePlace outcome={outcome} count={soa.outcomes.length} />}
      <section className="card" aria-labelledby="outcome-basics">
        <h2 id="outcome-basics">The outcome</h2>
        <TextField label="Title of the local outcome" value={outcome.title} readOnly={readOnly} onCommit={(title) => frame.updateOutcome(outcomeId, { title })} />
        <h3>What will be different in ten years</h3>
        <RichSection owner={{ kind: 'frame' }} showOwner={false} label="Ten-year statement" text={outcome.tenYearStatement} fragment={() => frame.outcomeTenYearFragment(outcomeId)} />
        <h3>Why: the evidence</h3>
        <RichSection owner={{ kind: 'frame' }} showOwner={false} label="Evidence" text={outcome.evidence} fragment={() => frame.outcomeEvidenceFragment(outcomeId)} />
      </section>

      <section className="card" aria-labelledby="outcome-links">
        <h2 id="outcome-links">National Outcomes and policy priorities</h2>
        <fieldset>
          <legend>National Outcomes ({soa.framework.name})</legend>
          {readOnly ? (
            <NationalList outcome={outcome} />
          ) : (
            <div className="checkbox-list">
              {soa.framework.outcomes.map((national) => (
                <Checkbox
                  key={national.id}
                  label={<strong>{nationalOutcomeLabel(national)}</strong>}
                  description={<span className="canonical">{national.text}</span>}
                  checked={nationalIds.has(national.id)}
                  onChange={(checked) => frame.setOutcomeNationalOutcome(outcomeId, national.id, checked)}
                />
              ))}
            </div>
          )}
        </fieldset>
        <OutcomeTags outcome={outcome} readOnly={readOnly} />
        <fieldset>
          <legend>Policy priorities</legend>
          <div className="checkbox-list">
            {POLICY_PRIORITIES.map((priority) => (
              <Checkbox
                key={priority.id}
                label={priority.text}
                checked={priorityIds.has(priority.id)}
                disabled={readOnly}
                onChange={(checked) => frame.setOutcomePriority(outcomeId, priority.id, checked)}
              />
            ))}
          </div>
        </fieldset>
      </section>

      <section className="card" aria-labelledby="outcome-partners">
        <h2 id="outcome-partners">Partners</h2>
        <Select
          label="Lead partner"
          value={outcome.leadPartner?.id ?? ''}
          disabled={readOnly}
          options={[{ value: '', label: 'No lead partner yet' }, ...soa.partners.map((partner) => ({ value: partner.id, label: partner.name }))]}
          onChange={(value) => frame.updateOutcome(outcomeId, { leadPartnerId: value ? (value as PartnerId) : null })}
        />
        <fieldset>
          <legend>Partners delivering this outcome</legend>
          <div className="checkbox-list checkbox-columns">
            {soa.partners.map((partner) => (
              <Checkbox
                key={partner.id}
                label={partner.name}
                checked={delivering.has(partner.id)}
                disabled={readOnly}
                onChange={(checked) => frame.setDeliveringPartner(outcomeId, partner.id, checked)}
              />
            ))}
          </div>
        </fieldset>
      </section>

      <IndicatorTable outcome={outcome} readOnly={readOnly} partners={soa.partners} />

      <section className="card" aria-labelledby="outcome-contributions">
        <h2 id="outcome-contributions">Partner contributions</h2>
        {contributors.length === 0 && <p className="empty-note">No partner delivers this outcome yet.</p>}
        {contributors.map((partner) => (
          <Contribution key={partner.id} partner={partner} outcome={outcome} />
        ))}
      </section>

      <section className="card" aria-labelledby="outcome-notes">
        <h2 id="outcome-notes">Equalities and gaps</h2>
        <TextField multiline label="Equality outcome" value={outcome.equalityNote} readOnly={readOnly} onCommit={(equalityNote) => frame.updateOutcome(outcomeId, { equalityNote })} />
        <TextField
          multiline
          label="Notes on gaps still to be filled"
          value={outcome.gapNote}
          readOnly={readOnly}
          onCommit={(gapNote) => frame.updateOutcome(outcomeId, { gapNote })}
        />
      </section>
    </>
  );
}

function NationalList({ outcome }: { readonly outcome: OutcomeView }) {
  if (outcome.nationalOutcomes.length === 0) return <p className="empty-note">None chosen yet.</p>;
  return (
    <ul className="plain-list">
      {outcome.nationalOutcomes.map((national) => (
        <li key={national.id}>
          <strong>{nationalOutcomeLabel(national)}</strong>: <span className="canonical">{national.text}</span>
        </li>
      ))}
    </ul>
  );
}

function IndicatorTable({ outcome, readOnly, partners }: { readonly outcome: OutcomeView; readonly readOnly: boolean; readonly partners: readonly PartnerView[] }) {
  const workspace = useWorkspace();
  const frame = workspace.frameCommands;
  const [catalogueId, setCatalogueId] = useState('');
  const used = new Set(outcome.indicators.map((indicator) => indicator.catalogueId));
  const add = (id: string) => {
    const catalogue = findCatalogueIndicator(id);
    if (!catalogue) return;
    const indicatorId = frame.addIndicator(outcome.id, { name: '', catalogueId: catalogue.id, higherIsBetter: catalogue.highIsPositive });
    setCatalogueId('');
    requestAnimationFrame(() => document.getElementById(`indicator-${indicatorId}`)?.focus());
  };
  return (
    <section className="card" aria-labelledby="outcome-indicators">
      <h2 id="outcome-indicators">Indicators and targets</h2>
      {outcome.indicators.length === 0 ? (
        <p className="empty-note">No indicators yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`Indicator table for outcome ${outcome.number} (scrolls sideways)`} tabIndex={0}>
          <table className="data-table indicator-table">
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Source</th>
                <th scope="col">Unit</th>
                <th scope="col">Baseline</th>
                <th scope="col">Baseline year</th>
                <th scope="col">Year 1</th>
                <th scope="col">Year 3</th>
                <th scope="col">Year 10</th>
                <th scope="col">Higher is better</th>
                <th scope="col">Lead partner</th>
                {!readOnly && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {outcome.indicators.map((indicator, index) => (
                <IndicatorRow key={indicator.id} indicator={indicator} index={index} count={outcome.indicators.length} readOnly={readOnly} partners={partners} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="inline-form">
          <Select
            label="Add an indicator from the Community Planning Outcomes Profile"
            value={catalogueId}
            options={[{ value: '', label: 'Choose an indicator…' }, ...CPOP_INDICATORS.filter((indicator) => !used.has(indicator.id)).map((indicator) => ({ value: indicator.id, label: indicator.name }))]}
            onChange={setCatalogueId}
          />
          <button type="button" className="button" disabled={!catalogueId} onClick={() => add(catalogueId)}>
            Add from catalogue
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const id = frame.addIndicator(outcome.id, { name: 'New local indicator' });
              requestAnimationFrame(() => document.getElementById(`indicator-${id}`)?.focus());
            }}
          >
            Define a local indicator
          </button>
        </div>
      )}
    </section>
  );
}

function IndicatorRow({ indicator, index, count, readOnly, partners }: { readonly indicator: IndicatorView; readonly index: number; readonly count: number; readonly readOnly: boolean; readonly partners: readonly PartnerView[] }) {
  const workspace = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const frame = workspace.frameCommands;
  const name = indicator.displayName;
  const update = (patch: Parameters<typeof frame.updateIndicator>[1]) => frame.updateIndicator(indicator.id, patch);
  const move = (to: number) => {
    frame.moveIndicator(indicator.id, to);
  };
  return (
    <tr id={`indicator-${indicator.id}`} tabIndex={-1}>
      <td className="cell-wide">
        {indicator.catalogue ? (
          <>
            <span className="indicator-name">{indicator.catalogue.name}</span> <span className="tag">CPOP</span>
            <span className="cell-note">{indicator.catalogue.definition}</span>
          </>
        ) : (
          <>
            <TextField label={`Name of indicator ${index + 1}`} hideLabel value={indicator.name} readOnly={readOnly} onCommit={(value) => update({ name: value })} />
            <TextField label={`Definition of ${name}`} hideLabel value={indicator.definition} readOnly={readOnly} onCommit={(value) => update({ definition: value })} />
            <span className="tag tag-local">Local indicator</span>
          </>
        )}
      </td>
      <td>
        <TextField label={`Source of ${name}`} hideLabel value={indicator.source || (indicator.catalogue ? indicator.displaySource : '')} readOnly={readOnly} onCommit={(value) => update({ source: value })} />
      </td>
      <td>
        <TextField label={`Unit of ${name}`} hideLabel value={indicator.unit || indicator.displayUnit} readOnly={readOnly} onCommit={(value) => update({ unit: value })} />
      </td>
      <td>
        <NumberField label={`Baseline value of ${name}`} hideLabel value={indicator.baselineValue} readOnly={readOnly} onCommit={(value) => update({ baselineValue: value })} />
      </td>
      <td>
        <NumberField label={`Baseline year of ${name}`} hideLabel integer value={indicator.baselineYear} readOnly={readOnly} onCommit={(value) => update({ baselineYear: value })} />
      </td>
      <td>
        <NumberField label={`Year 1 target of ${name}`} hideLabel value={indicator.target1} readOnly={readOnly} onCommit={(value) => update({ target1: value })} />
      </td>
      <td>
        <NumberField label={`Year 3 target of ${name}`} hideLabel value={indicator.target3} readOnly={readOnly} onCommit={(value) => update({ target3: value })} />
      </td>
      <td>
        <NumberField label={`Year 10 target of ${name}`} hideLabel value={indicator.target10} readOnly={readOnly} onCommit={(value) => update({ target10: value })} />
      </td>
      <td className="cell-centre">
        <input type="checkbox" aria-label={`Higher is better for ${name}`} checked={indicator.higherIsBetter === true} disabled={readOnly} onChange={(event) => update({ higherIsBetter: event.target.checked })} />
      </td>
      <td>
        <Select
          label={`Lead partner for ${name}`}
          hideLabel
          value={indicator.leadPartner?.id ?? ''}
          disabled={readOnly}
          options={[{ value: '', label: 'None' }, ...partners.map((partner) => ({ value: partner.id, label: partner.name }))]}
          onChange={(value) => update({ leadPartnerId: value ? (value as PartnerId) : null })}
        />
      </td>
      {!readOnly && (
        <td className="cell-actions">
          <button type="button" className="icon-button" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => move(index - 1)}>
            ↑
          </button>
          <button type="button" className="icon-button" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => move(index + 1)}>
            ↓
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete ${name}`}
            onClick={() => {
              void confirm({ title: 'Delete this indicator?', message: <p>Delete the indicator “{name}” and its baseline and targets?</p>, confirmLabel: 'Delete indicator', danger: true }).then((yes) => {
                if (!yes) return;
                frame.deleteIndicator(indicator.id);
              });
            }}
          >
            ✕
          </button>
          {confirmDialog}
        </td>
      )}
    </tr>
  );
}

function Contribution({ partner, outcome }: { readonly partner: PartnerView; readonly outcome: OutcomeView }) {
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
          <Commitments partnerId={partner.id} partnerName={partner.name} outcomeId={outcome.id} editable={editable} commitments={contribution?.commitments ?? []} />
          <TextField
            multiline
            label={`${partner.name}: notes on gaps`}
            value={contribution?.gapNote ?? ''}
            readOnly={!editable}
            onCommit={(note) => doc.setContributionGapNote(outcome.id, note)}
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
                      {partner.name}’s contribution to {outcomeName}, its {contribution.commitments.length === 1 ? 'commitment' : `${contribution.commitments.length} commitments`} and its notes on gaps will be removed. This cannot be undone from here.
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
  readonly commitments: readonly import('../../../shared/model').Commitment[];
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
                const name = commitment.action ? `“${commitment.action.slice(0, 40)}”` : `commitment ${index + 1}`;
                return (
                  <tr key={commitment.id}>
                    <td className="cell-wide">
                      <TextField multiline label={`Action of ${partnerName} commitment ${index + 1}`} hideLabel value={commitment.action} readOnly={!editable} onCommit={(action) => doc.updateCommitment(commitment.id, { action })} />
                    </td>
                    <td>
                      <TextField label={`Timescale of ${name}`} hideLabel value={commitment.timescale} readOnly={!editable} onCommit={(timescale) => doc.updateCommitment(commitment.id, { timescale })} />
                    </td>
                    <td>
                      <NumberField label={`Resource in pounds for ${name}`} hideLabel value={commitment.resourcePounds} readOnly={!editable} onCommit={(resourcePounds) => doc.updateCommitment(commitment.id, { resourcePounds })} />
                    </td>
                    <td>
                      <NumberField label={`Staff in full-time equivalents for ${name}`} hideLabel value={commitment.resourceFte} readOnly={!editable} onCommit={(resourceFte) => doc.updateCommitment(commitment.id, { resourceFte })} />
                    </td>
                    <td className="cell-centre">
                      <input type="checkbox" aria-label={`${name} is preventative`} checked={commitment.preventative} disabled={!editable} onChange={(event) => doc.updateCommitment(commitment.id, { preventative: event.target.checked })} />
                    </td>
                    {editable && (
                      <td className="cell-actions">
                        <button type="button" className="icon-button" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => { doc.moveCommitment(commitment.id, index - 1); }}>
                          ↑
                        </button>
                        <button type="button" className="icon-button" aria-label={`Move ${name} down`} disabled={index === commitments.length - 1} onClick={() => { doc.moveCommitment(commitment.id, index + 1); }}>
                          ↓
                        </button>
                        <button type="button" className="icon-button" aria-label={`Delete ${name}`} onClick={() => { doc.deleteCommitment(commitment.id); }}>
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
function OutcomePlace({ outcome, count }: { readonly outcome: OutcomeView; readonly count: number }) {
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const [confirm, confirmDialog] = useConfirm();
  const frame = workspace.frameCommands;
  const index = outcome.number - 1;
  const name = `outcome ${outcome.number}${outcome.title ? ` (${outcome.title})` : ''}`;
  const contributors = outcome.contributions.map((contribution) => contribution.partner.name);
  const move = (to: number) => {
    frame.moveOutcome(outcome.id, to);
  };
  return (
    <section className="card" aria-labelledby="outcome-place">
      <h2 id="outcome-place">Place in the SOA</h2>
      <p className="field-hint">
        Outcome {outcome.number} of {count}. Outcomes are numbered in this order in the outline and the exported SOA.
      </p>
      <div className="outcome-order">
        <button type="button" className="button button-secondary" disabled={index === 0} onClick={() => move(index - 1)}>
          Move earlier<span className="visually-hidden"> ({name})</span>
        </button>
        <button type="button" className="button button-secondary" disabled={index >= count - 1} onClick={() => move(index + 1)}>
          Move later<span className="visually-hidden"> ({name})</span>
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            void confirm({
              title: `Delete outcome ${outcome.number}?`,
              danger: true,
              confirmLabel: 'Delete outcome',
              cancelLabel: 'Keep it',
              message: (
                <>
                  <p>“{outcome.title || 'Untitled'}” and its indicators will be removed from the SOA for everyone.</p>
                  {contributors.length > 0 ? (
                    <p>
                      Partners’ contributions to it ({contributors.join(', ')}) are not deleted: they become orphans, listed on the dashboard under “To tidy up”, for each partner to withdraw or move.
                    </p>
                  ) : (
                    <p>No partner has written a contribution to it yet. If one is written elsewhere before this reaches them, it will be listed on the dashboard to tidy up.</p>
                  )}
                </>
              ),
            }).then((yes) => {
              if (!yes) return;
              frame.deleteOutcome(outcome.id);
              navigation.go({ kind: 'dashboard' }, null);
            });
          }}
        >
          Delete this outcome
        </button>
      </div>
      {confirmDialog}
    </section>
  );
}

const SUGGESTED_TAGS = ['Fairer Scotland Fund', 'Early years', 'Equally Well', 'Achieving Our Potential', 'Prevention'];

/** Free tags on an outcome, such as the funding stream it draws on ("Fairer Scotland Fund"). */
function OutcomeTags({ outcome, readOnly }: { readonly outcome: OutcomeView; readonly readOnly: boolean }) {
  const workspace = useWorkspace();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const frame = workspace.frameCommands;
  const add = () => {
    const tag = draft.trim();
    if (!tag) {
      setError('Type a tag first.');
      return;
    }
    if (outcome.tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) {
      setError(`“${tag}” is already a tag of this outcome.`);
      return;
    }
    frame.setOutcomeTag(outcome.id, tag, true);
    setDraft('');
    setError(null);
  };
  return (
    <fieldset>
      <legend>Tags</legend>
      {outcome.tags.length === 0 ? (
        <p className="empty-note">No tags.</p>
      ) : (
        <ul className="tag-list" aria-label="Tags of this outcome">
          {outcome.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span className="tag-text">{tag}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => {
                    frame.setOutcomeTag(outcome.id, tag, false);
                    requestAnimationFrame(() => document.getElementById(`outcome-tag-input-${outcome.id}`)?.focus());
                  }}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <div className="field">
            <label htmlFor={`outcome-tag-input-${outcome.id}`}>Add a tag</label>
            <p className="field-hint" id={`outcome-tag-hint-${outcome.id}`}>
              For example a funding stream such as Fairer Scotland Fund.
            </p>
            {error && (
              <p className="field-error" id={`outcome-tag-error-${outcome.id}`}>
                {error}
              </p>
            )}
            <input
              id={`outcome-tag-input-${outcome.id}`}
              list={`outcome-tag-suggestions-${outcome.id}`}
              value={draft}
              maxLength={100}
              aria-invalid={error ? true : undefined}
              aria-describedby={`outcome-tag-hint-${outcome.id}${error ? ` outcome-tag-error-${outcome.id}` : ''}`}
              onChange={(event) => setDraft(event.target.value)}
            />
            <datalist id={`outcome-tag-suggestions-${outcome.id}`}>
              {SUGGESTED_TAGS.filter((tag) => !outcome.tags.includes(tag)).map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </div>
          <button type="submit" className="button button-secondary">
            Add tag
          </button>
        </form>
      )}
    </fieldset>
  );
}

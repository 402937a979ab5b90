/**
 * A local outcome's page: title and ten-year statement, its National Outcomes (canonical text, chosen from
 * the SOA's framework), policy priorities, lead and delivering partners, the indicator table, each
 * partner's contribution and commitments, and notes on gaps. Frame fields are the coordinators'; each
 * contribution is its partner's.
 */
import { useState } from 'react';
import { CPOP_INDICATORS, findCatalogueIndicator, nationalOutcomeLabel, POLICY_PRIORITIES } from '../../../shared/reference';
import { directionFromHigherIsBetter, proposeDirection, TEXT_LIMITS, type Commitment, type IndicatorView, type OutcomeId, type OutcomeView, type PartnerId, type PartnerView } from '../../../shared/model';
import { formatNumber, formatPounds } from '../../../shared/text/figures';
// The export's era naming (a 2013 SOA's indicators come from the Menu of Local Outcome Indicators, its sources
// are named as they were then), so the app and the document say the same. A pure module: no Word library.
import { indicatorCatalogueName, indicatorCatalogueTag, indicatorSource, targetYearLabels } from '../../../shared/export/indicatorEra';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import { useConfirm } from '../components/Dialog';
import { AgreedNotice, RichSection, useSectionAccess } from '../components/access';
import { Checkbox, FigureField, ReadOnlyValue, Select, TextField, WrittenBy } from '../components/fields';
import { frameText, partnerText } from '../components/boundText';
import { UnreadableSection } from '../components/UnreadableSection';
import { OutcomeProgress } from '../progress/OutcomeProgress';

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
        <TextField label="Title of the local outcome" value={outcome.title} readOnly={readOnly} bound={frameText(frame, { kind: 'outcome', id: outcomeId, key: 'title' })} />
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
          {readOnly ? (
            <NameList names={outcome.priorities.map((priority) => priority.text)} empty="None chosen yet." />
          ) : (
            <div className="checkbox-list">
              {POLICY_PRIORITIES.map((priority) => (
                <Checkbox key={priority.id} label={priority.text} checked={priorityIds.has(priority.id)} onChange={(checked) => frame.setOutcomePriority(outcomeId, priority.id, checked)} />
              ))}
            </div>
          )}
        </fieldset>
      </section>

      <section className="card" aria-labelledby="outcome-partners">
        <h2 id="outcome-partners">Partners</h2>
        <Select
          label="Lead partner"
          value={outcome.leadPartner?.id ?? ''}
          readOnly={readOnly}
          options={[{ value: '', label: 'No lead partner yet' }, ...soa.partners.map((partner) => ({ value: partner.id, label: partner.name }))]}
          onChange={(value) => frame.updateOutcome(outcomeId, { leadPartnerId: value ? (value as PartnerId) : null })}
        />
        <fieldset>
          <legend>Partners delivering this outcome</legend>
          {readOnly ? (
            <NameList names={outcome.deliveringPartners.map((partner) => partner.name)} empty="None listed yet." />
          ) : (
            <div className="checkbox-list checkbox-columns">
              {soa.partners.map((partner) => (
                <Checkbox key={partner.id} label={partner.name} checked={delivering.has(partner.id)} onChange={(checked) => frame.setDeliveringPartner(outcomeId, partner.id, checked)} />
              ))}
            </div>
          )}
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

      <OutcomeProgress outcome={outcome} />

      <section className="card" aria-labelledby="outcome-notes">
        <h2 id="outcome-notes">Equalities and gaps</h2>
        <TextField multiline label="Equality outcome" value={outcome.equalityNote} readOnly={readOnly} emptyText="None written yet." bound={frameText(frame, { kind: 'outcome', id: outcomeId, key: 'equalityNote' })} />
        <TextField
          multiline
          label="Notes on gaps still to be filled"
          value={outcome.gapNote}
          readOnly={readOnly}
          emptyText="None written yet."
          bound={frameText(frame, { kind: 'outcome', id: outcomeId, key: 'gapNote' })}
        />
      </section>
    </>
  );
}

function NameList({ names, empty }: { readonly names: readonly string[]; readonly empty: string }) {
  if (names.length === 0) return <p className="empty-note">{empty}</p>;
  return (
    <ul className="plain-list">
      {names.map((name) => (
        <li key={name}>{name}</li>
      ))}
    </ul>
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
  const { soa } = useDocState();
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
        <div className="table-scroll" role="region" aria-label={`Indicator table for outcome ${outcome.number}`} tabIndex={0}>
          <table className={`data-table indicator-table${readOnly ? ' indicator-table-read' : ''}`}>
            <thead>
              {readOnly ? (
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Source</th>
                  <th scope="col">Baseline</th>
                  <TargetYearHeaders labels={targetYearLabels(soa)} />
                  <th scope="col">Better when</th>
                  <th scope="col">Lead partner</th>
                </tr>
              ) : (
                <tr>
                  <th scope="col">Indicator, source and unit</th>
                  <th scope="col">Baseline and year</th>
                  <TargetYearHeaders labels={targetYearLabels(soa)} />
                  <th scope="col">Better when, and lead</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              )}
            </thead>
            <tbody>
              {outcome.indicators.map((indicator, index) =>
                readOnly ? (
                  <IndicatorReadRow key={indicator.id} indicator={indicator} />
                ) : (
                  <IndicatorRow key={indicator.id} indicator={indicator} index={index} count={outcome.indicators.length} partners={partners} />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="inline-form">
          <Select
            label={`Add an indicator from the ${indicatorCatalogueName(soa)}`}
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

/** A figure as a reader sees it: a plain number formatted (with % for a percentage), anything else as typed. */
function figureDisplay(value: number | null, text: string, unit: string): string {
  if (value !== null && text.trim() === String(value)) return `${formatNumber(value)}${unit.trim() === '%' ? '%' : ''}`;
  return text;
}

/** "2013/14 (year 1)" as the export heads the column, on two lines so the table still fits the page. */
function TargetYearHeaders({ labels }: { readonly labels: readonly string[] }) {
  return (
    <>
      {labels.map((label) => {
        const [year, which] = label.split(' (');
        return (
          <th scope="col" key={label}>
            {year}
            {which && (
              <>
                <br />({which}
              </>
            )}
          </th>
        );
      })}
    </>
  );
}

const DIRECTION_LABELS = { higher: 'Higher', lower: 'Lower' } as const;

function IndicatorReadRow({ indicator }: { readonly indicator: IndicatorView }) {
  const { soa } = useDocState();
  const unit = indicator.displayUnit;
  const direction = directionFromHigherIsBetter(indicator.higherIsBetter);
  return (
    <tr id={`indicator-${indicator.id}`}>
      <td className="cell-wide">
        <span className="indicator-name">{indicator.displayName}</span> {indicator.catalogue ? <span className="tag">{indicatorCatalogueTag(soa)}</span> : <span className="tag tag-local">Local indicator</span>}
        {indicator.displayDefinition && <span className="cell-note">{indicator.displayDefinition}</span>}
        {unit && <span className="cell-note">Unit: {unit}</span>}
      </td>
      <td>{indicatorSource(indicator, soa) || <span className="empty-note">Not given</span>}</td>
      <td>
        <ReadOnlyValue label="Baseline" hideLabel value={figureDisplay(indicator.baselineValue, indicator.baselineValueText, unit)} emptyText="To be set" />
        {indicator.baselineYearText && <span className="cell-note">({indicator.baselineYearText})</span>}
      </td>
      <td>
        <ReadOnlyValue label="Year 1" hideLabel value={figureDisplay(indicator.target1, indicator.target1Text, unit)} emptyText="To be set" />
      </td>
      <td>
        <ReadOnlyValue label="Year 3" hideLabel value={figureDisplay(indicator.target3, indicator.target3Text, unit)} emptyText="To be set" />
      </td>
      <td>
        <ReadOnlyValue label="Year 10" hideLabel value={figureDisplay(indicator.target10, indicator.target10Text, unit)} emptyText="To be set" />
      </td>
      <td>{direction ? DIRECTION_LABELS[direction] : <span className="empty-note">Not chosen</span>}</td>
      <td>{indicator.leadPartner?.name ?? <span className="empty-note">None</span>}</td>
    </tr>
  );
}

function IndicatorRow({ indicator, index, count, partners }: { readonly indicator: IndicatorView; readonly index: number; readonly count: number; readonly partners: readonly PartnerView[] }) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const [confirm, confirmDialog] = useConfirm();
  const frame = workspace.frameCommands;
  const name = indicator.displayName;
  const number = `indicator ${index + 1}`;
  const update = (patch: Parameters<typeof frame.updateIndicator>[1]) => frame.updateIndicator(indicator.id, patch);
  const move = (to: number) => {
    frame.moveIndicator(indicator.id, to);
  };
  const chosen = directionFromHigherIsBetter(indicator.higherIsBetter);
  const proposed = proposeDirection(indicator);
  const directionNote =
    chosen === null
      ? proposed
        ? `Not chosen yet. The targets ${proposed === 'lower' ? 'fall' : 'rise'}, so probably ${proposed}.`
        : 'Not chosen yet.'
      : proposed !== null && proposed !== chosen
        ? `The targets ${proposed === 'lower' ? 'fall' : 'rise'}: check this.`
        : '';
  const directionOptions = [
    { value: '', label: 'Not chosen' },
    { value: 'higher', label: proposed === 'higher' && chosen === null ? 'Higher (as the targets rise)' : 'Higher' },
    { value: 'lower', label: proposed === 'lower' && chosen === null ? 'Lower (as the targets fall)' : 'Lower' },
  ];
  return (
    <tr id={`indicator-${indicator.id}`} tabIndex={-1}>
      <td className="cell-wide">
        {indicator.catalogue ? (
          <>
            <span className="indicator-name">{indicator.displayName}</span> <span className="tag">{indicatorCatalogueTag(soa)}</span>
            <span className="cell-note">{indicator.displayDefinition}</span>
          </>
        ) : (
          <>
            <TextField label={`Name of ${number}`} hideLabel value={indicator.name} bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'name' })} />
            <TextField label={`Definition of ${number}`} hideLabel multiline value={indicator.definition} bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'definition' })} />
            <span className="tag tag-local">Local indicator</span>
          </>
        )}
        <div className="indicator-facts">
          <TextField label="Source" labelDetail={` of ${name}`} value={indicator.source || (indicator.catalogue ? indicatorSource(indicator, soa) : '')} bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'source' })} className="field-compact" />
          <TextField label="Unit" labelDetail={` of ${name}`} value={indicator.unit || indicator.displayUnit} limit={TEXT_LIMITS.unit} onChange={(value) => update({ unit: value })} className="field-compact field-unit" />
        </div>
      </td>
      <td>
        <FigureField label={`Baseline value of ${name}`} hideLabel kind="baseline" text={indicator.baselineValueText} onChange={(baselineValueText) => update({ baselineValueText })} />
        <FigureField label={`Baseline year of ${name}`} hideLabel kind="year" text={indicator.baselineYearText} onChange={(baselineYearText) => update({ baselineYearText })} />
      </td>
      <td>
        <FigureField label={`Year 1 target of ${name}`} hideLabel kind="target" text={indicator.target1Text} onChange={(target1Text) => update({ target1Text })} />
      </td>
      <td>
        <FigureField label={`Year 3 target of ${name}`} hideLabel kind="target" text={indicator.target3Text} onChange={(target3Text) => update({ target3Text })} />
      </td>
      <td>
        <FigureField label={`Year 10 target of ${name}`} hideLabel kind="target" text={indicator.target10Text} onChange={(target10Text) => update({ target10Text })} />
      </td>
      <td className="cell-direction">
        <Select
          label={`Better when, for ${name}`}
          hideLabel
          value={chosen ?? ''}
          options={directionOptions}
          hint={directionNote || undefined}
          onChange={(value) => update({ higherIsBetter: value === '' ? null : value === 'higher' })}
        />
        <Select
          label={`Lead partner for ${name}`}
          hideLabel
          value={indicator.leadPartner?.id ?? ''}
          options={[{ value: '', label: 'No lead partner' }, ...partners.map((partner) => ({ value: partner.id, label: partner.name }))]}
          onChange={(value) => update({ leadPartnerId: value ? (value as PartnerId) : null })}
        />
      </td>
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
                      <TextField multiline label={`Action of ${name}`} hideLabel value={commitment.action} readOnly={!editable} bound={partnerText(doc, { kind: 'commitmentAction', id: commitment.id })} />
                    </td>
                    <td>
                      {/* Multiline, as the action beside it: "By December 2015" wraps in the narrow column instead of being cut at 1366 px. */}
                      <TextField multiline label={`Timescale of ${name}`} hideLabel value={commitment.timescale} readOnly={!editable} emptyText="Not stated" limit={TEXT_LIMITS.timescale} onChange={(timescale) => doc.updateCommitment(commitment.id, { timescale })} />
                    </td>
                    <td>
                      <FigureField
                        label={`Resource in pounds for ${name}`}
                        hideLabel
                        kind="pounds"
                        text={commitment.resourcePoundsText}
                        display={commitment.resourcePounds !== null ? formatPounds(commitment.resourcePounds) : undefined}
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
                        display={commitment.resourceFte !== null ? `${formatNumber(commitment.resourceFte)} FTE` : undefined}
                        readOnly={!editable}
                        onChange={(resourceFteText) => doc.updateCommitment(commitment.id, { resourceFteText })}
                      />
                    </td>
                    <td className="cell-centre">
                      {editable ? (
                        <input type="checkbox" aria-label={`${name} is preventative`} checked={commitment.preventative} onChange={(event) => doc.updateCommitment(commitment.id, { preventative: event.target.checked })} />
                      ) : commitment.preventative ? (
                        'Yes'
                      ) : (
                        'No'
                      )}
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

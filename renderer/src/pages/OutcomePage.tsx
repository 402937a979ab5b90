/**
 * A local outcome's page: title and ten-year statement, its National Outcomes (canonical text, chosen from
 * the SOA's framework), policy priorities, lead and delivering partners, the indicator table, each
 * partner's contribution and commitments, and notes on gaps. Frame fields are the coordinators'; each
 * contribution is its partner's. The page's larger parts are in ./outcome/ (indicator table, contributions,
 * the outcome's place among the others, its tags).
 */
import { nationalOutcomeLabel, POLICY_PRIORITIES } from '../../../shared/reference';
import type { OutcomeId, OutcomeView, PartnerId } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import { RichSection, useSectionAccess } from '../components/access';
import { Checkbox, Select, TextField, WrittenBy } from '../components/fields';
import { frameText } from '../components/boundText';
import { OutcomeProgress } from '../progress/OutcomeProgress';
import { Contribution } from './outcome/Contribution';
import { IndicatorTable } from './outcome/IndicatorTable';
import { OutcomePlace } from './outcome/OutcomePlace';
import { OutcomeTags } from './outcome/OutcomeTags';

export function OutcomePage({ outcomeId }: { readonly outcomeId: OutcomeId }) {
  const { soa } = useDocState();
  const workspace = useWorkspace();
  const outcome = soa.outcomes.find((candidate) => candidate.id === outcomeId);
  const access = useSectionAccess({ kind: 'frame' });
  if (!outcome)
    return (
      <p className="empty-note">This local outcome no longer exists. It may have been deleted by a coordinator.</p>
    );
  const readOnly = access.mode !== 'edit';
  const frame = workspace.frameCommands;
  const nationalIds = new Set(outcome.nationalOutcomes.map((national) => national.id));
  const priorityIds = new Set(outcome.priorities.map((priority) => priority.id));
  const delivering = new Set<string>(
    soa.outcomes.find((candidate) => candidate.id === outcomeId)?.deliveringPartners.map((partner) => partner.id),
  );
  const orphans = soa.orphans.filter((orphan) => orphan.outcomeId === outcomeId);
  const me =
    workspace.identity.kind === 'member' && workspace.identity.role === 'partner' ? workspace.identity.partnerId : null;
  const contributors = soa.partners.filter(
    (partner) =>
      delivering.has(partner.id) ||
      partner.contributesTo.includes(outcomeId) ||
      partner.id === me ||
      workspace.identity.kind === 'local',
  );

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
        <TextField
          label="Title of the local outcome"
          value={outcome.title}
          readOnly={readOnly}
          bound={frameText(frame, { kind: 'outcome', id: outcomeId, key: 'title' })}
        />
        <h3>What will be different in ten years</h3>
        <RichSection
          owner={{ kind: 'frame' }}
          showOwner={false}
          label="Ten-year statement"
          text={outcome.tenYearStatement}
          fragment={() => frame.outcomeTenYearFragment(outcomeId)}
        />
        <h3>Why: the evidence</h3>
        <RichSection
          owner={{ kind: 'frame' }}
          showOwner={false}
          label="Evidence"
          text={outcome.evidence}
          fragment={() => frame.outcomeEvidenceFragment(outcomeId)}
        />
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
                <Checkbox
                  key={priority.id}
                  label={priority.text}
                  checked={priorityIds.has(priority.id)}
                  onChange={(checked) => frame.setOutcomePriority(outcomeId, priority.id, checked)}
                />
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
          options={[
            { value: '', label: 'No lead partner yet' },
            ...soa.partners.map((partner) => ({ value: partner.id, label: partner.name })),
          ]}
          onChange={(value) => frame.updateOutcome(outcomeId, { leadPartnerId: value ? (value as PartnerId) : null })}
        />
        <fieldset>
          <legend>Partners delivering this outcome</legend>
          {readOnly ? (
            <NameList names={outcome.deliveringPartners.map((partner) => partner.name)} empty="None listed yet." />
          ) : (
            <div className="checkbox-list checkbox-columns">
              {soa.partners.map((partner) => (
                <Checkbox
                  key={partner.id}
                  label={partner.name}
                  checked={delivering.has(partner.id)}
                  onChange={(checked) => frame.setDeliveringPartner(outcomeId, partner.id, checked)}
                />
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
        <TextField
          multiline
          label="Equality outcome"
          value={outcome.equalityNote}
          readOnly={readOnly}
          emptyText="None written yet."
          bound={frameText(frame, { kind: 'outcome', id: outcomeId, key: 'equalityNote' })}
        />
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

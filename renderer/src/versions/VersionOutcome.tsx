/**
 * One local outcome of a version, read-only, laid out as its chapter of the SOA: its lead and delivering
 * partners, the National Outcomes and policy priorities it serves, what will be different in 10 years, the
 * evidence, the indicator table, each partner's contribution (statement, commitments, notes on gaps) and the
 * equality and gap notes. A contribution its reader may write can be copied into the current SOA.
 */
import type { OutcomeView, SoaSnapshot } from '../../../shared/model';
import { CopyableText, type VersionCopy } from './CopyableText';
import { VersionRichText } from './VersionRichText';
import { nationalOutcomeLabel } from '../../../shared/reference';
import { CommitmentsTable, DetailList, IndicatorsTable, LinkedTargetsTable } from './VersionTables';
import { linkedTargetRows } from './versionRows';

export function outcomeName(outcome: OutcomeView): string {
  return `Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`;
}

export function VersionOutcome({
  outcome,
  headingId,
  snapshot,
  copy,
}: {
  readonly outcome: OutcomeView;
  /** The chapter heading's id, which the contents moves the focus to. */
  readonly headingId: string;
  readonly snapshot: SoaSnapshot;
  readonly copy: VersionCopy;
}) {
  const name = outcomeName(outcome);
  // Partners listed as delivering the outcome with no contribution: said, as the export says it.
  const silent = snapshot.partners.filter(
    (partner) =>
      outcome.deliveringPartners.some((delivering) => delivering.id === partner.id) &&
      !outcome.contributions.some((contribution) => contribution.partner.id === partner.id),
  );
  const list = (items: readonly string[], none: string) => (items.length > 0 ? items.join('; ') : none);
  return (
    <article className="card version-section version-outcome" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {name}
      </h2>
      <DetailList
        rows={[
          { term: 'Lead partner', value: outcome.leadPartner?.name ?? 'None chosen' },
          {
            term: 'Partners delivering',
            value: list(
              outcome.deliveringPartners.map((partner) => partner.name),
              'None listed',
            ),
          },
          {
            term: 'National Outcomes',
            value: list(
              outcome.nationalOutcomes.map((national) => `${nationalOutcomeLabel(national)}: ${national.text}`),
              'None linked',
            ),
          },
          {
            term: 'Policy priorities',
            value: list(
              outcome.priorities.map((priority) => priority.text),
              'None linked',
            ),
          },
          ...(outcome.tags.length > 0 ? [{ term: 'Tags', value: outcome.tags.join('; ') }] : []),
        ]}
      />
      <h3>What will be different in ten years</h3>
      <VersionRichText text={outcome.tenYearStatement} topLevel={4} />
      <h3>Why this outcome: the evidence</h3>
      <VersionRichText text={outcome.evidence} topLevel={4} />
      <h3>Indicators and targets</h3>
      <IndicatorsTable
        indicators={outcome.indicators}
        snapshot={snapshot}
        caption={`Indicators and targets of outcome ${outcome.number}`}
      />
      <LinkedTargetsTable
        rows={linkedTargetRows(snapshot, outcome)}
        caption={`Partners’ own targets linked to outcome ${outcome.number}`}
      />
      <h3>What partners will contribute</h3>
      {outcome.contributions.length === 0 && (
        <p className="empty-note">No partner had written a contribution in this version.</p>
      )}
      {outcome.contributions.map((contribution) => (
        <div key={contribution.partner.id} className="version-contribution">
          <h4>{contribution.partner.name}</h4>
          <CopyableText
            sectionKey={`partner.${contribution.partner.id}.contribution.${outcome.id}`}
            text={contribution.statement}
            topLevel={5}
            copy={copy}
          />
          <CommitmentsTable
            commitments={contribution.commitments}
            caption={`${contribution.partner.name}’s commitments to outcome ${outcome.number}`}
          />
          {contribution.gapNote && (
            <p className="version-note">
              <strong>Notes on gaps:</strong> {contribution.gapNote}
            </p>
          )}
        </div>
      ))}
      {silent.map((partner) => (
        <p key={partner.id} className="empty-note">
          {partner.unreadable
            ? `${partner.name}’s part of this version could not be read: ${partner.unreadable.message}`
            : `${partner.name} is listed as delivering this outcome but had not written its contribution in this version.`}
        </p>
      ))}
      <h3>Equality outcome</h3>
      <p className={outcome.equalityNote ? 'version-note' : 'empty-note'}>
        {outcome.equalityNote || 'Nothing was written in this version.'}
      </p>
      {outcome.gapNote && (
        <>
          <h3>Notes on gaps still to be filled</h3>
          <p className="version-note">{outcome.gapNote}</p>
        </>
      )}
    </article>
  );
}

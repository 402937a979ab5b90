/**
 * What happened on an outcome in a reporting year: each partner's commitments to it, marked not started,
 * on track, delayed or done with a short note (by that partner only), and each partner's "what we did this
 * year" (rich text, by that partner only). Everyone else reads them.
 */
import { useId } from 'react';
import {
  COMMITMENT_PROGRESS_LABELS,
  COMMITMENT_PROGRESS_STATES,
  commitmentMark,
  ProgressRoom,
  type CommitmentProgressState,
  type OutcomeView,
  type ProgressSnapshot,
  type ReportingYear,
} from '../../../shared/model';
import { RichSection } from '../components/access';
import { useWorkspace } from '../hooks';

export function OutcomeYear({
  outcome,
  progress,
  year,
}: {
  readonly outcome: OutcomeView;
  readonly progress: ProgressSnapshot;
  readonly year: ReportingYear;
}) {
  const workspace = useWorkspace();
  const id = useId();
  const commitments = outcome.contributions.flatMap((contribution) =>
    contribution.commitments.map((commitment) => ({ partner: contribution.partner, commitment })),
  );
  return (
    <>
      <h3 id={`${id}-commitments`}>Commitments in {year}</h3>
      {commitments.length === 0 ? (
        <p className="empty-note">No partner has made a commitment to this outcome.</p>
      ) : (
        <table className="data-table commitment-progress" aria-labelledby={`${id}-commitments`}>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Commitment</th>
              <th scope="col">Status</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {commitments.map(({ partner, commitment }) => {
              const mark = commitmentMark(progress, commitment.id, year);
              const owner = { kind: 'partner' as const, partnerId: partner.id };
              const writable = workspace.canWrite(owner);
              const room = () => new ProgressRoom(workspace.docOf(owner));
              const label = commitment.action || 'Untitled commitment';
              const save = (state: CommitmentProgressState | '', note: string) =>
                room().setCommitmentProgress(commitment.id, year, state === '' ? null : { state, note });
              return (
                <tr key={commitment.id}>
                  <td>{partner.name}</td>
                  <td>{label}</td>
                  <td>
                    {writable ? (
                      <select
                        aria-label={`Status in ${year}: ${label}`}
                        value={mark?.state ?? ''}
                        onChange={(event) => save(event.target.value as CommitmentProgressState | '', mark?.note ?? '')}
                      >
                        <option value="">Not reported</option>
                        {COMMITMENT_PROGRESS_STATES.map((state) => (
                          <option key={state} value={state}>
                            {COMMITMENT_PROGRESS_LABELS[state]}
                          </option>
                        ))}
                      </select>
                    ) : mark ? (
                      COMMITMENT_PROGRESS_LABELS[mark.state]
                    ) : (
                      'Not reported'
                    )}
                  </td>
                  <td>
                    {writable ? (
                      <input
                        aria-label={`Note for ${year}: ${label}`}
                        defaultValue={mark?.note ?? ''}
                        key={`${year}:${mark?.note ?? ''}`}
                        disabled={!mark}
                        onBlur={(event) => {
                          if (mark && event.target.value !== mark.note) save(mark.state, event.target.value);
                        }}
                      />
                    ) : (
                      (mark?.note ?? '')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>What the partners did in {year}</h3>
      {outcome.contributions.length === 0 && <p className="empty-note">No partner contributes to this outcome yet.</p>}
      {outcome.contributions.map((contribution) => {
        const owner = { kind: 'partner' as const, partnerId: contribution.partner.id };
        const text =
          progress.narratives
            .get(contribution.partner.id)
            ?.find((entry) => entry.year === year && entry.outcomeId === outcome.id)?.text ?? [];
        return (
          <div key={`${contribution.partner.id}:${year}`} className="year-narrative">
            <h4>{contribution.partner.name}</h4>
            <RichSection
              owner={owner}
              label={`What ${contribution.partner.name} did in ${year}`}
              text={text}
              agreedNotice={false}
              headingLevel={5}
              fragment={() => new ProgressRoom(workspace.docOf(owner)).narrativeFragment(year, outcome.id)}
            />
          </div>
        );
      })}
    </>
  );
}

import type { EffectiveSignOff } from '../../../shared/model';
import { formatUkDate } from '../../../shared/text/dates';

/** What changed since a partner agreed, one line per outcome (and one for its own sections). */
export function SignOffChanges({
  partnerName,
  signOff,
  id,
}: {
  readonly partnerName: string;
  readonly signOff: EffectiveSignOff;
  readonly id?: string;
}) {
  if (signOff.changes.length === 0) return null;
  return (
    <div className="sign-off-changes" id={id}>
      <p>
        Changed since {partnerName} agreed{signOff.date ? ` on ${formatUkDate(signOff.date)}` : ''}:
      </p>
      <ul>
        {signOff.changes.map((change, index) => (
          <li key={`${change.kind}-${change.outcomeId ?? 'own'}-${index}`}>{change.description}</li>
        ))}
      </ul>
    </div>
  );
}

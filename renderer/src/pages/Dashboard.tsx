/**
 * The coordinator's dashboard, straight from checkCompleteness (shared/model/completeness): what is missing
 * for each outcome and each partner, sign-offs outstanding, and days left to the deadlines. Every item is a
 * button that goes to the place to fix it.
 */
import type { MissingItem } from '../../../shared/model';
import { useDocState, useNavigation } from '../hooks';
import { locationOfFix } from '../routes';

export function Dashboard() {
  const { completeness, soa } = useDocState();
  const { counts, deadlines } = completeness;
  return (
    <>
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
          <span className="metric-label">sign-offs outstanding</span>
        </div>
        <div className="metric">
          <span className="metric-value">{deadlines.draftDue ? deadlines.draftDue.description : 'No date'}</span>
          <span className="metric-label">draft due{deadlines.draftDue ? ` ${deadlines.draftDue.label}` : ''}</span>
        </div>
        <div className="metric">
          <span className="metric-value">{deadlines.agreementDue ? deadlines.agreementDue.description : 'No date'}</span>
          <span className="metric-label">agreement due{deadlines.agreementDue ? ` ${deadlines.agreementDue.label}` : ''}</span>
        </div>
      </section>
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
              Outcome {index + 1}: {outcome.title || 'Untitled'} {outcome.missing.length === 0 ? <span className="state-pill state-complete">Complete</span> : <span className="state-pill state-progress">{outcome.missing.length} missing</span>}
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
              <span className={`state-pill ${entry.signOff.state === 'agreed' ? 'state-signed' : entry.signOff.state === 'ready' ? 'state-complete' : 'state-progress'}`}>
                {entry.signOff.state === 'agreed' ? 'Agreed' : entry.signOff.state === 'ready' ? 'Ready for sign-off' : 'Draft'}
              </span>
            </h3>
            {entry.missing.length > 0 ? <MissingList items={entry.missing} /> : <p>Nothing missing.</p>}
          </div>
        ))}
      </section>
      {soa.orphans.length > 0 && (
        <section className="card" aria-labelledby="dash-orphans">
          <h2 id="dash-orphans">To tidy up</h2>
          <ul>
            {soa.orphans.map((orphan, index) => (
              <li key={index}>{orphan.message}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function MissingList({ items }: { readonly items: readonly MissingItem[] }) {
  const navigation = useNavigation();
  return (
    <ul className="link-list missing-list">
      {items.map((item, index) => (
        <li key={index}>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const location = locationOfFix(item.fix);
              navigation.go(location.route, location.focus);
            }}
          >
            {item.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

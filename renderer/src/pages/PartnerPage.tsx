/**
 * A partner's home: the outcomes it contributes to, what is still missing from its part, its statement of
 * support and notes on gaps, and its sign-off ("ready for sign-off", then "agreed" with the officer's name,
 * position and date).
 */
import { useState } from 'react';
import type { PartnerId } from '../../../shared/model';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import { AgreedNotice, RichSection, useSectionAccess } from '../components/access';
import { locationOfFix } from '../routes';
import { WrittenBy } from '../components/fields';
import { useWordExport } from '../export/useWordExport';

export function PartnerPage({ partnerId }: { readonly partnerId: PartnerId }) {
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const { soa, completeness } = useDocState();
  const access = useSectionAccess({ kind: 'partner', partnerId });
  const partner = soa.partners.find((candidate) => candidate.id === partnerId);
  if (!partner) return <p className="empty-note">This partner is no longer part of the SOA.</p>;
  const doc = workspace.partner(partnerId);
  const outcomes = soa.outcomes.filter((outcome) => outcome.deliveringPartners.some((delivering) => delivering.id === partnerId) || partner.contributesTo.includes(outcome.id));
  const missing = (completeness.partners.find((entry) => entry.partner.id === partnerId)?.missing ?? []).filter((item) => item.code !== 'sign-off-outstanding');
  return (
    <>
      {access.mode === 'read' && <WrittenBy owner={partner.name} />}
      {access.mode === 'agreed' && <AgreedNotice partnerId={partnerId} />}
      <section className="card" aria-labelledby="partner-outcomes">
        <h2 id="partner-outcomes">Outcomes {partner.name} contributes to</h2>
        {outcomes.length === 0 ? (
          <p className="empty-note">Not yet listed against any local outcome.</p>
        ) : (
          <ul className="link-list">
            {outcomes.map((outcome) => {
              const contribution = outcome.contributions.find((candidate) => candidate.partner.id === partnerId);
              const written = contribution && (contribution.statement.length > 0 || contribution.commitments.length > 0);
              return (
                <li key={outcome.id}>
                  <button type="button" className="link-button" onClick={() => navigation.go({ kind: 'outcome', id: outcome.id }, `contribution-${partnerId}`)}>
                    Outcome {outcome.number}: {outcome.title || 'Untitled'}
                  </button>
                  <span className={`state-pill ${written ? 'state-progress' : 'state-empty'}`}>{written ? `${contribution.commitments.length} commitments` : 'Not written'}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="partner-missing">
        <h2 id="partner-missing">Still missing</h2>
        {missing.length === 0 ? (
          <p>Nothing is missing from {partner.name}’s contributions.</p>
        ) : (
          <ul className="link-list">
            {missing.map((item, index) => (
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
        )}
      </section>
      <section className="card" aria-labelledby="partner-statement">
        <h2 id="partner-statement">Statement of support</h2>
        <RichSection owner={{ kind: 'partner', partnerId }} showOwner={false} agreedNotice={false} headingLevel={3} label={`${partner.name}’s statement of support`} text={partner.statement} fragment={() => doc.statementFragment()} />
        <h3>Notes on gaps still to fill</h3>
        <RichSection owner={{ kind: 'partner', partnerId }} showOwner={false} agreedNotice={false} label={`${partner.name}’s notes on gaps`} text={partner.gapNotes} fragment={() => doc.gapNotesFragment()} />
      </section>
      <SignOff partnerId={partnerId} canAct={access.mode !== 'read'} />
      <PartnerExport partnerId={partnerId} name={partner.name} />
    </>
  );
}

function SignOff({ partnerId, canAct }: { readonly partnerId: PartnerId; readonly canAct: boolean }) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const partner = soa.partners.find((candidate) => candidate.id === partnerId);
  const defaultName = workspace.identity.name;
  const [officer, setOfficer] = useState(defaultName);
  const [position, setPosition] = useState('');
  if (!partner) return null;
  const signOff = partner.signOff;
  const doc = workspace.partner(partnerId);
  const done = () => workspace.refreshNow();
  return (
    <section className="card" aria-labelledby="sign-off" id="sign-off-section">
      <h2 id="sign-off" tabIndex={-1}>
        Sign-off
      </h2>
      {signOff.lapsed && (
        <p className="notice notice-warning" role="note">
          {partner.name}’s content changed after it was signed off, so it is back in draft and must be signed off again.
        </p>
      )}
      <p className="sign-off-state" data-state={signOff.state}>
        {signOff.state === 'draft' && <>Draft: not yet ready for sign-off.</>}
        {signOff.state === 'ready' && (
          <>
            Ready for sign-off{signOff.officerName ? `, marked by ${signOff.officerName}` : ''}
            {signOff.date ? ` on ${formatUkDate(signOff.date)}` : ''}.
          </>
        )}
        {signOff.state === 'agreed' && (
          <>
            Agreed by {signOff.officerName || 'an officer'}
            {signOff.officerPosition ? `, ${signOff.officerPosition}` : ''}
            {signOff.date ? `, on ${formatUkDate(signOff.date)}` : ''}.
          </>
        )}
      </p>
      {canAct && signOff.state === 'draft' && (
        <button
          type="button"
          className="button"
          onClick={() => {
            doc.markReady(defaultName, todayIso());
            done();
          }}
        >
          Mark ready for sign-off
        </button>
      )}
      {canAct && signOff.state === 'ready' && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!officer.trim()) return;
            doc.agree(officer.trim(), position.trim(), todayIso());
            done();
          }}
        >
          <div className="field">
            <label htmlFor="agree-officer">Officer’s name</label>
            <input id="agree-officer" value={officer} required onChange={(event) => setOfficer(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="agree-position">Position</label>
            <input id="agree-position" value={position} onChange={(event) => setPosition(event.target.value)} />
          </div>
          <button type="submit" className="button">
            Record agreement
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              doc.returnToDraft(todayIso());
              done();
            }}
          >
            Back to draft
          </button>
        </form>
      )}
      {canAct && signOff.state === 'agreed' && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            if (window.confirm('Return to draft? Your organisation will need to agree the SOA again.')) {
              doc.returnToDraft(todayIso());
              done();
            }
          }}
        >
          Return to draft
        </button>
      )}
    </section>
  );
}

/** One partner's part of the SOA as a Word file, for that partner's board. */
function PartnerExport({ partnerId, name }: { readonly partnerId: PartnerId; readonly name: string }) {
  const { runExport, progress, message, busy } = useWordExport();
  return (
    <section className="card" aria-labelledby="partner-export">
      <h2 id="partner-export">For {name}’s board</h2>
      <p>A Word document with {name}’s contributions, commitments and statement, for its board to endorse.</p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void runExport({ kind: 'partner', partnerId })} aria-describedby="partner-export-status">
        Export {name}’s part to Word
      </button>
      <div id="partner-export-status" className="export-status" role="status" aria-live="polite">
        {progress && <span>{progress.stage}</span>}
        {!progress && message && <span>{message}</span>}
      </div>
    </section>
  );
}

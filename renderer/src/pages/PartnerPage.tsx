/**
 * A partner's home: the outcomes it contributes to, what is still missing from its part, its statement of
 * support and notes on gaps, and its sign-off ("Ready for sign-off", then "Agreed" with the officer's name,
 * position and date; "Agreed to an earlier version", with what changed, until the partner confirms again).
 */
import { useState } from 'react';
import {
  INDICATOR_LINK_SCHEME_LABELS,
  INDICATOR_LINK_SCHEMES,
  isRichTextEmpty,
  ORIGIN_TYPING,
  PROGRESS_LABELS,
  recordAgreement,
  SIGN_OFF_LABELS,
  TextTooLongError,
  type IndicatorId,
  type IndicatorLink,
  type IndicatorLinkScheme,
  type OutcomeId,
  type PartnerId,
  TEXT_LIMITS,
  type TotalResources,
  type TotalResourcesFields,
} from '../../../shared/model';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import { AgreedNotice, RichSection, useSectionAccess } from '../components/access';
import { FigureField, Select, TextField, WrittenBy } from '../components/fields';
import { AgreedVersionLink, useLatestVersionId } from '../versions/AgreedVersionLink';
import { partnerText } from '../components/boundText';
import { countOf } from '../../../shared/text/plural';
import { useConfirm } from '../components/Dialog';
import { MissingList } from '../components/MissingList';
import { SignOffChanges } from '../components/SignOffChanges';
import { PROGRESS_CLASS, SIGN_OFF_CLASS } from '../components/stateClasses';
import { useWordExport } from '../export/useWordExport';
import { UnreadableSection } from '../components/UnreadableSection';

export function PartnerPage({ partnerId }: { readonly partnerId: PartnerId }) {
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const { soa, completeness } = useDocState();
  const access = useSectionAccess({ kind: 'partner', partnerId });
  const partner = soa.partners.find((candidate) => candidate.id === partnerId);
  if (!partner) return <p className="empty-note">This partner is no longer part of the SOA.</p>;
  const doc = workspace.partnerCommands(partnerId);
  const outcomes = soa.outcomes.filter(
    (outcome) =>
      outcome.deliveringPartners.some((delivering) => delivering.id === partnerId) ||
      partner.contributesTo.includes(outcome.id),
  );
  const missing = (completeness.partners.find((entry) => entry.partner.id === partnerId)?.missing ?? []).filter(
    (item) => item.code !== 'sign-off-outstanding',
  );
  if (partner.unreadable) {
    // Its content is unknown: no editors, no sign-off, only what is wrong and what to do.
    return (
      <>
        <section className="card" aria-labelledby="partner-unreadable">
          <h2 id="partner-unreadable">{partner.name}’s section</h2>
          <UnreadableSection partner={partner} />
        </section>
        <PartnerExport partnerId={partnerId} name={partner.name} />
      </>
    );
  }
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
              const written =
                contribution && (!isRichTextEmpty(contribution.statement) || contribution.commitments.length > 0);
              return (
                <li key={outcome.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigation.go({ kind: 'outcome', id: outcome.id }, `contribution-${partnerId}`)}
                  >
                    Outcome {outcome.number}: {outcome.title || 'Untitled'}
                  </button>
                  <span className={`state-pill ${PROGRESS_CLASS[written ? 'complete' : 'not-started']}`}>
                    {PROGRESS_LABELS[written ? 'complete' : 'not-started']}
                  </span>
                  {written && (
                    <span className="field-hint"> {countOf(contribution.commitments.length, 'commitment')}</span>
                  )}
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
          <MissingList items={missing} className="link-list" />
        )}
      </section>
      <section className="card" aria-labelledby="partner-statement">
        <h2 id="partner-statement">Statement of support</h2>
        <p className="statement-sign-off">
          <span className={`state-pill ${SIGN_OFF_CLASS[partner.signOff.state]}`}>
            {SIGN_OFF_LABELS[partner.signOff.state]}
          </span>
          {partner.signOff.state === 'agreed-earlier-version' && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => document.getElementById('sign-off')?.focus()}
              >
                What changed since {partner.name} agreed
              </button>
            </>
          )}
        </p>
        <RichSection
          owner={{ kind: 'partner', partnerId }}
          showOwner={false}
          agreedNotice={false}
          headingLevel={3}
          label={`${partner.name}’s statement of support`}
          text={partner.statement}
          fragment={() => doc.statementFragment()}
        />
        <h3>Notes on gaps still to fill</h3>
        <RichSection
          owner={{ kind: 'partner', partnerId }}
          showOwner={false}
          agreedNotice={false}
          label={`${partner.name}’s notes on gaps`}
          text={partner.gapNotes}
          fragment={() => doc.gapNotesFragment()}
        />
      </section>
      <TotalResourcesSection
        partnerId={partnerId}
        partnerName={partner.name}
        area={soa.meta.area}
        resources={partner.totalResources}
        committed={soa.resources.byPartner.find((row) => row.partner.id === partnerId)?.pounds ?? 0}
        editable={access.mode === 'edit'}
      />
      <IndicatorLinks
        partnerId={partnerId}
        partnerName={partner.name}
        links={partner.indicatorLinks}
        editable={access.mode === 'edit'}
      />
      <SignOff partnerId={partnerId} canAct={access.mode !== 'read'} />
      <PartnerExport partnerId={partnerId} name={partner.name} />
    </>
  );
}

function SignOff({ partnerId, canAct }: { readonly partnerId: PartnerId; readonly canAct: boolean }) {
  const workspace = useWorkspace();
  const { soa, frame } = useDocState();
  const partner = soa.partners.find((candidate) => candidate.id === partnerId);
  const defaultName = workspace.identity.name;
  // Until typed into, the fields offer the officer who agreed (when confirming) or whoever is signed in.
  const [officerTyped, setOfficer] = useState<string | null>(null);
  const [positionTyped, setPosition] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const latestVersionId = useLatestVersionId();
  if (!partner) return null;
  const earlier = partner.signOff.state === 'agreed-earlier-version';
  const officer = officerTyped ?? (earlier && partner.signOff.officerName ? partner.signOff.officerName : defaultName);
  const position = positionTyped ?? (earlier ? partner.signOff.officerPosition : '');
  const signOff = partner.signOff;
  const doc = workspace.partnerCommands(partnerId);
  const agree = () => {
    if (!officer.trim()) return;
    recordAgreement(doc, frame, partnerId, officer.trim(), position.trim(), todayIso(), latestVersionId());
  };
  const agreeForm = (label: string) => (
    <form
      className="inline-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        agree();
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
        {label}
      </button>
      {signOff.state === 'ready' && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            doc.returnToDraft(todayIso());
          }}
        >
          Back to draft
        </button>
      )}
    </form>
  );
  const returnToDraft = (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => {
        void confirm({
          title: 'Return to draft?',
          message: <p>{partner.name} will need to agree the SOA again.</p>,
          confirmLabel: 'Return to draft',
          cancelLabel: 'Cancel',
        }).then((yes) => {
          if (!yes) return;
          doc.returnToDraft(todayIso());
        });
      }}
    >
      Return to draft
    </button>
  );
  const label = SIGN_OFF_LABELS[signOff.state];
  const signer = `${signOff.officerName || 'an officer'}${signOff.officerPosition ? `, ${signOff.officerPosition}` : ''}${signOff.date ? `, on ${formatUkDate(signOff.date)}` : ''}`;
  return (
    <section className="card" aria-labelledby="sign-off" id="sign-off-section">
      <h2 id="sign-off" tabIndex={-1}>
        Sign-off
      </h2>
      <p className="sign-off-state" data-state={signOff.state}>
        {signOff.state === 'draft' &&
          (signOff.lapsed ? (
            <>
              {label}: {partner.name}’s content changed after it was marked ready for sign-off.
            </>
          ) : (
            <>{label}: not yet ready for sign-off.</>
          ))}
        {signOff.state === 'ready' && (
          <>
            {label}
            {signOff.officerName ? `, marked by ${signOff.officerName}` : ''}
            {signOff.date ? ` on ${formatUkDate(signOff.date)}` : ''}.
          </>
        )}
        {signOff.state === 'agreed' && (
          <>
            {label} by {signer}.
          </>
        )}
        {signOff.state === 'agreed-earlier-version' && (
          <>
            {label}: agreed by {signer}. What the agreement covers has changed since; it counts as agreed again once{' '}
            {partner.name} confirms.
          </>
        )}
      </p>
      {signOff.state === 'agreed-earlier-version' && <SignOffChanges partnerName={partner.name} signOff={signOff} />}
      <AgreedVersionLink partnerName={partner.name} signOff={signOff} />
      {canAct && signOff.state === 'draft' && (
        <button
          type="button"
          className="button"
          onClick={() => {
            doc.markReady(defaultName, todayIso());
          }}
        >
          Mark ready for sign-off
        </button>
      )}
      {canAct && signOff.state === 'ready' && agreeForm('Record agreement')}
      {canAct && signOff.state === 'agreed-earlier-version' && (
        <>
          {agreeForm('Confirm agreement')}
          {returnToDraft}
        </>
      )}
      {canAct && signOff.state === 'agreed' && returnToDraft}
      {confirmDialog}
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
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => void runExport({ kind: 'partner', partnerId })}
        aria-describedby="partner-export-status"
      >
        Export {name}’s part to Word
      </button>
      <div id="partner-export-status" className="export-status" role="status" aria-live="polite">
        {progress && <span>{progress.stage}</span>}
        {!progress && message && <span>{message}</span>}
      </div>
    </section>
  );
}

/**
 * Links from the partner's own plans (NHS HEAT targets and LDP standards, the local police plan, the fire and
 * rescue plan) to an SOA outcome or one of its indicators. Written in the partner's room.
 */
function IndicatorLinks({
  partnerId,
  partnerName,
  links,
  editable,
}: {
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly links: readonly IndicatorLink[];
  readonly editable: boolean;
}) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const [confirm, confirmDialog] = useConfirm();
  const [scheme, setScheme] = useState<IndicatorLinkScheme>('heat');
  const [reference, setReference] = useState('');
  const [outcomeId, setOutcomeId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const doc = workspace.partnerCommands(partnerId);
  const schemeOptions = INDICATOR_LINK_SCHEMES.map((value) => ({ value, label: INDICATOR_LINK_SCHEME_LABELS[value] }));
  const outcomeOptions = [
    { value: '', label: 'The SOA as a whole' },
    ...soa.outcomes.map((outcome) => ({
      value: outcome.id,
      label: `Outcome ${outcome.number}: ${outcome.title || 'Untitled'}`,
    })),
  ];
  const indicatorOptions = (forOutcome: OutcomeId | null) => {
    const outcome = soa.outcomes.find((candidate) => candidate.id === forOutcome);
    return [
      { value: '', label: 'No particular indicator' },
      ...(outcome?.indicators ?? []).map((indicator) => ({ value: indicator.id, label: indicator.displayName })),
    ];
  };
  const describe = (link: IndicatorLink) => {
    const outcome = soa.outcomes.find((candidate) => candidate.id === link.outcomeId);
    const indicator = outcome?.indicators.find((candidate) => candidate.id === link.indicatorId);
    if (link.outcomeId && !outcome) return 'a local outcome that has been deleted';
    if (!outcome) return 'the SOA as a whole';
    return `outcome ${outcome.number}${indicator ? `, ${indicator.displayName}` : ''}`;
  };
  return (
    <section className="card" aria-labelledby="partner-links">
      <h2 id="partner-links">Links to {partnerName}’s own plans</h2>
      <p className="field-hint">
        Where a target in {partnerName}’s own plan (an NHS HEAT target or LDP standard, the local police plan, the fire
        and rescue plan) serves an outcome of this SOA.
      </p>
      {links.length === 0 ? (
        <p className="empty-note">No links yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${partnerName} links to its own plans`} tabIndex={0}>
          <table className="data-table indicator-links">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Reference</th>
                <th scope="col">What it measures</th>
                <th scope="col">SOA outcome</th>
                <th scope="col">SOA indicator</th>
                {editable && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {links.map((link, index) => {
                const name = link.reference ? `link ${link.reference}` : `link ${index + 1}`;
                if (!editable) {
                  return (
                    <tr key={link.id} id={`indicator-link-${link.id}`}>
                      <td>{INDICATOR_LINK_SCHEME_LABELS[link.scheme]}</td>
                      <td>{link.reference}</td>
                      <td>{link.description}</td>
                      <td colSpan={2}>{describe(link)}</td>
                    </tr>
                  );
                }
                return (
                  <tr key={link.id} id={`indicator-link-${link.id}`} tabIndex={-1}>
                    <td>
                      <Select
                        label={`Plan of ${name}`}
                        hideLabel
                        value={link.scheme}
                        options={schemeOptions}
                        onChange={(value) => doc.updateIndicatorLink(link.id, { scheme: value as IndicatorLinkScheme })}
                      />
                    </td>
                    <td>
                      <TextField
                        label={`Reference of ${name}`}
                        hideLabel
                        value={link.reference}
                        limit={TEXT_LIMITS.reference}
                        onChange={(value) => doc.updateIndicatorLink(link.id, { reference: value })}
                      />
                    </td>
                    <td className="cell-wide">
                      <TextField
                        label={`What ${name} measures`}
                        hideLabel
                        value={link.description}
                        bound={partnerText(doc, { kind: 'linkDescription', id: link.id })}
                      />
                    </td>
                    <td>
                      <Select
                        label={`SOA outcome of ${name}`}
                        hideLabel
                        value={link.outcomeId ?? ''}
                        options={
                          link.outcomeId && !soa.outcomes.some((outcome) => outcome.id === link.outcomeId)
                            ? [{ value: link.outcomeId, label: 'A deleted outcome' }, ...outcomeOptions]
                            : outcomeOptions
                        }
                        onChange={(value) =>
                          doc.updateIndicatorLink(link.id, {
                            outcomeId: value ? (value as OutcomeId) : null,
                            indicatorId: null,
                          })
                        }
                      />
                    </td>
                    <td>
                      <Select
                        label={`SOA indicator of ${name}`}
                        hideLabel
                        value={link.indicatorId ?? ''}
                        disabled={!link.outcomeId}
                        options={indicatorOptions(link.outcomeId)}
                        onChange={(value) =>
                          doc.updateIndicatorLink(link.id, { indicatorId: value ? (value as IndicatorId) : null })
                        }
                      />
                    </td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Delete ${name}`}
                        onClick={() => {
                          void confirm({
                            title: 'Delete this link?',
                            message: (
                              <p>
                                Delete the link from {INDICATOR_LINK_SCHEME_LABELS[link.scheme]}{' '}
                                {link.reference ? `“${link.reference}”` : ''} to {describe(link)}?
                              </p>
                            ),
                            confirmLabel: 'Delete link',
                            danger: true,
                          }).then((yes) => {
                            if (!yes) return;
                            doc.deleteIndicatorLink(link.id);
                          });
                        }}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form
          className="inline-form"
          aria-label={`Add a link to ${partnerName}’s own plans`}
          onSubmit={(event) => {
            event.preventDefault();
            if (!reference.trim()) {
              setError('Enter the reference in your plan, for example HEAT H4.');
              return;
            }
            const id = doc.addIndicatorLink({
              scheme,
              reference: reference.trim(),
              description: '',
              outcomeId: outcomeId ? (outcomeId as OutcomeId) : null,
              indicatorId: null,
            });
            setReference('');
            setError(null);
            requestAnimationFrame(() => document.getElementById(`indicator-link-${id}`)?.focus());
          }}
        >
          <Select
            label="Plan"
            value={scheme}
            options={schemeOptions}
            onChange={(value) => setScheme(value as IndicatorLinkScheme)}
          />
          <div className="field">
            <label htmlFor="new-link-reference">Reference in the plan</label>
            {error && (
              <p className="field-error" id="new-link-error">
                {error}
              </p>
            )}
            <input
              id="new-link-reference"
              value={reference}
              placeholder="e.g. HEAT H4"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'new-link-error' : undefined}
              onChange={(event) => setReference(event.target.value)}
            />
          </div>
          <Select label="SOA outcome it serves" value={outcomeId} options={outcomeOptions} onChange={setOutcomeId} />
          <button type="submit" className="button button-secondary">
            Add plan link
          </button>
        </form>
      )}
      {confirmDialog}
    </section>
  );
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/**
 * The partner's total resources deployed in the area (amount, year, basis), beside what it commits to the SOA's
 * outcomes: the guidance asks for both, and the export prints both. Written in the partner's own room, as typed.
 */
function TotalResourcesSection({
  partnerId,
  partnerName,
  area,
  resources,
  committed,
  editable,
}: {
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly area: string;
  readonly resources: TotalResources;
  readonly committed: number;
  readonly editable: boolean;
}) {
  const workspace = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  const place = area.trim() || 'the area';
  const doc = workspace.partnerCommands(partnerId);
  const save = (fields: Partial<TotalResourcesFields>) => {
    try {
      doc.setTotalResources(fields, ORIGIN_TYPING);
      setError(null);
    } catch (failure) {
      if (failure instanceof TextTooLongError) setError(failure.message);
      else throw failure;
    }
  };
  return (
    <section className="card" aria-labelledby="partner-total-resources">
      <h2 id="partner-total-resources">Total resources in {place}</h2>
      <p className="field-hint">
        Everything {partnerName} spends in {place} in a year, not only what it commits to this SOA: the guidance asks
        each partnership to show how the total resource is deployed. {partnerName} commits {POUNDS.format(committed)} to
        the SOA’s outcomes.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <FigureField
        label={`Total resources of ${partnerName} in ${place} (£)`}
        text={resources.amountText}
        kind="pounds"
        readOnly={!editable}
        display={resources.amount !== null ? POUNDS.format(resources.amount) : resources.amountText}
        limit={TEXT_LIMITS.figure}
        onChange={(value) => save({ amount: value })}
      />
      <TextField
        label="Financial year of the total"
        value={resources.year}
        readOnly={!editable}
        emptyText="Not stated"
        limit={TEXT_LIMITS.figure}
        hint="For example 2013/14."
        onChange={(value) => save({ year: value })}
      />
      <TextField
        multiline
        label="Basis of the total"
        value={resources.basis}
        readOnly={!editable}
        emptyText="Not stated"
        hint="How the figure was worked out, for example: net revenue budget for services in the area, excluding capital."
        bound={{
          text: doc.totalResourcesBasisText(),
          write: (value) => save({ basis: value }),
          limit: TEXT_LIMITS.note,
        }}
      />
    </section>
  );
}

/**
 * The dashboard's progress panel: for a reporting year, how many indicators are on track, have some way to
 * go, are off track, and have no value for that year; which indicators are off track; which partners (or
 * the coordinators) still owe values; and "Export Annual Report" for that year.
 */
import { useId, useState } from 'react';
import { indicatorStatus, TRAJECTORY_STATE_LABELS, type ReportingYear } from '../../../shared/model';
import { todayIso } from '../../../shared/text/dates';
import { countOf } from '../../../shared/text/plural';
import { useDocState, useNavigation, useWorkspace } from '../hooks';
import { exportAnnualReport } from './exportAnnualReport';
import { ImportValues } from './ImportValues';
import { PartnershipYear } from './PartnershipYear';
import { StatusBadge } from './StatusBadge';
import { defaultYear, useProgress } from './useProgress';

export function ProgressSummary() {
  const progress = useProgress();
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const navigation = useNavigation();
  const id = useId();
  const [chosen, setChosen] = useState<ReportingYear | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const year = chosen ?? defaultYear(progress);
  const indicators = soa.outcomes.flatMap((outcome) => outcome.indicators.map((indicator) => ({ outcome, indicator })));
  if (!year || indicators.length === 0) return null;

  const judged = indicators.map((entry) => ({ ...entry, status: indicatorStatus(entry.indicator, progress, year) }));
  const count = (state: string) => judged.filter((entry) => entry.status.state === state).length;
  const missing = judged.filter(
    (entry) => !progress.indicators.get(entry.indicator.id)?.years.some((value) => value.year === year),
  );
  const owed = new Map<string, number>();
  for (const entry of missing) {
    const owner = progress.indicators.get(entry.indicator.id)?.recordedBy;
    const name = !owner
      ? 'No lead partner'
      : owner.kind === 'coordinators'
        ? 'The coordinators'
        : (soa.partners.find((partner) => partner.id === owner.partnerId)?.name ?? 'A removed partner');
    owed.set(name, (owed.get(name) ?? 0) + 1);
  }
  const offTrack = judged.filter((entry) => entry.status.state === 'off-track');

  const runExport = async () => {
    setBusy(true);
    setMessage(`Making the Annual Report ${year}\u2026`);
    try {
      const state = workspace.refreshNow();
      const result = await exportAnnualReport(
        state.soa,
        progress,
        year,
        todayIso(),
        state.soa.meta.partnershipName || workspace.identity.name,
      );
      setMessage(
        result.cancelled
          ? 'Export cancelled.'
          : result.savedTo
            ? `Saved ${result.fileName} to ${result.savedTo}.`
            : `Downloaded ${result.fileName}.`,
      );
    } catch (error) {
      setMessage(`The Annual Report could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="dash-progress">
      <h2 id="dash-progress">Indicators in {year}</h2>
      <div className="field field-inline">
        <label htmlFor={`${id}-year`}>Reporting year</label>
        <select id={`${id}-year`} value={year} onChange={(event) => setChosen(event.target.value as ReportingYear)}>
          {progress.years.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </div>
      <div className="summary-cards progress-counts">
        {(['on-track', 'some-way-to-go', 'off-track'] as const).map((state) => (
          <div className="metric" key={state} data-count={state}>
            <span className="metric-value">{count(state)}</span>
            <span className="metric-label">
              <StatusBadge state={state} />
            </span>
          </div>
        ))}
        <div className="metric" data-count="missing">
          <span className="metric-value">{missing.length}</span>
          <span className="metric-label">without a value for {year}</span>
        </div>
      </div>
      {offTrack.length > 0 && (
        <>
          <h3>{TRAJECTORY_STATE_LABELS['off-track']}</h3>
          <ul className="off-track-list">
            {offTrack.map((entry) => (
              <li key={entry.indicator.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    navigation.go({ kind: 'outcome', id: entry.outcome.id }, `progress-${entry.indicator.id}`)
                  }
                >
                  {entry.indicator.displayName}
                </button>{' '}
                (outcome {entry.outcome.number})
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Values still owed for {year}</h3>
      {owed.size === 0 ? (
        <p className="empty-note">Every indicator has a value for {year}.</p>
      ) : (
        <ul className="owed-list">
          {[...owed.entries()].map(([name, number]) => (
            <li key={name}>
              {name}: {countOf(number, 'indicator')}
            </li>
          ))}
        </ul>
      )}
      <PartnershipYear progress={progress} year={year} />
      <ImportValues />
      <button type="button" onClick={() => void runExport()} disabled={busy}>
        Export Annual Report {year}
      </button>
      <p role="status" className="cell-note">
        {message}
      </p>
    </section>
  );
}

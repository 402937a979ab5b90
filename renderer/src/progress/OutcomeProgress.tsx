/**
 * The "Progress" section of a local outcome's page: the reporting year to look at, a small-multiples
 * overview of every indicator of the outcome (status in words and a small chart each), then each
 * indicator's chart, figures and, for whoever records them, the form to record its values.
 */
import { useId, useState } from 'react';
import { indicatorStatus, type IndicatorView, type OutcomeView, type ReportingYear } from '../../../shared/model';
import { useDocState } from '../hooks';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorProgress } from './IndicatorProgress';
import { OutcomeYear } from './OutcomeYear';
import { StatusBadge } from './StatusBadge';
import { defaultYear, useProgress } from './useProgress';

export function OutcomeProgress({ outcome }: { readonly outcome: OutcomeView }) {
  const progress = useProgress();
  const { soa } = useDocState();
  const id = useId();
  const [chosen, setChosen] = useState<ReportingYear | null>(null);
  const [open, setOpen] = useState(() => window.location.hash.includes('focus=progress-'));
  const year = chosen ?? defaultYear(progress);
  if (!year) return null;
  const recorderName = (indicator: IndicatorView) => {
    const owner = progress.indicators.get(indicator.id)?.recordedBy;
    if (!owner) return 'nobody yet';
    return owner.kind === 'coordinators'
      ? 'the coordinators'
      : (soa.partners.find((partner) => partner.id === owner.partnerId)?.name ?? 'its lead partner');
  };
  const states = outcome.indicators.map((indicator) => indicatorStatus(indicator, progress, year).state);
  const onTrack = states.filter((state) => state === 'on-track').length;
  const offTrack = states.filter((state) => state === 'off-track').length;
  return (
    <section className="card" aria-labelledby="outcome-progress">
      <h2 id="outcome-progress">Progress</h2>
      {/* Closed until asked for, so the outcome's own sections stay a short page and a few Tab stops. */}
      <details className="progress-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          Values, charts, commitments and what partners did in {year}: {onTrack} of {outcome.indicators.length}{' '}
          indicators on track, {offTrack} off track
        </summary>
        {open && (
          <>
            <div className="field field-inline">
              <label htmlFor={`${id}-year`}>Reporting year</label>
              <select
                id={`${id}-year`}
                value={year}
                onChange={(event) => setChosen(event.target.value as ReportingYear)}
              >
                {progress.years.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {candidate}
                  </option>
                ))}
              </select>
            </div>
            {outcome.indicators.length === 0 ? (
              <p className="empty-note">No indicators yet.</p>
            ) : (
              <>
                <ul
                  className="small-multiples"
                  aria-label={`Indicators of outcome ${outcome.number} at a glance, ${year}`}
                >
                  {outcome.indicators.map((indicator) => {
                    const status = indicatorStatus(indicator, progress, year);
                    return (
                      <li key={indicator.id}>
                        <button
                          type="button"
                          className="link-button small-multiple-name"
                          onClick={() => document.getElementById(`progress-${indicator.id}`)?.focus()}
                        >
                          {indicator.displayName}
                        </button>
                        <StatusBadge state={status.state} reason={status.reason} />
                        <IndicatorChart
                          small
                          indicator={indicator}
                          name={indicator.displayName}
                          periodStart={progress.periodStart}
                          years={progress.years.filter((candidate) => candidate <= year)}
                          values={(progress.indicators.get(indicator.id)?.years ?? []).filter(
                            (value) => value.year <= year,
                          )}
                          status={status}
                        />
                      </li>
                    );
                  })}
                </ul>
                {outcome.indicators.map((indicator) => (
                  <IndicatorProgress
                    key={indicator.id}
                    indicator={indicator}
                    progress={progress}
                    year={year}
                    recorderName={recorderName(indicator)}
                  />
                ))}
              </>
            )}
            <OutcomeYear outcome={outcome} progress={progress} year={year} />
          </>
        )}
      </details>
    </section>
  );
}

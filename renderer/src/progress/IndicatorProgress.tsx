/**
 * One indicator's progress on its outcome's page: its status in words, its chart with a text summary, the
 * figures as a table, and (for whoever records its values) a form to record or correct a year's value.
 * Two values for one year are shown side by side with a button to keep one, never silently picked.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  expectedAt,
  indicatorStatus,
  trajectoryPoints,
  TextTooLongError,
  type IndicatorView,
  type ProgressRoom,
  type ProgressSnapshot,
  type ReportingYear,
  type ValueRecord,
} from '../../../shared/model';
import { formatUkDate } from '../../../shared/text/dates';
import { describeFigure, formatNumber, parseFigure } from '../../../shared/text/figures';
import { IndicatorChart } from './IndicatorChart';
import { StatusBadge } from './StatusBadge';
import { useValueRoom } from './useProgress';
import { forgetValueDraft, keepValueDraft, readValueDraft } from './valueDrafts';

interface Props {
  readonly indicator: IndicatorView;
  readonly progress: ProgressSnapshot;
  readonly year: ReportingYear;
  readonly recorderName: string;
}

export function IndicatorProgress({ indicator, progress, year, recorderName }: Props) {
  const status = indicatorStatus(indicator, progress, year);
  const entry = progress.indicators.get(indicator.id);
  const values = entry?.years ?? [];
  const room = useValueRoom(indicator);
  const headingId = `progress-${indicator.id}`;
  const points = trajectoryPoints(indicator, progress.periodStart);
  const unit = indicator.displayUnit;
  return (
    <article
      className="indicator-progress"
      aria-labelledby={headingId}
      data-indicator={indicator.id}
      data-baseline={indicator.baselineValue ?? ''}
      data-target10={indicator.target10 ?? ''}
      data-higher-is-better={indicator.higherIsBetter === null ? '' : String(indicator.higherIsBetter)}
    >
      <h3 id={headingId} tabIndex={-1}>
        {indicator.displayName} <StatusBadge state={status.state} reason={status.reason} />
      </h3>
      <p className="cell-note">
        {status.reason}{' '}
        {entry?.recordedBy
          ? `Values are recorded by ${recorderName}.`
          : 'Its lead partner has been removed: choose a new lead to record values.'}
      </p>
      <IndicatorChart
        indicator={indicator}
        name={indicator.displayName}
        periodStart={progress.periodStart}
        years={progress.years.filter((candidate) => candidate <= year)}
        values={values.filter((value) => value.year <= year)}
        status={status}
      />
      {values.length === 0 ? (
        <p className="empty-note">No values recorded yet.</p>
      ) : (
        <table className="data-table progress-table">
          <caption className="visually-hidden">Values recorded for {indicator.displayName}</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Value{unit ? ` (${unit})` : ''}</th>
              <th scope="col">Trajectory</th>
              <th scope="col">Source</th>
              <th scope="col">Published</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {values.flatMap((value) =>
              value.records.map((record, index) => {
                const expected =
                  points && points.length > 1 ? expectedAt(points, Number(value.year.slice(0, 4))) : null;
                return (
                  <tr key={record.id} className={value.conflict ? 'row-conflict' : undefined}>
                    <th scope="row">
                      {value.year}
                      {value.conflict && (
                        <span className="cell-note">
                          {' '}
                          Conflict: value {index + 1} of {value.records.length}
                        </span>
                      )}
                    </th>
                    <td>{record.value.text || '\u2013'}</td>
                    <td>{expected === null ? '\u2013' : formatNumber(Number(expected.toPrecision(6)))}</td>
                    <td>{record.source}</td>
                    <td>{record.published ? formatUkDate(record.published) : ''}</td>
                    <td>
                      {record.note}
                      {value.conflict && room && (
                        <button
                          type="button"
                          className="button-small"
                          onClick={() =>
                            value.records
                              .filter((other) => other.id !== record.id)
                              .forEach((other) => room.deleteValue(other.id))
                          }
                        >
                          Keep {record.value.text} for {value.year}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
      {room && <ValueForm indicator={indicator} progress={progress} initialYear={year} room={room} />}
    </article>
  );
}

function ValueForm({
  indicator,
  progress,
  initialYear,
  room,
}: {
  readonly indicator: IndicatorView;
  readonly progress: ProgressSnapshot;
  readonly initialYear: ReportingYear;
  readonly room: ProgressRoom;
}) {
  const id = useId();
  const [year, setYear] = useState<ReportingYear>(initialYear);
  const existing = currentRecord(progress, indicator, year);
  const [draft, setDraft] = useState<{
    key: string;
    value: string;
    source: string;
    published: string;
    note: string;
  } | null>(null);
  const key = `${year}:${existing?.id ?? 'new'}`;
  // What the officer typed and has not saved yet, for this year: on screen, or kept on this computer.
  const kept = draft && draft.key === key ? null : readValueDraft(indicator.id, year);
  const fields =
    draft && draft.key === key
      ? draft
      : kept
        ? { key, ...kept }
        : {
            key,
            value: existing?.value.text ?? '',
            source: existing?.source ?? indicator.displaySource,
            published: existing?.published ?? '',
            note: existing?.note ?? '',
          };
  const unsaved = (draft && draft.key === key) || kept !== null;
  const [message, setMessage] = useState<string | null>(null);
  const conflict = progress.indicators.get(indicator.id)?.years.find((entry) => entry.year === year)?.conflict === true;
  const set = (patch: Partial<typeof fields>) => {
    const next = { ...fields, ...patch, key };
    setDraft(next);
    keepValueDraft(indicator.id, year, {
      value: next.value,
      source: next.source,
      published: next.published,
      note: next.note,
    });
  };
  const figure = parseFigure(fields.value, 'baseline');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.value.trim() === '') {
      setMessage('Enter the value before saving.');
      return;
    }
    try {
      if (existing)
        room.updateValue(existing.id, {
          value: fields.value,
          source: fields.source,
          published: fields.published || null,
          note: fields.note,
        });
      else
        room.addValue({
          indicatorId: indicator.id,
          year,
          value: fields.value,
          source: fields.source,
          published: fields.published || null,
          note: fields.note,
        });
      setDraft(null);
      forgetValueDraft(indicator.id, year);
      setMessage(`Saved the value for ${year}: ${fields.value.trim()}.`);
    } catch (error) {
      setMessage(
        error instanceof TextTooLongError || error instanceof RangeError
          ? error.message
          : `The value could not be saved: ${String(error)}`,
      );
    }
  };
  return (
    <form className="value-form" onSubmit={submit} aria-label={`Record a value for ${indicator.displayName}`}>
      <div className="field">
        <label htmlFor={`${id}-year`}>Reporting year</label>
        <select id={`${id}-year`} value={year} onChange={(event) => setYear(event.target.value as ReportingYear)}>
          {progress.years.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>Value for {year}</label>
        <input
          id={`${id}-value`}
          value={fields.value}
          maxLength={200}
          aria-describedby={`${id}-reading`}
          onChange={(event) => set({ value: event.target.value })}
          disabled={conflict}
        />
        <span id={`${id}-reading`} className="cell-note">
          {conflict
            ? 'Two values are recorded for this year: keep one in the table above first.'
            : describeFigure(figure, 'baseline')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>Source</label>
        <input
          id={`${id}-source`}
          value={fields.source}
          maxLength={500}
          onChange={(event) => set({ source: event.target.value })}
          disabled={conflict}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-published`}>Date published</label>
        <input
          id={`${id}-published`}
          type="date"
          value={fields.published}
          onChange={(event) => set({ published: event.target.value })}
          disabled={conflict}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <input
          id={`${id}-note`}
          value={fields.note}
          onChange={(event) => set({ note: event.target.value })}
          disabled={conflict}
        />
      </div>
      {unsaved && !conflict && (
        <p className="cell-note">Not saved yet: what you typed is kept on this computer until you save it.</p>
      )}
      <button type="submit" disabled={conflict}>
        {existing ? `Save the value for ${year}` : `Record the value for ${year}`}
      </button>
      <p role="status" className="cell-note">
        {message}
      </p>
    </form>
  );
}

function currentRecord(progress: ProgressSnapshot, indicator: IndicatorView, year: ReportingYear): ValueRecord | null {
  const entry = progress.indicators.get(indicator.id)?.years.find((candidate) => candidate.year === year);
  return entry && !entry.conflict ? (entry.records[0] ?? null) : null;
}

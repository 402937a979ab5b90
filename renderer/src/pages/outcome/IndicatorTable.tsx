/**
 * The outcome's indicator table: the coordinators edit each indicator's row; a reader sees the figures as text,
 * with target years named for the SOA's period.
 */
import { useState } from 'react';
import { CPOP_INDICATORS, findCatalogueIndicator } from '../../../../shared/reference';
import {
  directionFromHigherIsBetter,
  proposeDirection,
  TEXT_LIMITS,
  type IndicatorView,
  type OutcomeView,
  type PartnerId,
  type PartnerView,
} from '../../../../shared/model';
import { displayFigure } from '../../../../shared/text/figures';
// The export's era naming (a 2013 SOA's indicators come from the Menu of Local Outcome Indicators, its sources
// are named as they were then), so the app and the document say the same. A pure module: no Word library.
import {
  indicatorCatalogueName,
  indicatorCatalogueTag,
  indicatorSource,
  targetYearLabels,
} from '../../../../shared/export/indicatorEra';
import { useDocState, useWorkspace } from '../../hooks';
import { useConfirm } from '../../components/Dialog';
import { FigureField, ReadOnlyValue, Select, TextField } from '../../components/fields';
import { frameText } from '../../components/boundText';

export function IndicatorTable({
  outcome,
  readOnly,
  partners,
}: {
  readonly outcome: OutcomeView;
  readonly readOnly: boolean;
  readonly partners: readonly PartnerView[];
}) {
  const { soa } = useDocState();
  const workspace = useWorkspace();
  const frame = workspace.frameCommands;
  const [catalogueId, setCatalogueId] = useState('');
  const used = new Set(outcome.indicators.map((indicator) => indicator.catalogueId));
  const add = (id: string) => {
    const catalogue = findCatalogueIndicator(id);
    if (!catalogue) return;
    const indicatorId = frame.addIndicator(outcome.id, {
      name: '',
      catalogueId: catalogue.id,
      higherIsBetter: catalogue.highIsPositive,
    });
    setCatalogueId('');
    requestAnimationFrame(() => document.getElementById(`indicator-${indicatorId}`)?.focus());
  };
  return (
    <section className="card" aria-labelledby="outcome-indicators">
      <h2 id="outcome-indicators">Indicators and targets</h2>
      {outcome.indicators.length === 0 ? (
        <p className="empty-note">No indicators yet.</p>
      ) : (
        <div
          className="table-scroll"
          role="region"
          aria-label={`Indicator table for outcome ${outcome.number}`}
          tabIndex={0}
        >
          <table className={`data-table indicator-table${readOnly ? ' indicator-table-read' : ''}`}>
            <thead>
              {readOnly ? (
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Source</th>
                  <th scope="col">Baseline</th>
                  <TargetYearHeaders labels={targetYearLabels(soa)} />
                  <th scope="col">Better when</th>
                  <th scope="col">Lead partner</th>
                </tr>
              ) : (
                <tr>
                  <th scope="col">Indicator, source and unit</th>
                  <th scope="col">Baseline and year</th>
                  <TargetYearHeaders labels={targetYearLabels(soa)} />
                  <th scope="col">Better when, and lead</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              )}
            </thead>
            <tbody>
              {outcome.indicators.map((indicator, index) =>
                readOnly ? (
                  <IndicatorReadRow key={indicator.id} indicator={indicator} />
                ) : (
                  <IndicatorRow
                    key={indicator.id}
                    indicator={indicator}
                    index={index}
                    count={outcome.indicators.length}
                    partners={partners}
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="inline-form">
          <Select
            label={`Add an indicator from the ${indicatorCatalogueName(soa)}`}
            value={catalogueId}
            options={[
              { value: '', label: 'Choose an indicator…' },
              ...CPOP_INDICATORS.filter((indicator) => !used.has(indicator.id)).map((indicator) => ({
                value: indicator.id,
                label: indicator.name,
              })),
            ]}
            onChange={setCatalogueId}
          />
          <button type="button" className="button" disabled={!catalogueId} onClick={() => add(catalogueId)}>
            Add from catalogue
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const id = frame.addIndicator(outcome.id, { name: 'New local indicator' });
              requestAnimationFrame(() => document.getElementById(`indicator-${id}`)?.focus());
            }}
          >
            Define a local indicator
          </button>
        </div>
      )}
    </section>
  );
}

/** "2013/14 (year 1)" as the export heads the column, on two lines so the table still fits the page. */
function TargetYearHeaders({ labels }: { readonly labels: readonly string[] }) {
  return (
    <>
      {labels.map((label) => {
        const [year, which] = label.split(' (');
        return (
          <th scope="col" key={label}>
            {year}
            {which && (
              <>
                <br />({which}
              </>
            )}
          </th>
        );
      })}
    </>
  );
}

const DIRECTION_LABELS = { higher: 'Higher', lower: 'Lower' } as const;

function IndicatorReadRow({ indicator }: { readonly indicator: IndicatorView }) {
  const { soa } = useDocState();
  const unit = indicator.displayUnit;
  const direction = directionFromHigherIsBetter(indicator.higherIsBetter);
  return (
    <tr id={`indicator-${indicator.id}`}>
      <td className="cell-wide">
        <span className="indicator-name">{indicator.displayName}</span>{' '}
        {indicator.catalogue ? (
          <span className="tag">{indicatorCatalogueTag(soa)}</span>
        ) : (
          <span className="tag tag-local">Local indicator</span>
        )}
        {indicator.displayDefinition && <span className="cell-note">{indicator.displayDefinition}</span>}
        {unit && <span className="cell-note">Unit: {unit}</span>}
      </td>
      <td>{indicatorSource(indicator, soa) || <span className="empty-note">Not given</span>}</td>
      <td>
        <ReadOnlyValue
          label="Baseline"
          hideLabel
          value={displayFigure(indicator.baselineValue, indicator.baselineValueText, unit)}
          emptyText="To be set"
        />
        {indicator.baselineYearText && <span className="cell-note">({indicator.baselineYearText})</span>}
      </td>
      <td>
        <ReadOnlyValue
          label="Year 1"
          hideLabel
          value={displayFigure(indicator.target1, indicator.target1Text, unit)}
          emptyText="To be set"
        />
      </td>
      <td>
        <ReadOnlyValue
          label="Year 3"
          hideLabel
          value={displayFigure(indicator.target3, indicator.target3Text, unit)}
          emptyText="To be set"
        />
      </td>
      <td>
        <ReadOnlyValue
          label="Year 10"
          hideLabel
          value={displayFigure(indicator.target10, indicator.target10Text, unit)}
          emptyText="To be set"
        />
      </td>
      <td>{direction ? DIRECTION_LABELS[direction] : <span className="empty-note">Not chosen</span>}</td>
      <td>{indicator.leadPartner?.name ?? <span className="empty-note">None</span>}</td>
    </tr>
  );
}

function IndicatorRow({
  indicator,
  index,
  count,
  partners,
}: {
  readonly indicator: IndicatorView;
  readonly index: number;
  readonly count: number;
  readonly partners: readonly PartnerView[];
}) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const [confirm, confirmDialog] = useConfirm();
  const frame = workspace.frameCommands;
  const name = indicator.displayName;
  const number = `indicator ${index + 1}`;
  const update = (patch: Parameters<typeof frame.updateIndicator>[1]) => frame.updateIndicator(indicator.id, patch);
  const move = (to: number) => {
    frame.moveIndicator(indicator.id, to);
  };
  const chosen = directionFromHigherIsBetter(indicator.higherIsBetter);
  const proposed = proposeDirection(indicator);
  const directionNote =
    chosen === null
      ? proposed
        ? `Not chosen yet. The targets ${proposed === 'lower' ? 'fall' : 'rise'}, so probably ${proposed}.`
        : 'Not chosen yet.'
      : proposed !== null && proposed !== chosen
        ? `The targets ${proposed === 'lower' ? 'fall' : 'rise'}: check this.`
        : '';
  const directionOptions = [
    { value: '', label: 'Not chosen' },
    { value: 'higher', label: proposed === 'higher' && chosen === null ? 'Higher (as the targets rise)' : 'Higher' },
    { value: 'lower', label: proposed === 'lower' && chosen === null ? 'Lower (as the targets fall)' : 'Lower' },
  ];
  return (
    <tr id={`indicator-${indicator.id}`} tabIndex={-1}>
      <td className="cell-wide">
        {indicator.catalogue ? (
          <>
            <span className="indicator-name">{indicator.displayName}</span>{' '}
            <span className="tag">{indicatorCatalogueTag(soa)}</span>
            <span className="cell-note">{indicator.displayDefinition}</span>
          </>
        ) : (
          <>
            <TextField
              label={`Name of ${number}`}
              hideLabel
              value={indicator.name}
              bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'name' })}
            />
            <TextField
              label={`Definition of ${number}`}
              hideLabel
              multiline
              value={indicator.definition}
              bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'definition' })}
            />
            <span className="tag tag-local">Local indicator</span>
          </>
        )}
        <div className="indicator-facts">
          <TextField
            label="Source"
            labelDetail={` of ${name}`}
            value={indicator.source || (indicator.catalogue ? indicatorSource(indicator, soa) : '')}
            bound={frameText(frame, { kind: 'indicator', id: indicator.id, key: 'source' })}
            className="field-compact"
          />
          <TextField
            label="Unit"
            labelDetail={` of ${name}`}
            value={indicator.unit || indicator.displayUnit}
            limit={TEXT_LIMITS.unit}
            onChange={(value) => update({ unit: value })}
            className="field-compact field-unit"
          />
        </div>
      </td>
      <td>
        <FigureField
          label={`Baseline value of ${name}`}
          hideLabel
          kind="baseline"
          text={indicator.baselineValueText}
          onChange={(baselineValueText) => update({ baselineValueText })}
        />
        <FigureField
          label={`Baseline year of ${name}`}
          hideLabel
          kind="year"
          text={indicator.baselineYearText}
          onChange={(baselineYearText) => update({ baselineYearText })}
        />
      </td>
      <td>
        <FigureField
          label={`Year 1 target of ${name}`}
          hideLabel
          kind="target"
          text={indicator.target1Text}
          onChange={(target1Text) => update({ target1Text })}
        />
      </td>
      <td>
        <FigureField
          label={`Year 3 target of ${name}`}
          hideLabel
          kind="target"
          text={indicator.target3Text}
          onChange={(target3Text) => update({ target3Text })}
        />
      </td>
      <td>
        <FigureField
          label={`Year 10 target of ${name}`}
          hideLabel
          kind="target"
          text={indicator.target10Text}
          onChange={(target10Text) => update({ target10Text })}
        />
      </td>
      <td className="cell-direction">
        <Select
          label={`Better when, for ${name}`}
          hideLabel
          value={chosen ?? ''}
          options={directionOptions}
          hint={directionNote || undefined}
          onChange={(value) => update({ higherIsBetter: value === '' ? null : value === 'higher' })}
        />
        <Select
          label={`Lead partner for ${name}`}
          hideLabel
          value={indicator.leadPartner?.id ?? ''}
          options={[
            { value: '', label: 'No lead partner' },
            ...partners.map((partner) => ({ value: partner.id, label: partner.name })),
          ]}
          onChange={(value) => update({ leadPartnerId: value ? (value as PartnerId) : null })}
        />
      </td>
      <td className="cell-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => move(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => move(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete ${name}`}
          onClick={() => {
            void confirm({
              title: 'Delete this indicator?',
              message: <p>Delete the indicator “{name}” and its baseline and targets?</p>,
              confirmLabel: 'Delete indicator',
              danger: true,
            }).then((yes) => {
              if (!yes) return;
              frame.deleteIndicator(indicator.id);
            });
          }}
        >
          ✕
        </button>
        {confirmDialog}
      </td>
    </tr>
  );
}

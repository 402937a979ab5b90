/**
 * The SOA's tables in a version, read-only: the indicator table of an outcome (Indicator | Source | Baseline
 * (year) | the three targets | Better when | Lead partner, as the export has it), a contribution's commitments,
 * the resources by partner, and a list of facts. Each table has a caption and header cells with their scope,
 * and scrolls on its own (reachable by keyboard, a named group rather than a landmark: a version has dozens of
 * tables) when it is wider than the page.
 */
import type { ReactNode } from 'react';
import type { Commitment, IndicatorView, ResourceSummary, SoaSnapshot } from '../../../shared/model';
import { targetYearLabels } from '../../../shared/export/indicatorEra';
import { commitmentRow, indicatorRow, resourceRows, type DetailRow, type LinkedTargetRow } from './versionRows';

export function DetailList({ rows }: { readonly rows: readonly DetailRow[] }) {
  return (
    <dl className="facts">
      {rows.map((row) => (
        <div key={row.term} className="version-fact">
          <dt>{row.term}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ScrollingTable({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function IndicatorsTable({
  indicators,
  caption,
  snapshot,
}: {
  readonly indicators: readonly IndicatorView[];
  readonly caption: string;
  readonly snapshot: SoaSnapshot;
}) {
  if (indicators.length === 0) return <p className="empty-note">No indicators in this version.</p>;
  return (
    <ScrollingTable label={caption}>
      <table className="data-table indicator-table indicator-table-read version-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Source</th>
            <th scope="col">Baseline (year)</th>
            {targetYearLabels(snapshot).map((label) => (
              <th scope="col" key={label}>
                Target {label}
              </th>
            ))}
            <th scope="col">Better when</th>
            <th scope="col">Lead partner</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => {
            const row = indicatorRow(indicator, snapshot);
            return (
              <tr key={indicator.id}>
                <th scope="row" className="cell-wide">
                  <span className="indicator-name">{row.name}</span>{' '}
                  <span className={indicator.catalogue ? 'tag' : 'tag tag-local'}>{row.origin}</span>
                  {row.definition && <span className="cell-note">{row.definition}</span>}
                  {row.unit && <span className="cell-note">Unit: {row.unit}</span>}
                </th>
                <td>{row.source}</td>
                <td>
                  {row.baseline}
                  {row.baselineYear && <span className="cell-note">({row.baselineYear})</span>}
                </td>
                <td>{row.target1}</td>
                <td>{row.target3}</td>
                <td>{row.target10}</td>
                <td>{row.betterWhen}</td>
                <td>{row.leadPartner}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

export function CommitmentsTable({
  commitments,
  caption,
}: {
  readonly commitments: readonly Commitment[];
  readonly caption: string;
}) {
  if (commitments.length === 0) return <p className="empty-note">No commitments in this version.</p>;
  return (
    <ScrollingTable label={caption}>
      <table className="data-table version-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Timescale</th>
            <th scope="col">Resource (£)</th>
            <th scope="col">Staff (FTE)</th>
            <th scope="col">Preventative</th>
          </tr>
        </thead>
        <tbody>
          {commitments.map((commitment) => {
            const row = commitmentRow(commitment);
            return (
              <tr key={commitment.id}>
                <th scope="row" className="cell-wide">
                  {row.action}
                </th>
                <td>{row.timescale}</td>
                <td>{row.pounds}</td>
                <td>{row.fte}</td>
                <td>{row.preventative}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

export function ResourcesTable({
  resources,
  caption,
}: {
  readonly resources: ResourceSummary;
  readonly caption: string;
}) {
  const { rows, total } = resourceRows(resources);
  if (rows.length === 0) return <p className="empty-note">No partners in this version.</p>;
  return (
    <ScrollingTable label={caption}>
      <table className="data-table version-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Resource (£)</th>
            <th scope="col">Staff (FTE)</th>
            <th scope="col">Preventative (£)</th>
            <th scope="col">Preventative staff (FTE)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{row.partner}</th>
              <td>{row.pounds}</td>
              <td>{row.fte}</td>
              <td>{row.preventativePounds}</td>
              <td>{row.preventativeFte}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{total.partner}</th>
            <td>{total.pounds}</td>
            <td>{total.fte}</td>
            <td>{total.preventativePounds}</td>
            <td>{total.preventativeFte}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollingTable>
  );
}

export function LinkedTargetsTable({
  rows,
  caption,
}: {
  readonly rows: readonly LinkedTargetRow[];
  readonly caption: string;
}) {
  if (rows.length === 0) return null;
  return (
    <ScrollingTable label={caption}>
      <table className="data-table version-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Plan</th>
            <th scope="col">Reference</th>
            <th scope="col">What it measures</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{row.partner}</th>
              <td>{row.plan}</td>
              <td>{row.reference}</td>
              <td>{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

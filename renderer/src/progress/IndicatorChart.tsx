/**
 * An indicator's chart: the baseline and the values recorded against the trajectory to the targets, as
 * SVG. A screen reader gets a one-sentence summary instead of the drawing, and the figures as a table.
 * `small` draws the small-multiples version for an outcome's overview (no axes text, no table).
 */
import { formatNumber } from '../../../shared/text/figures';
import {
  expectedAt,
  trajectoryPoints,
  type IndicatorEntry,
  type ReportingYear,
  type TrajectoryStatus,
} from '../../../shared/model';
import type { YearValues } from '../../../shared/model';
import { TRAJECTORY_STATE_LABELS } from '../../../shared/model';

interface ChartProps {
  readonly indicator: IndicatorEntry;
  readonly name: string;
  readonly periodStart: number | null;
  readonly years: readonly ReportingYear[];
  readonly values: readonly YearValues[];
  readonly status: TrajectoryStatus;
  readonly small?: boolean;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

export function IndicatorChart({ indicator, name, periodStart, years, values, status, small }: ChartProps) {
  const points = trajectoryPoints(indicator, periodStart);
  const recorded: Point[] = [];
  for (const entry of values) {
    const numbers = new Set(entry.records.map((record) => record.value.value));
    const value = entry.records[0]?.value.value ?? null;
    if (numbers.size === 1 && value !== null) recorded.push({ x: Number(entry.year.slice(0, 4)), y: value });
  }
  const startX = Math.min(
    indicator.baselineYear ?? Infinity,
    ...years.map((year) => Number(year.slice(0, 4))),
    ...recorded.map((point) => point.x),
  );
  const endX = Math.max(
    ...years.map((year) => Number(year.slice(0, 4))),
    ...recorded.map((point) => point.x),
    ...(points ?? []).map((point) => point.year),
  );
  const trajectory: Point[] =
    points && points.length > 1
      ? range(points[0]?.year ?? startX, endX).map((x) => ({ x, y: expectedAt(points, x) ?? 0 }))
      : [];
  const baseline =
    indicator.baselineValue !== null && indicator.baselineYear !== null
      ? { x: indicator.baselineYear, y: indicator.baselineValue }
      : null;
  const all = [...recorded, ...trajectory, ...(baseline ? [baseline] : [])];
  const width = small ? 220 : 560;
  const height = small ? 110 : 240;
  const pad = small ? { left: 6, right: 6, top: 8, bottom: 8 } : { left: 56, right: 16, top: 16, bottom: 36 };
  const summary = chartSummary(name, status, baseline, recorded);
  if (all.length === 0 || !Number.isFinite(startX) || !Number.isFinite(endX)) {
    return <p className="empty-note">No figures to chart yet.</p>;
  }
  let low = Math.min(...all.map((point) => point.y));
  let high = Math.max(...all.map((point) => point.y));
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const margin = (high - low) * 0.1;
  low -= margin;
  high += margin;
  const sx = (x: number) => pad.left + ((x - startX) / Math.max(1, endX - startX)) * (width - pad.left - pad.right);
  const sy = (y: number) => height - pad.bottom - ((y - low) / (high - low)) * (height - pad.top - pad.bottom);
  const path = (line: readonly Point[]) =>
    line
      .map((point, index) => `${index === 0 ? 'M' : 'L'}${sx(point.x).toFixed(1)},${sy(point.y).toFixed(1)}`)
      .join(' ');
  const recordedLine = baseline ? [baseline, ...recorded.filter((point) => point.x > baseline.x)] : recorded;

  return (
    <figure className={small ? 'indicator-chart indicator-chart-small' : 'indicator-chart'}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
        {!small &&
          [low + margin, (low + high) / 2, high - margin].map((tick) => (
            <g key={tick}>
              <line x1={pad.left} x2={width - pad.right} y1={sy(tick)} y2={sy(tick)} className="chart-grid" />
              <text x={pad.left - 6} y={sy(tick) + 4} textAnchor="end" className="chart-label">
                {formatNumber(Number(tick.toPrecision(4)))}
              </text>
            </g>
          ))}
        {!small &&
          range(startX, endX).map((x) => (
            <text key={x} x={sx(x)} y={height - pad.bottom + 18} textAnchor="middle" className="chart-label">
              {`${String(x).slice(2)}/${String((x + 1) % 100).padStart(2, '0')}`}
            </text>
          ))}
        {trajectory.length > 1 && <path d={path(trajectory)} className="chart-trajectory" />}
        {recordedLine.length > 1 && <path d={path(recordedLine)} className="chart-recorded" />}
        {baseline && (
          <rect x={sx(baseline.x) - 4} y={sy(baseline.y) - 4} width={8} height={8} className="chart-baseline" />
        )}
        {recorded.map((point) => (
          <circle key={point.x} cx={sx(point.x)} cy={sy(point.y)} r={small ? 3 : 4} className="chart-point" />
        ))}
      </svg>
      {!small && (
        <figcaption className="chart-key">
          <span className="key-recorded">Solid line and dots: values recorded</span>{' '}
          <span className="key-trajectory">Dashed line: trajectory to the targets</span>{' '}
          <span className="key-baseline">Square: baseline</span>
        </figcaption>
      )}
    </figure>
  );
}

function range(from: number, to: number): number[] {
  const years: number[] = [];
  for (let year = from; year <= to && years.length < 60; year++) years.push(year);
  return years;
}

function chartSummary(
  name: string,
  status: TrajectoryStatus,
  baseline: Point | null,
  recorded: readonly Point[],
): string {
  const latest = recorded[recorded.length - 1];
  const parts = [`${name}: ${TRAJECTORY_STATE_LABELS[status.state].toLowerCase()}.`];
  if (baseline) parts.push(`Baseline ${formatNumber(baseline.y)} in ${baseline.x}.`);
  if (latest)
    parts.push(
      `Latest value ${formatNumber(latest.y)} in ${latest.x}/${String((latest.x + 1) % 100).padStart(2, '0')}${status.expected !== null && status.year === latest.x ? `, against ${formatNumber(Number(status.expected.toPrecision(6)))} on the trajectory` : ''}.`,
    );
  else parts.push('No values recorded yet.');
  return parts.join(' ');
}

/**
 * An indicator's chart in the Annual Report: a native Word line chart (as the `docx` package's ChartRun
 * writes one, so officers can restyle it in Word and its figures sit in its own embedded workbook; written
 * by lineChartParts.ts, which is much faster for the report's 40-odd charts), with the values
 * recorded and the trajectory to the targets across the years, the baseline first. Its alternative text
 * says what it shows in words; the values table beside it gives the same figures.
 */
import { LineRuleType, Paragraph } from 'docx';
import { formatNumber } from '../../text/figures';
import { cleanLine } from '../sanitize';
import { TRAJECTORY_STATE_LABELS } from '../../model/trajectory';
import type { ChartSlots } from './chartSlots';
import type { LineChart } from './lineChartParts';
import type { IndicatorFacts } from './reportFacts';

/** Word's default chart is 6 by 3.5 inches; a little lower keeps the chart and its heading on one page. */
const SIZE = { width: 600, height: 300 } as const;

/** The chart's categories and series: null where a year has no value. Exposed for the tests. */
export function chartData(facts: IndicatorFacts): {
  readonly categories: string[];
  readonly recorded: (number | null)[];
  readonly trajectory: (number | null)[];
} {
  const { indicator } = facts;
  const categories: string[] = [];
  const recorded: (number | null)[] = [];
  const trajectory: (number | null)[] = [];
  if (indicator.baselineValue !== null && indicator.baselineYear !== null) {
    categories.push(`${indicator.baselineYearText || indicator.baselineYear} (baseline)`);
    recorded.push(indicator.baselineValue);
    trajectory.push(indicator.baselineValue);
  }
  for (const entry of facts.series) {
    categories.push(entry.year);
    recorded.push(entry.record?.value.value ?? null);
    trajectory.push(entry.expected === null ? null : Number(entry.expected.toPrecision(12)));
  }
  return { categories, recorded, trajectory };
}

/** The chart's content, or null when there is nothing to draw (no baseline and no numeric value). */
export function indicatorLineChart(facts: IndicatorFacts): LineChart | null {
  const data = chartData(facts);
  if (data.categories.length === 0 || data.recorded.every((value) => value === null)) return null;
  const name = cleanLine(facts.indicator.displayName);
  const unit = cleanLine(facts.indicator.displayUnit);
  const hasTrajectory = data.trajectory.some((value) => value !== null);
  const described = data.categories.map((category, index) => {
    const value = data.recorded[index];
    return `${category}: ${value === null || value === undefined ? 'no value' : formatNumber(value)}`;
  });
  return {
    title: name.length > 90 ? `${name.slice(0, 89)}\u2026` : name,
    categories: data.categories,
    series: [
      { name: 'Recorded value', values: data.recorded, color: '1F3864' },
      ...(hasTrajectory ? [{ name: 'Trajectory to the targets', values: data.trajectory, color: 'C55A11' }] : []),
    ],
    valueAxisTitle: unit || 'Value',
    size: SIZE,
    altText: {
      name: `Chart: ${name}`.slice(0, 250),
      description:
        `Line chart of ${name}${unit ? ` (${unit})` : ''}, ${TRAJECTORY_STATE_LABELS[facts.status.state].toLowerCase()}. ${described.join('; ')}.`.slice(
          0,
          1000,
        ),
    },
  };
}

/** The chart's paragraph (its drawing is put in by `charts` when the report is packed), or null. */
export function indicatorChart(facts: IndicatorFacts, charts: ChartSlots): Paragraph | null {
  const chart = indicatorLineChart(facts);
  if (!chart) return null;
  // The body's line spacing has no rule, which LibreOffice reads as exact and clips the chart to one line.
  return new Paragraph({
    children: [charts.run(chart)],
    keepNext: true,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 120 },
  });
}

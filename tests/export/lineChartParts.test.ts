/**
 * The Annual Report writes its native charts itself (shared/export/annualReport/lineChartParts.ts, chartSlots.ts) rather than through
 * docx's ChartRun, for speed. These tests hold it to ChartRun: a document with seeded random line charts
 * (gaps, one or two series, markup characters, spaces, repeated labels, odd numbers) packed both ways gives
 * the same .docx bytes. The seed is printed; pin a failing one as a named case.
 */
import { Document, Paragraph, TextRun } from 'docx';
import { ChartRun } from 'docx/charts';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ChartSlots } from '../../shared/export/annualReport/chartSlots';
import type { LineChart } from '../../shared/export/annualReport/lineChartParts';
import { packDocument } from '../../shared/export/packaging';
import { createRng, seedFromEnv, type Rng } from '../support/random';

const FACTS = { generatedOn: '2023-09-30', company: 'Test Partnership' };

/** The options the Annual Report gave ChartRun before it wrote its charts itself. */
function chartRun(chart: LineChart): ChartRun {
  return new ChartRun({
    type: 'line',
    title: { text: chart.title },
    categories: [...chart.categories],
    series: chart.series.map((entry) => ({ name: entry.name, values: [...entry.values], color: entry.color })),
    markers: true,
    emptyValues: 'gap',
    valueAxis: { title: chart.valueAxisTitle },
    transformation: chart.size,
    font: { name: 'Arial' },
    altText: chart.altText,
  });
}

function documentOf(paragraphs: Paragraph[]): Document {
  return new Document({ sections: [{ children: paragraphs }] });
}

const between = (text: string) => new Paragraph({ children: [new TextRun(text)] });

async function bothWays(charts: readonly LineChart[]): Promise<{ library: Uint8Array; direct: Uint8Array }> {
  const library = await packDocument(
    documentOf(
      charts.flatMap((chart, index) => [between(`Chart ${index}`), new Paragraph({ children: [chartRun(chart)] })]),
    ),
    FACTS,
  );
  const slots = new ChartSlots();
  const direct = await packDocument(
    documentOf(
      charts.flatMap((chart, index) => [between(`Chart ${index}`), new Paragraph({ children: [slots.run(chart)] })]),
    ),
    FACTS,
    (parts) => slots.fill(parts),
  );
  return { library, direct };
}

const TEXTS = [
  'Recorded value',
  '2014/15',
  ' leading space',
  'trailing space ',
  'A & B <c> "d" \'e\'',
  '\u00e9t\u00e9',
  '',
];
const NUMBERS = [0, 1, -3.5, 70.3, 1e-7, 1e21, 72.3428571429, 123456789.123, -0.0001];

function randomChart(rng: Rng, index: number): LineChart {
  const count = rng.int(1, 14);
  const categories = Array.from({ length: count }, (_, point) =>
    rng.next() < 0.15 ? rng.pick(TEXTS) : `${2010 + point}/${11 + point}`,
  );
  const values = (): (number | null)[] =>
    categories.map(() =>
      rng.next() < 0.2
        ? null
        : rng.next() < 0.3
          ? rng.pick(NUMBERS)
          : Number((rng.next() * 200 - 50).toPrecision(rng.int(1, 12))),
    );
  const recorded = values();
  if (!recorded.some((value) => value !== null)) recorded[0] = 1;
  const two = rng.next() < 0.7;
  return {
    title: rng.next() < 0.2 ? rng.pick(TEXTS) || 'x' : `Indicator ${index} & its <rate>`,
    categories,
    series: [
      { name: 'Recorded value', values: recorded, color: '1F3864' },
      ...(two ? [{ name: 'Trajectory to the targets', values: values(), color: 'C55A11' }] : []),
    ],
    valueAxisTitle: rng.next() < 0.3 ? rng.pick(TEXTS) || 'Value' : '%',
    size: { width: 600, height: 300 },
    altText: {
      name: `Chart: ${rng.pick(TEXTS)}`,
      description: `Line chart of something "quoted" & <marked>: ${categories.join('; ')}.`,
    },
  };
}

describe('the Annual Report writes native charts as docx ChartRun does', () => {
  it('gives the same .docx bytes for a report-like chart', async () => {
    const chart: LineChart = {
      title: 'Employment rate',
      categories: ['2010 (baseline)', '2013/14', '2014/15', '2015/16'],
      series: [
        { name: 'Recorded value', values: [70.3, 70.9, null, 72.2], color: '1F3864' },
        { name: 'Trajectory to the targets', values: [70.3, 70.8, 71.35, 71.9], color: 'C55A11' },
      ],
      valueAxisTitle: '%',
      size: { width: 600, height: 300 },
      altText: { name: 'Chart: Employment rate', description: 'Line chart of Employment rate (%), on track.' },
    };
    const { library, direct } = await bothWays([chart]);
    const parts = unzipSync(direct);
    expect(Object.keys(parts)).toContain('word/charts/chart1.xml');
    expect(Object.keys(parts)).toContain('word/embeddings/Microsoft_Excel_Worksheet1.xlsx');
    expect(strFromU8(parts['word/document.xml'] ?? new Uint8Array())).toContain('r:id="rIdChart1"');
    expect(direct).toEqual(library);
  });

  it('gives the same bytes for seeded random charts, several to a document', async () => {
    const seed = seedFromEnv('CHART_SEED');
    console.log(`line chart seed: ${seed} (CHART_SEED=${seed} to repeat)`);
    const rng = createRng(seed);
    for (let round = 0; round < 8; round++) {
      const charts = Array.from({ length: rng.int(1, 4) }, (_, index) => randomChart(rng, index));
      const { library, direct } = await bothWays(charts);
      expect(Buffer.from(direct).equals(Buffer.from(library)), `seed ${seed}, round ${round}`).toBe(true);
    }
  });

  it('refuses to pack a report whose chart placeholder went missing', async () => {
    const slots = new ChartSlots();
    slots.run({
      title: 'Lost',
      categories: ['2014/15'],
      series: [{ name: 'Recorded value', values: [1], color: '1F3864' }],
      valueAxisTitle: 'Value',
      size: { width: 600, height: 300 },
      altText: { name: 'Chart: Lost', description: 'Lost.' },
    });
    await expect(
      packDocument(documentOf([between('No chart here')]), FACTS, (parts) => slots.fill(parts)),
    ).rejects.toThrow(/placed 0 of its 1 charts/);
  });
});

/**
 * Benchmark of the Word export (issue 5): the sample SOA (about 100 pages) exported by our pipeline
 * (assemble the rooms, build the docx tree, pack the bytes, write the file) against pandoc converting the
 * same content, written out as HTML, to .docx. Both run in this process's run, alternately, several times;
 * the table shows the median and the ratio. Goals: at most 1.0x pandoc's time and under 3 s.
 *
 *   npx tsx bench/export-docx.ts [--runs 7] [--seed 1]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportSoaDocx, type ExportOptions } from '../shared/export';
import { assembleFromDocs, type RichBlock, type RichInline, type RichText, type SoaSnapshot } from '../shared/model';
import { generateSampleSoa } from '../shared/sample/generateSample';
import { median } from './lib/stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option('runs', 7);
const SEED = option('seed', 1);
const PANDOC = '/usr/bin/pandoc';
const OPTIONS: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

// ---- the same content as HTML, for pandoc ----

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inlines(content: readonly RichInline[]): string {
  return content
    .map((inline) => {
      if (inline.type === 'hardBreak') return '<br>';
      let html = escape(inline.text);
      if (inline.marks?.bold) html = `<strong>${html}</strong>`;
      if (inline.marks?.italic) html = `<em>${html}</em>`;
      if (inline.marks?.underline) html = `<u>${html}</u>`;
      if (inline.marks?.link) html = `<a href="${escape(inline.marks.link)}">${html}</a>`;
      return html;
    })
    .join('');
}

function block(node: RichBlock, base: number): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inlines(node.content)}</p>`;
    case 'heading': {
      const level = Math.min(base + node.level, 6);
      return `<h${level}>${inlines(node.content)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${node.items.map((item) => `<li>${rich(item.content, base)}</li>`).join('')}</ul>`;
    case 'orderedList':
      return `<ol start="${node.start}">${node.items.map((item) => `<li>${rich(item.content, base)}</li>`).join('')}</ol>`;
    case 'blockquote':
      return `<blockquote>${rich(node.content, base)}</blockquote>`;
    case 'table':
      return `<table>${node.rows
        .map(
          (row) =>
            `<tr>${row.cells.map((cell) => `<${cell.header ? 'th' : 'td'} colspan="${cell.colspan}" rowspan="${cell.rowspan}">${rich(cell.content, base)}</${cell.header ? 'th' : 'td'}>`).join('')}</tr>`,
        )
        .join('')}</table>`;
  }
}

function rich(text: RichText, base: number): string {
  return text.map((node) => block(node, base)).join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${header.map((cell) => `<th>${escape(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The snapshot's content as one HTML page, in the same order and with the same tables as our export. */
function snapshotToHtml(snapshot: SoaSnapshot): string {
  const parts: string[] = [
    `<h1>Single Outcome Agreement 2013-2023</h1><p>${escape(snapshot.meta.partnershipName)}</p>`,
  ];
  parts.push(
    '<h2>Statement of support</h2>',
    table(
      ['Organisation', 'Signatory', 'Position', 'Date', 'Sign-off'],
      snapshot.partners.map((p) => [
        p.name,
        p.signOff.officerName,
        p.signOff.officerPosition,
        p.signOff.date ?? '',
        p.signOff.state,
      ]),
    ),
  );
  const narrative = (title: string, text: RichText) => parts.push(`<h1>${escape(title)}</h1>`, rich(text, 1));
  narrative('Foreword and summary', snapshot.narrative.foreword);
  narrative('Purpose and scope', snapshot.narrative.purpose);
  narrative('Our place', snapshot.narrative.understandingOfPlace);
  narrative('Our vision and local outcomes', snapshot.narrative.vision);
  parts.push(
    table(
      ['Local outcome', ...snapshot.framework.outcomes.map((n) => `NO ${n.number}`)],
      snapshot.outcomes.map((o) => [
        o.title,
        ...snapshot.framework.outcomes.map((n) => (o.nationalOutcomes.some((l) => l.id === n.id) ? '✓' : '')),
      ]),
    ),
  );
  for (const outcome of snapshot.outcomes) {
    parts.push(
      `<h1>Outcome ${outcome.number}: ${escape(outcome.title)}</h1>`,
      `<p><strong>Lead partner:</strong> ${escape(outcome.leadPartner?.name ?? '')}</p>`,
    );
    parts.push(
      '<h2>What will be different in ten years</h2>',
      rich(outcome.tenYearStatement, 2),
      '<h2>Why this outcome: the evidence</h2>',
      rich(outcome.evidence, 2),
    );
    parts.push('<h2>What partners will contribute</h2>');
    for (const contribution of outcome.contributions) {
      parts.push(`<h3>${escape(contribution.partner.name)}</h3>`, rich(contribution.statement, 3));
      parts.push(
        table(
          ['What we will do', 'By when', 'Resources', 'Preventative'],
          contribution.commitments.map((c) => [
            c.action,
            c.timescale,
            String(c.resourcePounds ?? ''),
            c.preventative ? 'Yes' : 'No',
          ]),
        ),
      );
    }
    parts.push(
      '<h2>Equality outcome</h2>',
      `<p>${escape(outcome.equalityNote)}</p>`,
      '<h2>Indicators and targets</h2>',
    );
    parts.push(
      table(
        ['Indicator', 'Source', 'Baseline (year)', 'Year 1', 'Year 3', 'Year 10', 'Lead partner'],
        outcome.indicators.map((i) => [
          i.displayName,
          i.displaySource,
          `${i.baselineValue ?? ''} (${i.baselineYear ?? ''})`,
          String(i.target1 ?? ''),
          String(i.target3 ?? ''),
          String(i.target10 ?? ''),
          i.leadPartner?.name ?? '',
        ]),
      ),
    );
  }
  narrative('Prevention plan', snapshot.narrative.preventionOverview);
  parts.push(
    table(
      ['Partner', 'Money', 'FTE', 'Preventative money', 'Preventative FTE'],
      snapshot.resources.byPartner.map((r) => [
        r.partner.name,
        String(r.pounds),
        String(r.fte),
        String(r.preventativePounds),
        String(r.preventativeFte),
      ]),
    ),
  );
  narrative('Community engagement', snapshot.narrative.communityEngagement);
  narrative('Equalities', snapshot.narrative.equalities);
  narrative('Governance and performance management', snapshot.narrative.governance);
  parts.push('<h1>Annex A: Indicator definitions</h1>');
  for (const outcome of snapshot.outcomes)
    for (const i of outcome.indicators)
      parts.push(
        `<p><strong>${escape(i.displayName)}</strong></p><p>${escape(i.displayDefinition)}</p><p>Source: ${escape(i.displaySource)}</p>`,
      );
  parts.push('<h1>Annex B: Partner statements</h1>');
  for (const partner of snapshot.partners) parts.push(`<h2>${escape(partner.name)}</h2>`, rich(partner.statement, 2));
  narrative('Annex C: Notes on gaps still to be filled', snapshot.narrative.gapNotes);
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${escape(snapshot.meta.title)}</title></head><body>\n${parts.join('\n')}\n</body></html>`;
}

// ---- timing ----

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'soa-bench-export-'));
  const sample = generateSampleSoa({ seed: SEED });
  const htmlPath = join(directory, 'sample.html');
  writeFileSync(htmlPath, snapshotToHtml(assembleFromDocs(sample.frame, sample.partnerDocs)));
  const oursPath = join(directory, 'ours.docx');
  const pandocPath = join(directory, 'pandoc.docx');

  const ours: number[] = [];
  const pandoc: number[] = [];
  let coldMs = 0;
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    writeFileSync(oursPath, await exportSoaDocx(snapshot, OPTIONS));
    const elapsed = performance.now() - start;
    if (run === 0) coldMs = elapsed;
    ours.push(elapsed);

    start = performance.now();
    const result = spawnSync(PANDOC, ['-f', 'html', '-t', 'docx', '-o', pandocPath, htmlPath], { encoding: 'utf8' });
    pandoc.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`pandoc failed: ${result.stderr}`);
  }

  const oursMedian = median(ours);
  const pandocMedian = median(pandoc);
  const rows = [
    [
      'SOA Studio export (assemble + docx + write)',
      oursMedian,
      Math.min(...ours),
      Math.max(...ours),
      statSync(oursPath).size,
    ],
    ['pandoc HTML -> docx', pandocMedian, Math.min(...pandoc), Math.max(...pandoc), statSync(pandocPath).size],
  ] as const;
  console.log(
    `Word export benchmark: sample seed ${SEED}, ${RUNS} runs each, alternating (HTML input ${statSync(htmlPath).size} bytes)`,
  );
  console.log('| Exporter | median ms | min ms | max ms | output bytes |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, med, min, max, bytes] of rows)
    console.log(`| ${name} | ${med.toFixed(0)} | ${min.toFixed(0)} | ${max.toFixed(0)} | ${bytes} |`);
  const ratio = oursMedian / pandocMedian;
  console.log(
    `\nRatio (ours / pandoc, medians): ${ratio.toFixed(2)}x  (goal <= 1.0x: ${ratio <= 1 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `Ours, median ${(oursMedian / 1000).toFixed(2)} s, first (cold) run ${(coldMs / 1000).toFixed(2)} s  (goal < 3 s: ${Math.max(oursMedian, coldMs) < 3000 ? 'met' : 'NOT met'})`,
  );
  rmSync(directory, { recursive: true, force: true });
}

await main();

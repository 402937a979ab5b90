/**
 * Opening the sample SOA from IndexedDB to an editable screen, against applying the same content in memory
 * (same app, same screen, same run). Goal: at most 1.5x plus 150 ms. Each measurement is a fresh page load;
 * IndexedDB persists across loads within one browser context.
 */
import { benchPage, buildHarness, launch, median, percentile, serve, table } from './editor-common';

const RUNS = Number(process.env.RUNS ?? 7);

async function main(): Promise<void> {
  const dist = await buildHarness();
  const server = await serve(dist);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const seeding = await benchPage(browser, server.url, context);
    const sample = await seeding.evaluate(() =>
      (
        window as unknown as { editorBench: { seed(): Promise<{ soaId: string; title: string; bytes: number }> } }
      ).editorBench.seed(),
    );
    await seeding.close();
    console.log(
      `Sample SOA "${sample.title}": ${(sample.bytes / 1024).toFixed(0)} KiB of Yjs updates across its rooms; ${RUNS} runs each, alternating.`,
    );
    const fromDb: number[] = [];
    const inMemory: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const a = await benchPage(browser, server.url, context);
      const dbMs = await a.evaluate(
        ([soaId, title]) =>
          (
            window as unknown as { editorBench: { openFromIndexedDb(id: string, t: string): Promise<number> } }
          ).editorBench.openFromIndexedDb(soaId as string, title as string),
        [sample.soaId, sample.title],
      );
      await a.close();
      const b = await benchPage(browser, server.url, context);
      const memMs = await b.evaluate(() =>
        (window as unknown as { editorBench: { openInMemory(): Promise<number> } }).editorBench.openInMemory(),
      );
      await b.close();
      if (run === 0) continue; // warm-up
      fromDb.push(dbMs);
      inMemory.push(memMs);
    }
    const ref = median(inMemory);
    const ours = median(fromDb);
    const budget = ref * 1.5 + 150;
    table([
      { case: 'in memory (reference)', 'median ms': ref.toFixed(0), 'p90 ms': percentile(inMemory, 90).toFixed(0) },
      { case: 'from IndexedDB', 'median ms': ours.toFixed(0), 'p90 ms': percentile(fromDb, 90).toFixed(0) },
    ]);
    console.log(
      `ratio ${(ours / ref).toFixed(2)}x; goal at most 1.5x + 150 ms = ${budget.toFixed(0)} ms: ${ours <= budget ? 'met' : 'NOT met'}`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();

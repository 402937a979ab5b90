/**
 * Keystroke to next paint while typing into the sample SOA: the app's editor bound to the room's Y.Doc
 * (with IndexedDB persistence and the workspace's snapshots), against the same Tiptap editor with the same
 * content and no Yjs binding. Goal: p95 at most 16 ms and at most 1.25x. Real key events through CDP.
 */
import { benchPage, buildHarness, launch, median, percentile, serve, table } from './editor-common';

const KEYS = Number(process.env.KEYS ?? 300);
const TEXT = 'The partnership will work with communities to reduce inequalities in health and wellbeing. ';

type Bench = { seed(): Promise<{ soaId: string; title: string }>; mountBound(id: string, title: string): Promise<void>; mountUnbound(): Promise<void>; startLatency(): void; latencies(): number[] };

async function main(): Promise<void> {
  const dist = await buildHarness();
  const server = await serve(dist);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const seeding = await benchPage(browser, server.url, context);
    const sample = await seeding.evaluate(() => (window as unknown as { editorBench: Bench }).editorBench.seed());
    await seeding.close();
    const text = TEXT.repeat(Math.ceil(KEYS / TEXT.length)).slice(0, KEYS);
    const measure = async (bound: boolean): Promise<number[]> => {
      const page = await benchPage(browser, server.url, context);
      if (bound) await page.evaluate(([id, title]) => (window as unknown as { editorBench: Bench }).editorBench.mountBound(id as string, title as string), [sample.soaId, sample.title]);
      else await page.evaluate(() => (window as unknown as { editorBench: Bench }).editorBench.mountUnbound());
      // Warm up, then measure.
      await page.keyboard.type('Warm up. ', { delay: 20 });
      await page.evaluate(() => (window as unknown as { editorBench: Bench }).editorBench.startLatency());
      await page.keyboard.type(text, { delay: 25 });
      await page.waitForTimeout(200);
      const values = await page.evaluate(() => (window as unknown as { editorBench: Bench }).editorBench.latencies());
      await page.close();
      return values;
    };
    const unbound = await measure(false);
    const bound = await measure(true);
    const p95Bound = percentile(bound, 95);
    const p95Unbound = percentile(unbound, 95);
    table([
      { editor: 'without Yjs binding (reference)', keys: unbound.length, 'median ms': median(unbound).toFixed(1), 'p95 ms': p95Unbound.toFixed(1), 'max ms': Math.max(...unbound).toFixed(1) },
      { editor: 'bound to the sample SOA (app)', keys: bound.length, 'median ms': median(bound).toFixed(1), 'p95 ms': p95Bound.toFixed(1), 'max ms': Math.max(...bound).toFixed(1) },
    ]);
    const ratio = p95Bound / p95Unbound;
    console.log(`p95 ratio ${ratio.toFixed(2)}x; goal p95 at most 16 ms and at most 1.25x: ${p95Bound <= 16 && ratio <= 1.25 ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();

/**
 * One websocket per SOA (issue 17), in Chromium against a real relay: a partner's app opens every room of
 * the SOA (frame, partner rooms, comment rooms) over one websocket to /mux/<soaId>, counted both in the
 * browser (every websocket the page made) and by the relay (/healthz: websockets and room connections), and
 * converges both ways with stock y-websocket clients that use one websocket per room.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FrameDocument, PartnerDocument, frameRoom, partnerRoom } from '../../shared/model';
import type { OutcomeId, PartnerId, SoaId } from '../../shared/model';
import { type DemoMember, relayCli } from '../support/relayCli';
import { relayHealth, startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { ensureWebBuild, launchBrowser, newPage, screenshot, tempDir } from './harness';

let relay: RelayProcess;
let browser: Browser;
let soaId: SoaId;
let members: DemoMember[];
const stockProviders: WebsocketProvider[] = [];

function stockClient(room: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(relay.syncUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  stockProviders.push(provider);
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

async function upToDate(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  ensureWebBuild();
  const db = join(tempDir('soa-e2e-mux-'), 'relay.sqlite');
  const demo = relayCli(['demo', '--db', db]) as unknown as { soaId: SoaId; members: DemoMember[] };
  soaId = demo.soaId;
  members = demo.members;
  relay = await startRelayProcess(db);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const provider of stockProviders) provider.destroy();
  await browser?.close();
  await relay?.stop();
});

describe('one websocket per SOA', () => {
  it('opens every room over one websocket and converges with stock per-room clients', async () => {
    const partner = members.find((member) => member.role === 'partner');
    const coordinator = members.find((member) => member.role === 'coordinator');
    const reviewer = members.find((member) => member.role === 'reviewer');
    if (!partner || !coordinator || !reviewer) throw new Error('the demo has no partner, coordinator or reviewer');
    const session = (await (
      await fetch(`${relay.url}/api/session`, { headers: { Authorization: `Bearer ${partner.token}` } })
    ).json()) as { soas: { id: string; rooms: string[]; commentRooms?: string[] }[] };
    const soa = session.soas.find((candidate) => candidate.id === soaId);
    const roomCount = (soa?.rooms.length ?? 0) + (soa?.commentRooms?.length ?? 0);
    expect(soa?.rooms.length).toBeGreaterThan(3);

    const { page, errors } = await newPage(browser);
    const websockets: string[] = [];
    page.on('websocket', (socket) => websockets.push(new URL(socket.url()).pathname));
    await page.goto(`${relay.url}/`);
    await page.getByLabel('Invite token').fill(partner.token);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await upToDate(page);
    // Every room the session lists is open on the relay (comment rooms open after the first screen)...
    await eventually(async () => (await relayHealth(relay)).connections === roomCount, `${roomCount} rooms open`);
    // ... over one websocket, in the browser's count and in the relay's.
    expect(websockets).toEqual([`/mux/${soaId}`]);
    expect((await relayHealth(relay)).websockets).toBe(1);

    // A stock client (one websocket per room) adds an outcome that the partner delivers: the app shows it.
    const frame = stockClient(frameRoom(soaId), coordinator.token);
    await frame.synced;
    const outcomeId: OutcomeId = new FrameDocument(frame.doc).addOutcome({ title: 'Warm homes for every family' });
    new FrameDocument(frame.doc).setDeliveringPartner(outcomeId, partner.partnerId as PartnerId, true);
    await page.getByRole('link', { name: /Warm homes for every family/ }).click({ timeout: 30_000 });
    await page.getByRole('heading', { name: /Warm homes for every family/, level: 1 }).waitFor();

    // The partner writes its contribution in the app; a stock reader of its room receives it.
    await page.getByRole('button', { name: `Write ${partner.partnerName}’s contribution` }).click();
    await page
      .getByRole('textbox', { name: `${partner.partnerName}’s contribution to Warm homes for every family` })
      .click();
    await page.keyboard.type('We will insulate 400 homes a year.');
    const reader = stockClient(partnerRoom(soaId, partner.partnerId as PartnerId), reviewer.token);
    await reader.synced;
    await eventually(
      () =>
        new PartnerDocument(reader.doc)
          .contributionFragment(outcomeId)
          .toString()
          .includes('We will insulate 400 homes a year.'),
      'the stock reader to receive the contribution',
    );
    await upToDate(page);
    await screenshot(page, 'mux-one-websocket');

    // Still one websocket, the stock clients' two beside it.
    expect(websockets).toEqual([`/mux/${soaId}`]);
    expect((await relayHealth(relay)).websockets).toBe(3);
    expect(errors).toEqual([]);
  });
});

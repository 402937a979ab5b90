/**
 * One websocket per SOA (issue 17), in Chromium against a real relay: a partner's app opens every room of
 * the SOA (frame, partner rooms, comment rooms) over one websocket to /mux/<soaId>, counted both in the
 * browser (every websocket the page made) and by the relay (/healthz: websockets and room connections), and
 * converges both ways with stock y-websocket clients that use one websocket per room.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FrameDocument, PartnerDocument, frameRoom, partnerRoom } from '../../shared/model';
import type { OutcomeId, PartnerId, SoaId } from '../../shared/model';
import { relayHealth } from '../support/relayProcess';
import { waitUntil } from '../support/wait';
import { demoOnRelayPerFile } from './demoOnRelay';
import { screenshot } from './harness';

const session = demoOnRelayPerFile('soa-e2e-mux-');
const stockProviders: WebsocketProvider[] = [];

function stockClient(room: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(session.relay.syncUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  stockProviders.push(provider);
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

afterAll(() => {
  for (const provider of stockProviders) provider.destroy();
});

describe('one websocket per SOA', () => {
  it('opens every room over one websocket and converges with stock per-room clients', async () => {
    const { relay } = session;
    const soaId = session.demo.soaId as SoaId;
    const partner = session.member('partner');
    const coordinator = session.member('coordinator');
    const reviewer = session.member('reviewer');
    const answer = (await (
      await fetch(`${relay.url}/api/session`, { headers: { Authorization: `Bearer ${partner.token}` } })
    ).json()) as { soas: { id: string; rooms: string[]; commentRooms?: string[] }[] };
    const soa = answer.soas.find((candidate) => candidate.id === soaId);
    const roomCount = (soa?.rooms.length ?? 0) + (soa?.commentRooms?.length ?? 0);
    expect(soa?.rooms.length).toBeGreaterThan(3);

    const websockets: string[] = [];
    const { page, errors } = await session.joinAs(partner, {
      beforeLoad: (_context, newPage) => {
        newPage.on('websocket', (socket) => websockets.push(new URL(socket.url()).pathname));
      },
    });
    // Every room the session lists is open on the relay (comment rooms open after the first screen)...
    await waitUntil(
      async () => (await relayHealth(relay)).connections === roomCount,
      `${roomCount} rooms open`,
      30_000,
      100,
    );
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
    await waitUntil(
      () =>
        new PartnerDocument(reader.doc)
          .contributionFragment(outcomeId)
          .toString()
          .includes('We will insulate 400 homes a year.'),
      'the stock reader to receive the contribution',
      30_000,
      100,
    );
    await page.locator('.sync-text', { hasText: /^Up to date$/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'mux-one-websocket');

    // Still one websocket, the stock clients' two beside it.
    expect(websockets).toEqual([`/mux/${soaId}`]);
    expect((await relayHealth(relay)).websockets).toBe(3);
    expect(errors).toEqual([]);
  });
});

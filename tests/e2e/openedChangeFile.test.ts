/**
 * A change file double-clicked before any SOA is open (issue 17), in Chromium against a real relay, with the
 * desktop's bridge played by an init script (the Electron window itself cannot run here; the main process's
 * file queue has its own tests in tests/electron): the welcome screen says the file is waiting and what to
 * do; once the coordinator joins, the app imports it, and the partner's offline work is in the SOA.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ChangeBundle } from '../../shared/bundle/changeFile';
import type { MemberId, SoaId } from '../../shared/model/ids';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph } from '../../shared/model/richText';
import { partnerRoom } from '../../shared/model/rooms';
import type { PartnerId } from '../../shared/model/ids';
import { bundleKey, bundleMac } from '../../server/bundle/bundleMac';
import { hashToken } from '../../server/tokens';
import { waitUntil } from '../support/wait';
import { demoOnRelayPerFile } from './demoOnRelay';
import { axeViolations, newPage, screenshot } from './harness';

const session = demoOnRelayPerFile('soa-e2e-opened-change-file-');

const WRITTEN_OFFLINE = 'Written at the Lochside office, where there is no link at all.';

/** The partner's statement edited with no link, saved as a change file (what "Save my unsent changes" writes). */
async function partnersChangeFile(): Promise<string> {
  const partner = session.member('partner');
  const soaId = session.demo.soaId as SoaId;
  const room = partnerRoom(soaId, partner.partnerId as PartnerId);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(session.relay.syncUrl, room, doc, {
    params: { token: partner.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  provider.destroy();
  const relayHad = Y.encodeStateVector(doc);
  new PartnerDocument(doc).setStatement([paragraph(WRITTEN_OFFLINE)]);
  const fields: Omit<ChangeBundle, 'mac'> = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'changes',
    soaId,
    memberId: partner.memberId as MemberId,
    createdAt: new Date().toISOString(),
    rooms: [{ room, update: Buffer.from(Y.encodeStateAsUpdate(doc, relayHad)).toString('base64') }],
  };
  doc.destroy();
  return JSON.stringify({ ...fields, mac: bundleMac(fields, bundleKey(hashToken(partner.token))).toString('base64') });
}

describe('a change file opened before an SOA is', () => {
  it('waits on the welcome screen, saying so, and is imported once the coordinator has joined', async () => {
    const fileName = 'Balmuir SOA - changes from Balmuir Council - 3 December 2026.soabundle';
    const fileText = await partnersChangeFile();
    const { context, page, errors } = await newPage(session.browser);
    // The desktop's bridge: tokens kept in memory, and a queue of opened files the test fills.
    await context.addInitScript(() => {
      const tokens = new Map<string, string>();
      const queue: { name: string; bytes: Uint8Array }[] = [];
      const opened = new Set<() => void>();
      Object.assign(window, {
        soaDesktop: {
          saveFile: async () => ({ saved: false }),
          openFile: async () => null,
          getSettings: async () => ({}),
          setSettings: async (patch: object) => patch,
          storeToken: async (relayUrl: string, token: string) => {
            tokens.set(relayUrl, token);
            return { storage: 'secure' };
          },
          getToken: async (relayUrl: string) => tokens.get(relayUrl) ?? null,
          clearToken: async (relayUrl: string) => void tokens.delete(relayUrl),
          appVersion: async () => '0.1.0',
          onMenuCommand: () => () => undefined,
          takeOpenedFiles: async () => queue.splice(0),
          onFileOpened: (listener: () => void) => {
            opened.add(listener);
            return () => opened.delete(listener);
          },
        },
        /** What the operating system does on a double-click: the file queued, the page told. */
        desktopOpens: (name: string, text: string) => {
          queue.push({ name, bytes: new TextEncoder().encode(text) });
          for (const listener of opened) listener();
        },
      });
    });
    await page.goto(`${session.relay.url}/`);
    await page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor();
    await page.evaluate(
      ([name, text]) => (window as unknown as { desktopOpens(n: string, t: string): void }).desktopOpens(name!, text!),
      [fileName, fileText],
    );
    const waiting = page.getByRole('status').filter({ hasText: 'is waiting to be imported' });
    await expect(waiting.innerText({ timeout: 10_000 })).resolves.toBe(
      `The change file “${fileName}” is waiting to be imported. Open the SOA it belongs to below, or join your partnership, and SOA Studio will import it then. Importing needs a connection to the partnership’s relay.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '42-change-file-waiting');

    const coordinator = session.member('coordinator');
    const partner = session.member('partner');
    await page.getByLabel('Invite token').fill(coordinator.token);
    await page.getByRole('button', { name: 'Join' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change files' });
    const line = dialog.getByRole('listitem').filter({ hasText: `${partner.partnerName}’s section` });
    await expect(line.innerText({ timeout: 60_000 })).resolves.toBe(`${partner.partnerName}’s section: applied`);
    await screenshot(page, '43-change-file-imported-after-join');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The file was taken once: nothing waits, and closing does not open it again.
    await expect(dialog.count()).resolves.toBe(0);
    await page
      .locator('nav')
      .getByRole('link', { name: new RegExp(`^${partner.partnerName}`) })
      .first()
      .click();
    await page.getByText(WRITTEN_OFFLINE).first().waitFor({ timeout: 20_000 });
    await waitUntil(async () => (await dialog.count()) === 0, 'the dialog to stay closed', 2_000, 100);
    expect(errors).toEqual([]);
    await context.close();
  });
});

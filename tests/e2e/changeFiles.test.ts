/**
 * Change files in the app (issue 17), against a real relay with the demo partnership: a partner with no link
 * saves its unsent changes to a file (a download); the coordinator imports it in the app while connected and
 * a third member sees the changes; importing it again changes nothing and says so; with no link the app says
 * plainly that importing needs one. Keyboard only for the partner's part; axe on the open dialog.
 * Latest files: a connected coordinator saves one; a partner with no link opens it and sees the others' work;
 * the same file signed by another key, or with one byte changed, is refused and changes nothing (WebCrypto
 * Ed25519 in this Chromium).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { latestSignedMessage, type LatestBundle } from '../../shared/bundle/latestFile';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-bundles-');

let dir = '';
let coordinator: Officer;
let partnerA: Officer;
let partnerB: Officer;
const TYPED = 'Written with no link at all, at the Lochside office.';

/** A partner's own page, with its statement of support open for editing (returning agreed content to draft). */
async function statementEditor(officer: Officer) {
  const page = officer.page;
  const name = `${officer.member.partnerName}’s statement of support`;
  const editor = page.getByRole('textbox', { name });
  if ((await editor.count()) === 0) {
    await page.getByRole('button', { name: 'Edit and return to draft' }).first().click();
    await answerDialog(page, 'Edit and return to draft');
  }
  await editor.waitFor({ timeout: 15_000 });
  return editor;
}

async function openPartnerPage(page: Page, partnerName: string): Promise<void> {
  // The outline's entry is named by the partner, then its state.
  const name = new RegExp(`^${partnerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  await page.locator('nav').getByRole('link', { name }).first().click();
  await page.getByRole('heading', { name: partnerName, level: 1 }).waitFor();
}

beforeAll(async () => {
  dir = session.dir;
  coordinator = await session.joinAs(session.member('coordinator'));
  partnerA = await session.joinAs(session.member('partner', 0));
  partnerB = await session.joinAs(session.member('partner', 1));
}, 180_000);

describe('change files in the app', () => {
  let saved = '';

  it('saves a partner’s unsent changes to a file with no link, and says what to do with it', async () => {
    const page = partnerA.page;
    // The editor is opened while connected (its code loads on demand), then the link goes.
    const editor = await statementEditor(partnerA);
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 20_000,
    });
    await partnerA.context.setOffline(true);
    await page.waitForFunction(
      () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
      undefined,
      { timeout: 20_000 },
    );
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${TYPED}`);
    await page.waitForFunction(() => Number(document.querySelector('.sync')?.getAttribute('data-pending')) > 0);

    // Keyboard only: the header's button, then the dialog's first action (focused when it opens).
    await page.getByRole('button', { name: 'Change files' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Change files' });
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Save my unsent changes to a file',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(` - changes from ${partnerA.member.partnerName} - \\d{1,2} [A-Z][a-z]+ \\d{4}\\.soabundle$`),
    );
    saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    await dialog.getByText('Email this file to your coordinator, or import it on a computer with a link').waitFor();
    const file = JSON.parse(readFileSync(saved, 'utf8')) as {
      kind: string;
      memberId: string;
      rooms: Array<{ room: string }>;
      mac: string;
    };
    expect(file.kind).toBe('changes');
    expect(file.memberId).toBe(partnerA.member.memberId);
    expect(file.rooms.map((entry) => entry.room)).toContain(
      `soa/${file.rooms[0]?.room.split('/')[1]}/partner/${partnerA.member.partnerId}`,
    );
    expect(JSON.stringify(file)).not.toContain(partnerA.member.token);
    await screenshot(page, '40-change-file-saved');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('imports it in the coordinator’s app while connected; a third member converges; again changes nothing', async () => {
    const page = coordinator.page;
    await page.getByRole('button', { name: 'Change files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change files' });
    await dialog.getByLabel('Import a change file').setInputFiles(saved);
    const line = dialog.getByRole('listitem').filter({ hasText: `${partnerA.member.partnerName}’s section` });
    await expect(line.innerText({ timeout: 20_000 })).resolves.toBe(
      `${partnerA.member.partnerName}’s section: applied`,
    );
    await dialog.getByText(`changes by ${partnerA.member.name}`, { exact: false }).waitFor();
    await screenshot(page, '41-change-file-imported');
    expect(await axeViolations(page)).toEqual([]);

    await openPartnerPage(partnerB.page, partnerA.member.partnerName);
    await partnerB.page.getByText(TYPED, { exact: false }).waitFor({ timeout: 20_000 });

    await dialog.getByLabel('Import a change file').setInputFiles(saved);
    await dialog
      .getByText('nothing new, the relay already had all of it', { exact: false })
      .waitFor({ timeout: 20_000 });
    await expect(line.innerText()).resolves.toBe(
      `${partnerA.member.partnerName}’s section: already there (nothing new in the file)`,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openPartnerPage(page, partnerA.member.partnerName);
    await page.getByText(TYPED, { exact: false }).waitFor({ timeout: 20_000 });
  });

  it('says plainly that importing needs a link when there is none', async () => {
    const page = coordinator.page;
    await coordinator.context.setOffline(true);
    await page.getByRole('button', { name: 'Change files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change files' });
    await dialog.getByLabel('Import a change file').setInputFiles(saved);
    await dialog
      .getByText('Importing a change file needs a link to the relay', { exact: false })
      .waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await coordinator.context.setOffline(false);
  });

  it('the partner, back online, has nothing left waiting', async () => {
    await partnerA.context.setOffline(false);
    await partnerA.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 30_000 },
    );
    expect(await partnerA.page.locator('.sync').getAttribute('data-pending')).toBe('0');
    for (const officer of [coordinator, partnerA, partnerB]) expect(officer.errors).toEqual([]);
  });
});

describe('latest files in the app', () => {
  const LATEST = 'Added while Lochside had no link.';

  it('a latest file opens with no link; one signed by another key or changed by one byte is refused and changes nothing', async () => {
    const reader = partnerB.page;
    // A membership from before relays signed latest files has no key: it learns it on the next open with a link.
    const storedKey = () =>
      reader.evaluate(
        () =>
          (
            JSON.parse(localStorage.getItem('soa-studio.workspaces') ?? '[]') as Array<{
              session?: { relayKey?: string };
            }>
          )[0]?.session?.relayKey ?? null,
      );
    const key = await storedKey();
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await reader.evaluate(() => {
      const entries = JSON.parse(localStorage.getItem('soa-studio.workspaces') ?? '[]') as Array<{
        session?: { relayKey?: string };
      }>;
      for (const entry of entries) delete entry.session?.relayKey;
      localStorage.setItem('soa-studio.workspaces', JSON.stringify(entries));
    });
    await reader.reload();
    await reader.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await expect.poll(storedKey, { timeout: 15_000 }).toBe(key);
    await openPartnerPage(reader, partnerA.member.partnerName);
    await partnerB.context.setOffline(true);
    await reader.waitForFunction(
      () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
      undefined,
      { timeout: 20_000 },
    );

    // Partner A writes while B has no link; the coordinator saves the latest SOA for B.
    const editor = await statementEditor(partnerA);
    await editor.click();
    await partnerA.page.keyboard.press('Control+End');
    await partnerA.page.keyboard.type(` ${LATEST}`);
    await partnerA.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 20_000 },
    );
    const page = coordinator.page;
    await openPartnerPage(page, partnerA.member.partnerName);
    await page.getByText(LATEST, { exact: false }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Change files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change files' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Save the latest SOA for someone offline' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      / - latest for someone offline - \d{1,2} [A-Z][a-z]+ \d{4}\.soabundle$/,
    );
    const genuine = join(dir, 'latest.soabundle');
    await download.saveAs(genuine);
    await dialog.getByText('Give it to the officer with no link', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The same content signed by another key (naming that key), and the genuine file with one byte changed.
    const text = readFileSync(genuine, 'utf8');
    const file = JSON.parse(text) as LatestBundle;
    const other = generateKeyPairSync('ed25519');
    const otherKey = Buffer.from(other.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
    const { signature: _signature, ...fields } = { ...file, relayKey: otherKey };
    const forged = join(dir, 'forged.soabundle');
    writeFileSync(
      forged,
      JSON.stringify({
        ...fields,
        signature: sign(null, Buffer.from(latestSignedMessage(fields), 'utf8'), other.privateKey).toString('base64'),
      }),
    );
    const altered = join(dir, 'altered.soabundle');
    const at = text.indexOf('"createdAt":"') + '"createdAt":"'.length + 3;
    writeFileSync(altered, `${text.slice(0, at)}${text[at] === '9' ? '8' : '9'}${text.slice(at + 1)}`);

    await reader.getByRole('button', { name: 'Change files' }).click();
    const readerDialog = reader.getByRole('dialog', { name: 'Change files' });
    const input = readerDialog.getByLabel('Open a latest SOA file');
    for (const bad of [forged, altered]) {
      await input.setInputFiles(bad);
      await readerDialog
        .locator('[data-latest="refused"]')
        .getByText('was not signed by your partnership’s relay, or was changed after it was saved', { exact: false })
        .waitFor({ timeout: 10_000 });
      await expect(reader.locator('main').getByText(LATEST, { exact: false }).count()).resolves.toBe(0);
    }
    await screenshot(reader, '42-latest-file-refused');

    await input.setInputFiles(genuine);
    await readerDialog.locator('[data-latest="applied"]').waitFor({ timeout: 10_000 });
    expect(await axeViolations(reader)).toEqual([]);
    await screenshot(reader, '43-latest-file-opened');
    await readerDialog.getByRole('button', { name: 'Close' }).click();
    await reader.locator('main').getByText(LATEST, { exact: false }).waitFor({ timeout: 10_000 });
    expect(await reader.locator('.sync').getAttribute('data-sync-link')).toBe('offline');

    await partnerB.context.setOffline(false);
    await reader.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
    for (const officer of [coordinator, partnerA, partnerB]) expect(officer.errors).toEqual([]);
  });
});

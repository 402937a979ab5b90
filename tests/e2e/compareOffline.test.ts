/**
 * Compare without the relay, in Chromium against a real relay: a partner who has opened a version once can,
 * offline, see what changed since it in its own copy (edits not yet sent included), section by section with
 * the words inserted and deleted, told plainly that it was compared on this computer and that who changed
 * what is shown once the relay can be asked; a version never opened here is said to be so. Checked with axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-compare-offline-');

const TYPED_OFFLINE = 'We will open a drop-in clinic in every village hall.';

let partner: Officer;

/** Records a version over the relay's HTTP API, as the coordinator. */
async function recordVersion(name: string): Promise<string> {
  const soaId = session.demo.soaId;
  const response = await fetch(`${session.relay.url}/api/soas/${soaId}/versions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.member('coordinator').token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { versionId: string }).versionId;
}

beforeAll(async () => {
  partner = await session.joinAs(session.member('partner'), { viewport: { width: 1366, height: 768 } });
}, 180_000);

describe('compare without the relay', () => {
  it('compares a kept version with this computer’s copy offline, unsent edits included, and says how', async () => {
    const page = partner.page;
    const versionId = await recordVersion('Draft submitted to the Scottish Government');
    const neverOpened = await recordVersion('Version agreed by the board');
    // Opened once while connected: kept on this computer.
    await page.evaluate((hash) => (window.location.hash = hash), `#/version/${versionId}`);
    await page
      .getByRole('heading', { name: 'You are looking at the version "Draft submitted to the Scottish Government"' })
      .waitFor({ timeout: 30_000 });

    await partner.context.setOffline(true);
    const name = partner.member.partnerName;
    await page
      .getByRole('navigation', { name: 'Outline of the SOA' })
      .locator(`a[href="#/partner/${partner.member.partnerId}"]`)
      .click();
    const back = page.getByRole('button', { name: 'Edit and return to draft' }).first();
    if ((await back.count()) > 0) {
      await back.click();
      await answerDialog(page, 'Edit and return to draft');
    }
    await page.getByRole('textbox', { name: `${name}’s statement of support` }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${TYPED_OFFLINE}`);

    await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${versionId}`);
    await page.getByRole('heading', { name: 'What changed', level: 1 }).waitFor();
    const note = page.getByRole('note').filter({ hasText: 'made on this computer' });
    await note.waitFor({ timeout: 20_000 });
    await expect(note.innerText()).resolves.toBe(
      'You are offline, so the relay cannot be asked now. This comparison was made on this computer, from the version kept here and this computer’s copy of the SOA, including edits not yet sent. It shows what changed, not who changed it: that is shown when the relay can be asked again.',
    );
    const section = page.getByRole('article', { name: `${name}: statement` });
    await expect(section.innerText()).resolves.toContain('Who changed it is not known on this computer.');
    const inserted = section.locator('ins.change-inserted');
    await expect(inserted.allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('drop-in clinic in every village hall')]),
    );
    await expect(inserted.first().getAttribute('title')).resolves.toBe('Inserted');
    // Only what the partner changed: its statement, and its sign-off if it had agreed (editing returns it to
    // draft). Exporting tracked changes needs the relay, so it is not offered.
    const changed = await page.getByRole('article').locator('h2').allInnerTexts();
    expect(changed.filter((title) => title !== `${name}: sign-off`)).toEqual([`${name}: statement`]);
    await expect(page.getByRole('button', { name: /^Export changes since/ }).count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '68-versions-compare-offline');

    // A version this computer never opened cannot be compared here, and the page says so.
    await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${neverOpened}`);
    await expect(
      page.getByRole('alert').filter({ hasText: 'could not be made' }).innerText({ timeout: 20_000 }),
    ).resolves.toBe(
      'The comparison could not be made: You are offline, so the relay cannot be asked now. The version has not been opened on this computer yet, so it cannot be compared without the relay. Open it once while connected, and it will be kept on this computer.',
    );

    // Back online, the relay compares again and names who changed it.
    await partner.context.setOffline(false);
    await page.locator('.sync-text', { hasText: /^Up to date$/ }).waitFor({ timeout: 30_000 });
    await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${versionId}`);
    await expect(section.innerText({ timeout: 20_000 })).resolves.toContain(
      `Changed by ${partner.member.name} (${name})`,
    );
    expect(partner.errors).toEqual([]);
  });
});

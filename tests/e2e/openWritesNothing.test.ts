/**
 * Opening the SOA changes nothing, in real Chromium against a real relay: a partner's officer who signs in
 * on a new computer (an empty browser profile) and opens their own section, which the relay already holds,
 * stores no change in any room. Before, the app set the room's schema version and partner id on the empty
 * copy before the relay's content arrived, so each first visit on a computer was stored as a change by
 * that officer, and "Last changed by" and the history named them though they had only looked.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoOnRelayPerFile } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-open-writes-nothing-');

/** Every row any room has stored (the log and what compaction folded into the audit), by whom and where. */
function storedRows(db: string): { readonly seq: number; readonly room: string; readonly member: string | null }[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT seq, room, member_id AS member FROM room_updates WHERE compacted = 0
         UNION SELECT seq, room, member_id AS member FROM room_audit ORDER BY seq`,
      )
      .all() as { seq: number; room: string; member: string | null }[];
  } finally {
    sqlite.close();
  }
}

describe('opening the SOA on a new computer', () => {
  it("stores no change, in the officer's own section or anywhere else", async () => {
    const officer = session.member('partner');
    const before = storedRows(session.db);

    // Twice, each in a fresh browser profile, as on two new computers.
    for (let visit = 0; visit < 2; visit++) {
      const { page, errors, context } = await session.joinAs(officer);
      await page.locator(`.outline a[href="#/partner/${officer.partnerId}"]`).click();
      await page.getByRole('heading', { name: officer.partnerName, level: 1 }).waitFor();
      await page.locator('.sync-text', { hasText: /^Up to date$/ }).waitFor({ timeout: 30_000 });
      // Long enough for the app's own coalesced sends (at most every 500 ms) to have gone out.
      await page.waitForTimeout(1_500);
      expect(errors).toEqual([]);
      await context.close();
    }

    const added = storedRows(session.db).filter((row) => !before.some((old) => old.seq === row.seq));
    expect(added).toEqual([]);
  }, 180_000);
});

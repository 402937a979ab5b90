// soa-relay history: who changed what, read from the audit after real edits through a real relay, and still
// complete after compaction has folded the rows away.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runRelayCli, type CliResult } from '../support/relayCli';
import { relayPerTest } from './harness/relayPerTest';

interface Entry {
  readonly memberName: string;
  readonly partnerName: string | null;
  readonly room: string;
  readonly changes: number;
  readonly sections: string[];
}

function history(dbFile: string, ...args: string[]): CliResult {
  return runRelayCli('history', '--db', dbFile, ...args);
}

describe('soa-relay history', () => {
  const ctx = relayPerTest();

  it('names the member, their partner and the sections each change touched, after compaction too', async () => {
    const alex = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    const cora = ctx.client(ctx.fixture.frame, ctx.fixture.tokens.coordinator);
    await Promise.all([alex.synced(), cora.synced()]);
    for (const words of ['Our statement. ', 'It grows. ', 'And ends.']) {
      alex.doc.getXmlFragment('statement').insert(0, [new Y.XmlText(words)]);
      await alex.stored();
    }
    cora.doc.getMap('meta').set('title', 'Renamed SOA');
    await cora.stored();
    await ctx.relay.stop();

    // The relay compacted both rooms when they unloaded: each now loads from one merged row, and the rows it
    // folds are kept for the history.
    const db = new Database(ctx.fixture.dbFile, { readonly: true });
    const merged = db.prepare('SELECT COUNT(*) AS n FROM room_bases WHERE room IN (?, ?)');
    expect(merged.get(ctx.fixture.roomA, ctx.fixture.frame)).toEqual({ n: 2 });
    db.close();

    const result = history(ctx.fixture.dbFile, '--soa', ctx.fixture.soaId, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const entries = (JSON.parse(result.stdout) as { entries: Entry[] }).entries;
    const byAlex = entries.filter((entry) => entry.memberName === 'Alex Council');
    expect(byAlex).toEqual([
      expect.objectContaining({
        partnerName: 'Test Council',
        room: ctx.fixture.roomA,
        changes: 3,
        sections: ['partner statement'],
      }),
    ]);
    expect(entries).toContainEqual(
      expect.objectContaining({
        memberName: 'Cora Ordinator',
        room: ctx.fixture.frame,
        changes: 1,
        sections: ['SOA details'],
      }),
    );
    // The frame the administrator created comes first.
    expect(entries[0]).toEqual(
      expect.objectContaining({ memberName: 'The relay administrator', room: ctx.fixture.frame }),
    );

    const onePartner = history(ctx.fixture.dbFile, '--soa', ctx.fixture.soaId, '--partner', ctx.fixture.partnerA);
    expect(onePartner.status).toBe(0);
    expect(onePartner.stdout).toMatch(
      /Alex Council \(Test Council, partner\) in Test Council's room: partner statement \(3 changes\)/,
    );
    expect(onePartner.stdout).not.toMatch(/Cora Ordinator/);

    for (const wrong of [
      ['--soa', 'nosuchsoa0000000000000000000000'],
      ['--soa', ctx.fixture.soaId, '--partner', '../x'],
    ]) {
      const refused = history(ctx.fixture.dbFile, ...wrong);
      expect(refused.status).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/^soa-relay: /);
    }
  });
});

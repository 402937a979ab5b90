// Issue 13, item 9: a token that a malformed URL puts in the path (rather than the query) is never logged.
import { describe, expect, it } from 'vitest';
import { upgradeAndReadClose } from './harness/rawUpgrade';
import { relayPerTest } from './harness/relayPerTest';
import { waitUntil } from '../support/wait';

describe('tokens in malformed URLs', () => {
  const ctx = relayPerTest();

  it('never logs a token that ends up in the path', async () => {
    const token = ctx.fixture.tokens.partnerA;
    const soa = ctx.fixture.soaId;
    const paths = [
      `/sync/${ctx.fixture.roomA}&token=${token}`,
      `/sync/${token}`,
      `/sync/soa/${soa}/frame/token=${token}`,
      `/sync/soa/${soa}/frame;token=${token}`,
      `/sync/${ctx.fixture.roomA}/${token}?token=${token}`,
    ];
    for (const path of paths) {
      const answer = await upgradeAndReadClose(ctx.relay.url, path);
      expect(answer.closeCode, path).not.toBeNull();
    }
    await fetch(`${ctx.relay.url}/api/${token}`);
    await waitUntil(
      () => ctx.relay.lines.filter((line) => line.includes('connection refused')).length >= paths.length,
      'every refusal to be logged',
    );
    expect(ctx.relay.lines.join('\n')).not.toContain(token);
  });
});

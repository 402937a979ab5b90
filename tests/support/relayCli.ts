/**
 * The relay's admin command (`soa-relay <command>`) as an administrator runs it, and the demo partnership it
 * sets up: one helper for every test and benchmark that needs either.
 */
import { spawnSync } from 'node:child_process';
import { RELAY_BIN, REPO_ROOT } from './relayProcess';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `soa-relay <args>`, whatever it answers (for tests of the command itself). */
export function runRelayCli(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [RELAY_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `soa-relay <args> --json`, its answer parsed. Throws with the command's message on failure. */
export function relayCli(args: readonly string[]): Record<string, unknown> {
  const result = runRelayCli(...args, '--json');
  if (result.status !== 0)
    throw new Error(`soa-relay ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  const line = result.stdout.trim().split('\n').filter(Boolean).at(-1) ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

export interface DemoMember {
  readonly memberId: string;
  readonly name: string;
  readonly role: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly token: string;
}

export interface Demo {
  readonly soaId: string;
  readonly rooms: string[];
  readonly members: DemoMember[];
}

/** `soa-relay demo`: the sample partnership and SOA (with the sample's content) in `dbPath`. */
export function createDemoDb(dbPath: string): Demo {
  return relayCli(['demo', '--db', dbPath]) as unknown as Demo;
}

export interface Partnership {
  readonly soaId: string;
  readonly frameRoom: string;
  /** One per partner member: its partner's room and its token. */
  readonly partners: ReadonlyArray<{
    readonly partnerId: string;
    readonly room: string;
    readonly token: string;
    readonly name: string;
  }>;
  readonly coordinatorToken: string;
}

/** The demo as rooms and tokens: the frame, the coordinator's token, and each partner member's room. */
export function createDemo(dbPath: string): Partnership {
  const demo = createDemoDb(dbPath);
  const coordinator = demo.members.find((m) => m.role === 'coordinator');
  if (!coordinator) throw new Error('demo has no coordinator');
  const partners = demo.members
    .filter((m) => m.role === 'partner')
    .map((m) => ({
      partnerId: m.partnerId,
      room: `soa/${demo.soaId}/partner/${m.partnerId}`,
      token: m.token,
      name: m.name,
    }));
  for (const partner of partners)
    if (!demo.rooms.includes(partner.room)) throw new Error(`demo rooms lack ${partner.room}`);
  return { soaId: demo.soaId, frameRoom: `soa/${demo.soaId}/frame`, partners, coordinatorToken: coordinator.token };
}

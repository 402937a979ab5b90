/**
 * The demo SOA (soa-relay demo) on a fresh database, its relay as a real process, and clients editing its
 * rooms through the model as the app would: the setting the versions tests record, edit and compare in.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../relay/harness/clients';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { runRelayCli } from '../support/relayCli';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { frameRoom, partnerRoom } from '../../shared/model/rooms';
import type { PartnerId, SoaId } from '../../shared/model/ids';

export interface DemoMember {
  readonly memberId: string;
  readonly name: string;
  readonly role: 'coordinator' | 'partner' | 'reviewer';
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly token: string;
}

export interface DemoRelay {
  readonly dir: string;
  readonly dbFile: string;
  readonly soaId: SoaId;
  readonly members: readonly DemoMember[];
  relay: RelayProcess;
  coordinator(): DemoMember;
  /** The partner members, in the demo's partner order. */
  partners(): DemoMember[];
  reviewer(): DemoMember;
  /** Opens the member's room (the frame for a coordinator), waits for it to sync, runs `edit`, waits for the ACK. */
  edit(member: DemoMember, edit: (doc: Y.Doc) => void): Promise<void>;
  cli(...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** Records a version of the SOA by name through `soa-relay version create`; returns its id. */
  createVersion(name: string): string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoRelay(): Promise<DemoRelay> {
  const dir = tempDir('soa-versions-');
  const dbFile = path.join(dir, 'relay.db');
  const demo = runRelayCli('demo', '--db', dbFile, '--json');
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const body = JSON.parse(demo.stdout) as { soaId: SoaId; members: DemoMember[] };
  const clients: TestClient[] = [];
  const one = (role: DemoMember['role']): DemoMember => {
    const found = body.members.find((member) => member.role === role);
    if (!found) throw new Error(`the demo has no ${role}`);
    return found;
  };
  const setting: DemoRelay = {
    dir,
    dbFile,
    soaId: body.soaId,
    members: body.members,
    relay: await startRelayProcess(dbFile),
    coordinator: () => one('coordinator'),
    partners: () => body.members.filter((member) => member.role === 'partner'),
    reviewer: () => one('reviewer'),
    async edit(member, edit) {
      const room = member.role === 'coordinator' ? frameRoom(body.soaId) : partnerRoom(body.soaId, member.partnerId);
      const client = connectClient(setting.relay.syncUrl, room, member.token);
      clients.push(client);
      await client.synced();
      edit(client.doc);
      await client.stored();
      client.destroy();
      clients.splice(clients.indexOf(client), 1);
    },
    cli: (...args) => runRelayCli(...args),
    createVersion(name) {
      const created = runRelayCli('version', 'create', '--db', dbFile, '--soa', body.soaId, '--name', name, '--json');
      if (created.status !== 0) throw new Error(`version create failed: ${created.stderr}`);
      return (JSON.parse(created.stdout) as { versionId: string }).versionId;
    },
    async restart() {
      await setting.relay.stop();
      setting.relay = await startRelayProcess(dbFile);
    },
    async close() {
      for (const client of clients.splice(0)) client.destroy();
      await setting.relay.stop();
      removeTempDir(dir);
    },
  };
  return setting;
}

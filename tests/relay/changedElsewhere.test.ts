// The relay reads the directory again only when another process has committed to the database: own writes
// (stored updates) must not wake it, the admin CLI's must.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { removeTempDir, tempDir } from '../support/tempDirs';

describe('Directory.changedElsewhere', () => {
  it('is true after another connection commits, and not after the relay’s own writes', () => {
    const dir = tempDir('soa-relay-test-');
    const file = path.join(dir, 'relay.db');
    const relayDb = openDatabase(file);
    const adminDb = openDatabase(file);
    try {
      const relay = new Directory(relayDb);
      const admin = new Directory(adminDb);
      expect(relay.changedElsewhere()).toBe(true); // the first look
      expect(relay.changedElsewhere()).toBe(false);

      relayDb
        .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
        .run('soa/x/frame', new Uint8Array([0, 0]), Date.now());
      expect(relay.changedElsewhere()).toBe(false);

      const partnership = admin.createPartnership('Glenmorven CPP');
      expect(relay.changedElsewhere()).toBe(true);
      expect(relay.changedElsewhere()).toBe(false);
      const partner = admin.addPartner(partnership, 'Glenmorven Council', 'council');
      admin.revokeMember(admin.inviteMember(partner, 'partner', 'Morag Officer').memberId);
      expect(relay.changedElsewhere()).toBe(true);
    } finally {
      relayDb.close();
      adminDb.close();
      removeTempDir(dir);
    }
  });
});

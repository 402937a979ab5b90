/**
 * The relay's own Ed25519 key, which signs "latest" files (shared/bundle/latestFile.ts). It is made the
 * first time the relay needs it (serve makes it on start) and kept in the relay's SQLite database
 * (relay_identity, schema migration 4), not in a file beside it: the key then travels with the data it
 * vouches for through every backup and restore, and a relay never ends up with content and a key from
 * different places. Anyone who can read the database can already read every SOA in it, so the key is as
 * well guarded as what it signs. The public key is given in /api/session and apps remember it when they join.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface RelayKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The raw 32-byte public key, base64 (as /api/session and latest files give it). */
  readonly publicKeyBase64: string;
}

function fromPrivate(der: Buffer): RelayKey {
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('The relay key is not an Ed25519 key.');
  return { privateKey, publicKey, publicKeyBase64: Buffer.from(jwk.x, 'base64url').toString('base64') };
}

/** The relay's key, made and stored on first use. Two processes racing agree on the first one stored. */
export function loadOrCreateRelayKey(db: Database.Database): RelayKey {
  const select = db.prepare<[], { private_key: Buffer }>('SELECT private_key FROM relay_identity WHERE id = 1');
  const found = select.get();
  if (found) return fromPrivate(found.private_key);
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  db.prepare('INSERT OR IGNORE INTO relay_identity (id, private_key, created_at) VALUES (1, ?, ?)').run(
    der,
    Date.now(),
  );
  const stored = select.get();
  if (!stored) throw new Error('Could not store the relay key.');
  return fromPrivate(stored.private_key);
}

export function signWithRelayKey(key: RelayKey, message: string): Buffer {
  return sign(null, Buffer.from(message, 'utf8'), key.privateKey);
}

export function verifyWithRelayKey(key: RelayKey, message: string, signature: Uint8Array): boolean {
  return verify(null, Buffer.from(message, 'utf8'), key.publicKey, signature);
}

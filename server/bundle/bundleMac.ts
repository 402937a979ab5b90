/**
 * A change file's MAC (shared/bundle/FORMAT.md): HMAC-SHA256 of bundleMacMessage, keyed with the 32 raw
 * bytes of SHA-256 of the member's token. The relay stores exactly that hash (hex), so it checks a file
 * without ever holding the token, and the file carries no token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { bundleMacMessage, type ChangeBundle } from '../../shared/bundle/changeFile';

/** The MAC key from the stored token hash (hex of SHA-256 of the token). */
export function bundleKey(tokenHash: string): Buffer {
  return Buffer.from(tokenHash, 'hex');
}

export function bundleMac(bundle: Omit<ChangeBundle, 'mac'>, key: Uint8Array): Buffer {
  return createHmac('sha256', key).update(bundleMacMessage(bundle), 'utf8').digest();
}

/** True when the MAC is the one the key gives; compared in constant time. */
export function macMatches(bundle: Omit<ChangeBundle, 'mac'>, mac: Uint8Array, key: Uint8Array): boolean {
  const expected = bundleMac(bundle, key);
  return mac.byteLength === expected.byteLength && timingSafeEqual(expected, mac);
}

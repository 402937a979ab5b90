/**
 * Checks a latest file's Ed25519 signature with WebCrypto (in Chromium since 137, so in the Electron and
 * browsers SOA Studio supports; tests/e2e/latestFiles.test.ts runs it in Chromium) against the relay key
 * the app learnt when it joined, never against the key the file names.
 */
import { fromBase64 } from 'lib0/buffer';
import { latestSignedMessage, type LatestBundle } from '../../../shared/bundle/latestFile';

export async function signedByRelay(
  bundle: LatestBundle,
  signature: Uint8Array,
  trustedKeyBase64: string,
): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      fromBase64(trustedKeyBase64) as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      signature as Uint8Array<ArrayBuffer>,
      new TextEncoder().encode(latestSignedMessage(bundle)),
    );
  } catch {
    // A browser without Ed25519, or a damaged key: nothing is applied that could not be checked.
    return false;
  }
}

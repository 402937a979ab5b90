/**
 * The app's side of a change file's MAC (shared/bundle/FORMAT.md), with WebCrypto: the key is the 32 raw
 * bytes of SHA-256 of the member's invite token, the MAC HMAC-SHA256 over bundleMacMessage. The token never
 * leaves this computer and is never written into the file.
 */
import { toBase64 } from 'lib0/buffer';
import { bundleMacMessage, type ChangeBundle } from '../../../shared/bundle/changeFile';

const encoder = new TextEncoder();

async function macKey(token: string): Promise<CryptoKey> {
  const hash = await crypto.subtle.digest('SHA-256', encoder.encode(token));
  return crypto.subtle.importKey('raw', hash, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Signs a change file's fields with the member's token: the file as the relay expects it. */
export async function signChangeBundle(fields: Omit<ChangeBundle, 'mac'>, token: string): Promise<ChangeBundle> {
  const key = await macKey(token);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(bundleMacMessage(fields)));
  return { ...fields, mac: toBase64(new Uint8Array(mac)) };
}

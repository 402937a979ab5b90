/**
 * Fingerprints of signed content. When a partner signs off, the fingerprint of its contribution is stored
 * with the sign-off; if the content later differs, the sign-off no longer applies and the partner is shown
 * as back in draft. Computing this (rather than storing a flag) keeps it right under concurrent edits from
 * several officers of the same partner.
 */
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** SHA-256 of the canonical JSON of `value`, as 64 hex characters. */
export function fingerprintOf(value: unknown): string {
  const bytes = digest(encodeUtf8(canonicalJson(value)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

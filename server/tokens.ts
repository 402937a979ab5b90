/**
 * Invite tokens: 256 random bits, URL-safe. Only the SHA-256 hash is stored, so a copy of the database
 * does not let anyone connect; the token itself is shown once, when the member is invited.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

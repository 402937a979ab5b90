/**
 * Validation of everything the page sends over the bridge. The page is treated as untrusted (a compromised
 * renderer can send anything over IPC), so each argument is parsed here and only the parsed, branded
 * result reaches the handlers: an unchecked value cannot get to the file system by accident.
 */
import { z } from 'zod';
import type { DesktopSettings, FileFilter } from '../../shared/bridge/desktopBridge';

/** Largest file the app saves or opens (a .docx with images, a change bundle). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_NAME_LENGTH = 200;
export const MAX_URL_LENGTH = 2048;
export const MAX_TOKEN_LENGTH = 4096;

/** Thrown for any argument that fails validation; the message never echoes the (possibly huge) input. */
export class BridgeArgumentError extends Error {
  override readonly name = 'BridgeArgumentError';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A plain data object as structured clone produces it: prototype Object.prototype or null, no accessor
 * tricks, and no key that could reach a prototype when copied (`__proto__`, `constructor`, `prototype`).
 */
function assertPlainData(value: unknown, where: string, depth = 0): void {
  if (depth > 8) throw new BridgeArgumentError(`${where}: nested too deeply`);
  if (value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) return;
  if (Array.isArray(value)) {
    if (value.length > 10_000) throw new BridgeArgumentError(`${where}: too many items`);
    for (const item of value) assertPlainData(item, where, depth + 1);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new BridgeArgumentError(`${where}: not a plain object`);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key)) {
      throw new BridgeArgumentError(
        `${where}: forbidden key ${typeof key === 'string' ? JSON.stringify(key) : 'symbol'}`,
      );
    }
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor))
      throw new BridgeArgumentError(`${where}: accessor property`);
    assertPlainData(descriptor.value, where, depth + 1);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  assertPlainData(value, where);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new BridgeArgumentError(`${where}: invalid argument${at} (${issue?.message ?? 'unknown problem'})`);
  }
  return result.data;
}

declare const safeFileNameBrand: unique symbol;
/** A single file name (no directory part) that is safe to offer in a save dialog on every OS. */
export type SafeFileName = string & { readonly [safeFileNameBrand]: true };

/**
 * Validates a suggested file name. Anything that looks like a path (separators, `..`, a drive letter, NUL
 * or control characters) is refused: the name comes from the page and must never choose a directory.
 * Characters that are merely invalid on Windows (`<>:"|?*`, as in an SOA title "Highland: 2013-2023") are
 * replaced with "-", and trailing dots and spaces (which Windows drops) are trimmed.
 */
export function parseSuggestedName(value: unknown): SafeFileName {
  if (typeof value !== 'string') throw new BridgeArgumentError('suggestedName: must be a string');
  if (value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new BridgeArgumentError(`suggestedName: must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new BridgeArgumentError('suggestedName: control characters');
  if (/[/\\]/.test(value) || /^[A-Za-z]:/.test(value))
    throw new BridgeArgumentError('suggestedName: must be a file name, not a path');
  const cleaned = value.replace(/[<>:"|?*]/g, '-').replace(/[. ]+$/, '');
  if (cleaned === '' || /^\.+$/.test(cleaned)) throw new BridgeArgumentError('suggestedName: not a usable file name');
  // Reserved device names on Windows (CON, NUL, COM1, …), with or without an extension.
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(cleaned))
    throw new BridgeArgumentError('suggestedName: reserved name');
  return cleaned as SafeFileName;
}

const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/))
    .min(1)
    .max(10),
});

const filtersSchema = z.array(fileFilterSchema).max(10);

export function parseFilters(value: unknown): FileFilter[] {
  return parseWith(filtersSchema, value, 'filters');
}

export interface ValidSaveFileRequest {
  readonly suggestedName: SafeFileName;
  readonly bytes: Uint8Array;
  readonly filters: FileFilter[];
}

const saveRequestShape = z.strictObject({
  suggestedName: z.unknown(),
  bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_FILE_BYTES, {
    message: `larger than ${MAX_FILE_BYTES} bytes`,
  }),
  filters: z.unknown(),
});

export function parseSaveFileRequest(value: unknown): ValidSaveFileRequest {
  const shape = parseWith(saveRequestShape, value, 'saveFile');
  return {
    suggestedName: parseSuggestedName(shape.suggestedName),
    bytes: shape.bytes,
    filters: parseFilters(shape.filters),
  };
}

declare const relayKeyBrand: unique symbol;
/** A relay's identity for the token store: its origin, with ws(s) folded into http(s). */
export type RelayKey = string & { readonly [relayKeyBrand]: true };

/**
 * Parses a relay URL as the page gives it (`https://relay.example.org`, `wss://relay.example.org/sync`) to
 * the key its token is filed under, so the same relay matches whichever form the page uses.
 */
export function parseRelayUrl(value: unknown): RelayKey {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_LENGTH) {
    throw new BridgeArgumentError(`relayUrl: must be a URL of at most ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BridgeArgumentError('relayUrl: not a URL');
  }
  const scheme = { 'https:': 'https:', 'wss:': 'https:', 'http:': 'http:', 'ws:': 'http:' }[url.protocol];
  if (scheme === undefined || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw new BridgeArgumentError('relayUrl: must be an http(s) or ws(s) URL without credentials');
  }
  url.protocol = scheme;
  return url.origin as RelayKey;
}

export function parseToken(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TOKEN_LENGTH) {
    throw new BridgeArgumentError(`token: must be 1 to ${MAX_TOKEN_LENGTH} characters`);
  }
  // Invite tokens are printable ASCII; anything else (spaces, newlines, NUL) is not a token.
  if (!/^[\x21-\x7e]+$/.test(value)) throw new BridgeArgumentError('token: unexpected characters');
  return value;
}

const settingsShape = z.strictObject({
  relayUrl: z
    .string()
    .max(MAX_URL_LENGTH)
    .refine((raw) => {
      try {
        return ['https:', 'http:', 'wss:', 'ws:'].includes(new URL(raw).protocol);
      } catch {
        return false;
      }
    }, 'must be an http(s) or ws(s) URL')
    .optional(),
  lastSoaId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  reduceMotion: z.boolean().optional(),
});

/**
 * A settings patch from the page. A key present with `undefined` clears that setting. Unknown keys and
 * prototype keys are refused rather than dropped, so a mistake in the page is noticed.
 */
export function parseSettingsPatch(value: unknown): DesktopSettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BridgeArgumentError('settings: must be an object');
  }
  return parseWith(settingsShape, value, 'settings');
}

/** The same rules applied to the settings file when it is read back (a file on disk is also untrusted). */
export function parseStoredSettings(value: unknown): DesktopSettings {
  return parseWith(settingsShape, value, 'settings file');
}

/** Checks the number of arguments an IPC call carried, so extra arguments are not silently ignored. */
export function expectArgs(args: readonly unknown[], count: number, channel: string): void {
  if (args.length !== count)
    throw new BridgeArgumentError(`${channel}: expected ${count} argument(s), got ${args.length}`);
}

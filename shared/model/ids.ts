/**
 * Branded ids. Every id is an opaque string; the brand stops an outcome id being passed where a partner id
 * is wanted. Ids are made once, never reused, and are the keys that link rooms together (an outcome id in
 * the frame is the key of a contribution in a partner room).
 */
import * as random from 'lib0/random';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PartnershipId = Brand<string, 'PartnershipId'>;
export type SoaId = Brand<string, 'SoaId'>;
export type PartnerId = Brand<string, 'PartnerId'>;
export type MemberId = Brand<string, 'MemberId'>;
export type OutcomeId = Brand<string, 'OutcomeId'>;
export type IndicatorId = Brand<string, 'IndicatorId'>;
export type CommitmentId = Brand<string, 'CommitmentId'>;
export type PartnerIndicatorLinkId = Brand<string, 'PartnerIndicatorLinkId'>;

/** What an id may look like: short, URL-safe, and safe inside a room name. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** A new random id (122 bits from the platform's secure random source), without dashes. */
export function newId<T extends string>(): T {
  return random.uuidv4().replace(/-/g, '') as T;
}

/** Trusts a string as an id of the given kind after checking its shape. Throws on a malformed id. */
export function asId<T extends string>(value: string): T {
  if (!isWellFormedId(value)) throw new Error(`Not a valid id: ${JSON.stringify(value).slice(0, 80)}`);
  return value as T;
}

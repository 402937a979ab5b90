/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * OAuth-style scopes (`retribusi:ingest`, `gate:read`). A granted scope ending in `:*`
 * covers every scope with that prefix; `*` covers everything.
 */

/** RFC 6749 section 3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isValidScope(scope: string): boolean {
  return scope.length <= 100 && SCOPE_TOKEN.test(scope);
}

/** Space-separated scope string to a de-duplicated list (order kept). */
export function parseScopes(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(' ').filter(Boolean))];
}

export function formatScopes(scopes: readonly string[]): string {
  return scopes.join(' ');
}

export function scopeCovers(granted: string, required: string): boolean {
  if (granted === required || granted === '*') return true;
  return granted.endsWith(':*') && required.startsWith(granted.slice(0, -1));
}

export function hasScope(granted: readonly string[], required: string): boolean {
  return granted.some((scope) => scopeCovers(scope, required));
}

/** Requested scopes that the granted set does not cover. */
export function uncoveredScopes(granted: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((scope) => !hasScope(granted, scope));
}

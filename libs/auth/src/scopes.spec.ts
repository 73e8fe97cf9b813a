import { describe, expect, it } from '@jest/globals';
import { formatScopes, hasScope, isValidScope, parseScopes, scopeCovers, uncoveredScopes } from './scopes.js';

describe('scopes', () => {
  it('parses and formats space-separated scope strings', () => {
    expect(parseScopes('gate:read  gate:write gate:read')).toEqual(['gate:read', 'gate:write']);
    expect(parseScopes(undefined)).toEqual([]);
    expect(formatScopes(['a', 'b'])).toBe('a b');
  });

  it('covers exact scopes, prefix wildcards and the global wildcard', () => {
    expect(scopeCovers('retribusi:ingest', 'retribusi:ingest')).toBe(true);
    expect(scopeCovers('retribusi:*', 'retribusi:ingest')).toBe(true);
    expect(scopeCovers('retribusi:*', 'isp:billing')).toBe(false);
    expect(scopeCovers('*', 'isp:billing')).toBe(true);
    expect(scopeCovers('retribusi:ingest', 'retribusi:ingest:extra')).toBe(false);
    expect(hasScope(['isp:billing'], 'retribusi:ingest')).toBe(false);
    expect(uncoveredScopes(['gate:*'], ['gate:read', 'ticket:read'])).toEqual(['ticket:read']);
  });

  it('validates RFC 6749 scope tokens', () => {
    expect(isValidScope('gate:read')).toBe(true);
    expect(isValidScope('has space')).toBe(false);
    expect(isValidScope('quote"')).toBe(false);
    expect(isValidScope('')).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { checkOneTimeCode, generateNumericCode, hashOneTimeCode } from './one-time-codes.js';

describe('one-time codes', () => {
  it('generates numeric codes of the asked length, leading zeros kept', () => {
    for (let round = 0; round < 200; round += 1) expect(generateNumericCode(6)).toMatch(/^\d{6}$/);
    expect(generateNumericCode(10)).toMatch(/^\d{10}$/);
    expect(() => generateNumericCode(3)).toThrow(RangeError);
  });

  it('binds the digest to the row id', () => {
    expect(hashOneTimeCode('a', '123456')).not.toBe(hashOneTimeCode('b', '123456'));
  });

  const now = new Date('2025-01-01T00:00:00Z');
  const stored = (overrides = {}) => ({
    id: 'code-1',
    codeHash: hashOneTimeCode('code-1', '042917'),
    expiresAt: new Date(now.getTime() + 60_000),
    attempts: 0,
    maxAttempts: 3,
    ...overrides,
  });

  it('accepts the right code once before expiry', () => {
    expect(checkOneTimeCode(stored(), '042917', now)).toEqual({ valid: true });
  });

  it('counts wrong attempts down to the limit', () => {
    expect(checkOneTimeCode(stored(), '000000', now)).toEqual({ valid: false, reason: 'invalid', attemptsRemaining: 2 });
    expect(checkOneTimeCode(stored({ attempts: 2 }), '000000', now)).toEqual({ valid: false, reason: 'attempts_exceeded', attemptsRemaining: 0 });
    expect(checkOneTimeCode(stored({ attempts: 3 }), '042917', now)).toEqual({ valid: false, reason: 'attempts_exceeded', attemptsRemaining: 0 });
  });

  it('refuses an expired code even when it is right', () => {
    expect(checkOneTimeCode(stored({ expiresAt: now }), '042917', now)).toMatchObject({ valid: false, reason: 'expired' });
  });
});

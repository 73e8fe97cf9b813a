import { randomInt } from 'node:crypto';
import { digestSecret } from './secret-formats.js';

export const ONE_TIME_CODE_DIGITS = { min: 4, max: 10, default: 6 } as const;

/** A uniformly random numeric code with leading zeros kept. */
export function generateNumericCode(digits: number = ONE_TIME_CODE_DIGITS.default): string {
  if (!Number.isInteger(digits) || digits < ONE_TIME_CODE_DIGITS.min || digits > ONE_TIME_CODE_DIGITS.max) {
    throw new RangeError(`digits must be from ${ONE_TIME_CODE_DIGITS.min} to ${ONE_TIME_CODE_DIGITS.max}`);
  }
  // randomInt's upper bound must stay below 2^48; 10^10 does.
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

/**
 * Digest of a numeric code, bound to its row id so equal codes of two rows never share a
 * digest. A 6-digit code has little entropy; what protects it is its short life and the
 * attempt limit, not the hash.
 */
export function hashOneTimeCode(codeId: string, code: string): string {
  return digestSecret('one-time-code', `${codeId}:${code}`);
}

export type OneTimeCodeCheck = { valid: true } | { valid: false; reason: 'invalid' | 'expired' | 'attempts_exceeded'; attemptsRemaining: number };

export interface StoredOneTimeCode {
  id: string;
  codeHash: string;
  expiresAt: Date;
  attempts: number;
  maxAttempts: number;
}

/** Checks a presented code against a stored one. The caller stores `attempts + 1` when it is invalid. */
export function checkOneTimeCode(stored: StoredOneTimeCode, presented: string, now: Date): OneTimeCodeCheck {
  if (stored.attempts >= stored.maxAttempts) return { valid: false, reason: 'attempts_exceeded', attemptsRemaining: 0 };
  if (stored.expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired', attemptsRemaining: stored.maxAttempts - stored.attempts };
  if (hashOneTimeCode(stored.id, presented) === stored.codeHash) return { valid: true };
  const attemptsRemaining = stored.maxAttempts - stored.attempts - 1;
  return { valid: false, reason: attemptsRemaining > 0 ? 'invalid' : 'attempts_exceeded', attemptsRemaining };
}

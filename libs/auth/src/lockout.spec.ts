import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LOCKOUT_POLICY, UNLOCKED, lockRemainingSeconds, mergeLockoutPolicy, recordFailedAttempt, type LockoutState } from './lockout.js';

const policy = { maxAttempts: 3, windowSeconds: 60, lockSeconds: 300 };
const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

function fail(state: LockoutState, seconds: number) {
  return recordFailedAttempt(state, policy, at(seconds));
}

describe('lockout', () => {
  it('locks on the failure that reaches maxAttempts within the window', () => {
    const first = fail(UNLOCKED, 0);
    const second = fail(first, 10);
    expect(second).toMatchObject({ failedAttempts: 2, lockedNow: false });
    const third = fail(second, 20);
    expect(third).toMatchObject({ failedAttempts: 0, lockedNow: true, lockedUntil: at(320) });
    expect(lockRemainingSeconds(third, at(20))).toBe(300);
  });

  it('forgets failures older than the window', () => {
    const second = fail(fail(UNLOCKED, 0), 10);
    expect(fail(second, 71)).toMatchObject({ failedAttempts: 1, lockedNow: false });
    expect(fail(second, 70)).toMatchObject({ lockedNow: true });
  });

  it('rounds the remaining lock time up and reaches zero when the lock ends', () => {
    const state = { lockedUntil: new Date(at(100).getTime() + 500) };
    expect(lockRemainingSeconds(state, at(99))).toBe(2);
    expect(lockRemainingSeconds(state, at(100))).toBe(1);
    expect(lockRemainingSeconds(state, at(101))).toBe(0);
    expect(lockRemainingSeconds(UNLOCKED, at(0))).toBe(0);
  });

  it('gives a fresh count after a lock', () => {
    const locked = fail(fail(fail(UNLOCKED, 0), 1), 2);
    expect(fail(locked, 400)).toMatchObject({ failedAttempts: 1, lockedNow: false });
  });

  it('validates policy changes', () => {
    expect(mergeLockoutPolicy(DEFAULT_LOCKOUT_POLICY, { maxAttempts: 10 })).toEqual({ ...DEFAULT_LOCKOUT_POLICY, maxAttempts: 10 });
    expect(() => mergeLockoutPolicy(DEFAULT_LOCKOUT_POLICY, { lockSeconds: 0 })).toThrow(RangeError);
  });
});

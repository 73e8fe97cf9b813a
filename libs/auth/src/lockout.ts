import type { LockoutPolicy } from '@gerbang/contracts';

/** OWASP-style defaults: 5 failures within 15 minutes lock the account for 15 minutes. */
export const DEFAULT_LOCKOUT_POLICY: Readonly<LockoutPolicy> = Object.freeze({ maxAttempts: 5, windowSeconds: 900, lockSeconds: 900 });

export interface LockoutState {
  failedAttempts: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
}

export const UNLOCKED: Readonly<LockoutState> = Object.freeze({ failedAttempts: 0, lastFailedAt: null, lockedUntil: null });

/** Whole seconds until the lock ends (rounded up, so a client never retries too early); 0 when not locked. */
export function lockRemainingSeconds(state: Pick<LockoutState, 'lockedUntil'>, now: Date): number {
  if (!state.lockedUntil) return 0;
  const remaining = state.lockedUntil.getTime() - now.getTime();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

/**
 * The state after one more failed login. Failures older than the window are forgotten; the
 * failure that reaches maxAttempts locks the account and starts a fresh count for after the lock.
 */
export function recordFailedAttempt(state: LockoutState, policy: LockoutPolicy, now: Date): LockoutState & { lockedNow: boolean } {
  const withinWindow = state.lastFailedAt !== null && now.getTime() - state.lastFailedAt.getTime() <= policy.windowSeconds * 1000;
  const failedAttempts = (withinWindow ? state.failedAttempts : 0) + 1;
  if (failedAttempts >= policy.maxAttempts) {
    return { failedAttempts: 0, lastFailedAt: now, lockedUntil: new Date(now.getTime() + policy.lockSeconds * 1000), lockedNow: true };
  }
  return { failedAttempts, lastFailedAt: now, lockedUntil: state.lockedUntil, lockedNow: false };
}

export function mergeLockoutPolicy(base: LockoutPolicy, changes: Partial<LockoutPolicy> = {}): LockoutPolicy {
  const merged = { ...base, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) } as LockoutPolicy;
  const check = (name: keyof LockoutPolicy, min: number, max: number) => {
    if (!Number.isInteger(merged[name]) || merged[name] < min || merged[name] > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  };
  check('maxAttempts', 1, 100);
  check('windowSeconds', 1, 86_400);
  check('lockSeconds', 1, 86_400);
  return merged;
}

import { describe, expect, it } from '@jest/globals';
import { CLOCK_SKEW_SECONDS, isPublished, keyStatus, needsScheduledRotation, planRotation, signingKeyAt, type KeyWindow } from './key-lifecycle.js';

const t = (seconds: number) => new Date(Date.UTC(2025, 5, 1) + seconds * 1000);
const key = (kid: string, activatesAt: number, retiredAt: number | null = null, publishUntil: number | null = null): KeyWindow => ({
  kid,
  activatesAt: t(activatesAt),
  retiredAt: retiredAt === null ? null : t(retiredAt),
  publishUntil: publishUntil === null ? null : t(publishUntil),
});

describe('signing key lifecycle', () => {
  const old = key('old', 0, 100, 100 + 3600 + CLOCK_SKEW_SECONDS);
  const next = key('next', 100);

  it('keeps signing with the old key until the new one activates', () => {
    expect(signingKeyAt([old, next], t(50))?.kid).toBe('old');
    expect(keyStatus(next, t(50))).toBe('pending');
    expect(signingKeyAt([old, next], t(100))?.kid).toBe('next');
    expect(keyStatus(old, t(100))).toBe('retired');
  });

  it('publishes the pending key at once and the retired one until its tokens expired', () => {
    expect(isPublished(next, t(0))).toBe(true);
    expect(isPublished(old, t(3700))).toBe(true);
    expect(isPublished(old, t(100 + 3600 + CLOCK_SKEW_SECONDS))).toBe(false);
  });

  it('plans the retirement from the longest token lifetime', () => {
    const plan = planRotation(t(0), 10, 3600);
    expect(plan.activatesAt).toEqual(t(10));
    expect(plan.publishRetiredUntil).toEqual(t(10 + 3600 + CLOCK_SKEW_SECONDS));
  });

  it('has no signing key before any activates', () => {
    expect(signingKeyAt([next], t(0))).toBeNull();
  });

  it('rotates on schedule only when the signing key is old enough and none is pending', () => {
    const day = 86_400;
    expect(needsScheduledRotation(key('a', 0), false, 90, t(90 * day))).toBe(true);
    expect(needsScheduledRotation(key('a', 0), false, 90, t(89 * day))).toBe(false);
    expect(needsScheduledRotation(key('a', 0), true, 90, t(90 * day))).toBe(false);
    expect(needsScheduledRotation(key('a', 0), false, 0, t(900 * day))).toBe(false);
  });
});

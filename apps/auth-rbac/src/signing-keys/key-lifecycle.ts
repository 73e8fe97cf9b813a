import { addSeconds } from '../common/time.js';

/** Extra time a retired public key stays published, for clocks that run a little behind. */
export const CLOCK_SKEW_SECONDS = 60;

export interface KeyWindow {
  kid: string;
  activatesAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
}

export type KeyStatus = 'pending' | 'active' | 'retired';

export function keyStatus(key: KeyWindow, now: Date): KeyStatus {
  if (key.activatesAt.getTime() > now.getTime()) return 'pending';
  if (key.retiredAt && key.retiredAt.getTime() <= now.getTime()) return 'retired';
  return 'active';
}

/** The key that signs at `now`: the most recently activated key that is not retired. */
export function signingKeyAt<T extends KeyWindow>(keys: readonly T[], now: Date): T | null {
  const active = keys.filter((key) => keyStatus(key, now) === 'active');
  active.sort((left, right) => right.activatesAt.getTime() - left.activatesAt.getTime());
  return active[0] ?? null;
}

/** A public key is published from creation (pending keys included) until publishUntil. */
export function isPublished(key: KeyWindow, now: Date): boolean {
  return key.publishUntil === null || key.publishUntil.getTime() > now.getTime();
}

export interface RotationPlan {
  /** When the new key starts signing and the current ones stop. */
  activatesAt: Date;
  /** Until when the replaced keys stay in the JWKS: the longest token they may have signed, plus skew. */
  publishRetiredUntil: Date;
}

export function planRotation(now: Date, activationDelaySeconds: number, longestTokenSeconds: number): RotationPlan {
  const activatesAt = addSeconds(now, activationDelaySeconds);
  return { activatesAt, publishRetiredUntil: addSeconds(activatesAt, longestTokenSeconds + CLOCK_SKEW_SECONDS) };
}

/** Whether the key that signs now is older than the configured maximum age (0 = never). */
export function needsScheduledRotation(signing: KeyWindow | null, pending: boolean, maxAgeDays: number, now: Date): boolean {
  if (!signing || pending || maxAgeDays <= 0) return false;
  return now.getTime() - signing.activatesAt.getTime() >= maxAgeDays * 86_400_000;
}

/** What the stored state of a presented refresh token says to do. */
export type RefreshDecision =
  | { action: 'rotate' }
  /** Presented a second time: someone holds a copy; the whole family must end. */
  | { action: 'reuse' }
  | { action: 'reject'; reason: 'expired' | 'revoked' };

export interface StoredRefreshToken {
  usedAt: Date | null;
  expiresAt: Date;
  sessionRevokedAt: Date | null;
}

/**
 * Refresh tokens rotate on every use. A revoked family refuses quietly (it was already
 * ended); a token used before signals theft, even after expiry, since only a copy can be
 * presented twice.
 */
export function decideRefresh(token: StoredRefreshToken, now: Date): RefreshDecision {
  if (token.sessionRevokedAt) return { action: 'reject', reason: 'revoked' };
  if (token.usedAt) return { action: 'reuse' };
  if (token.expiresAt.getTime() <= now.getTime()) return { action: 'reject', reason: 'expired' };
  return { action: 'rotate' };
}

import { describe, expect, it } from '@jest/globals';
import { decideRefresh } from './refresh-rules.js';

const now = new Date('2025-06-18T10:00:00Z');
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe('refresh token rules', () => {
  it('rotates an unused, unexpired token of a live family', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: later, sessionRevokedAt: null }, now)).toEqual({ action: 'rotate' });
  });

  it('treats a second use as reuse, even after expiry', () => {
    expect(decideRefresh({ usedAt: earlier, expiresAt: later, sessionRevokedAt: null }, now)).toEqual({ action: 'reuse' });
    expect(decideRefresh({ usedAt: earlier, expiresAt: earlier, sessionRevokedAt: null }, now)).toEqual({ action: 'reuse' });
  });

  it('refuses an expired token', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: now, sessionRevokedAt: null }, now)).toEqual({ action: 'reject', reason: 'expired' });
  });

  it('refuses every token of a revoked family without revoking again', () => {
    expect(decideRefresh({ usedAt: earlier, expiresAt: later, sessionRevokedAt: earlier }, now)).toEqual({ action: 'reject', reason: 'revoked' });
    expect(decideRefresh({ usedAt: null, expiresAt: later, sessionRevokedAt: earlier }, now)).toEqual({ action: 'reject', reason: 'revoked' });
  });
});

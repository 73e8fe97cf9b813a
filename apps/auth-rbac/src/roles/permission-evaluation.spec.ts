import { describe, expect, it } from '@jest/globals';
import { evaluatePermission, isAssignmentValid, type AssignmentGrant } from './permission-evaluation.js';

const now = new Date('2025-06-18T10:00:00Z');
const offset = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const grant = (role: string, startsAt: number, endsAt: number | null, grants = true): AssignmentGrant => ({
  role,
  startsAt: offset(startsAt),
  endsAt: endsAt === null ? null : offset(endsAt),
  grants,
});

describe('permission evaluation', () => {
  it('allows through a permanent assignment and caches for the maximum', () => {
    expect(evaluatePermission([grant('admin', -100, null)], 'admin', now, 5)).toEqual({ allowed: true, cacheSeconds: 5 });
  });

  it('never lets the cache outlive a temporary assignment', () => {
    expect(evaluatePermission([grant('finance', -100, 2.5)], 'finance', now, 5)).toEqual({ allowed: true, cacheSeconds: 2 });
    expect(evaluatePermission([grant('finance', -100, 0.4)], 'finance', now, 5)).toEqual({ allowed: true, cacheSeconds: 0 });
  });

  it('stops granting at the end of the assignment', () => {
    expect(evaluatePermission([grant('finance', -100, 0)], 'finance', now, 5)).toEqual({ allowed: false, cacheSeconds: 5 });
    expect(isAssignmentValid(grant('finance', -100, 0), now)).toBe(false);
  });

  it('denies until a future assignment starts, caching no longer than that', () => {
    expect(evaluatePermission([grant('finance', 3, 100)], 'finance', now, 5)).toEqual({ allowed: false, cacheSeconds: 3 });
  });

  it('only counts the active role when the token names one', () => {
    const assignments = [grant('viewer', -100, null, false), grant('operator', -100, null, true)];
    expect(evaluatePermission(assignments, 'viewer', now, 5).allowed).toBe(false);
    expect(evaluatePermission(assignments, 'operator', now, 5).allowed).toBe(true);
    expect(evaluatePermission(assignments, null, now, 5).allowed).toBe(true);
  });

  it('uses the latest end when several temporary assignments allow', () => {
    expect(evaluatePermission([grant('a', -1, 2), grant('b', -1, 4)], null, now, 10)).toEqual({ allowed: true, cacheSeconds: 4 });
  });
});

import type { PermissionCheckReply } from '@gerbang/contracts';

/** One role assignment of the user, and whether that role grants the permission asked about. */
export interface AssignmentGrant {
  role: string;
  startsAt: Date;
  endsAt: Date | null;
  grants: boolean;
}

export function isAssignmentValid(assignment: Pick<AssignmentGrant, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return assignment.startsAt.getTime() <= now.getTime() && (assignment.endsAt === null || assignment.endsAt.getTime() > now.getTime());
}

/**
 * Allowed when an assignment valid now (of the active role, when the token names one)
 * grants the permission. The answer may be cached until it could change: never past the end
 * of the assignment that allows it, nor past the start of one that would.
 */
export function evaluatePermission(
  assignments: readonly AssignmentGrant[],
  activeRole: string | null,
  now: Date,
  maxCacheSeconds: number,
): PermissionCheckReply {
  const relevant = assignments.filter((assignment) => assignment.grants && (activeRole === null || assignment.role === activeRole));
  const current = relevant.filter((assignment) => isAssignmentValid(assignment, now));
  const secondsUntil = (moment: Date) => Math.max(0, Math.floor((moment.getTime() - now.getTime()) / 1000));
  if (current.length > 0) {
    const permanent = current.some((assignment) => assignment.endsAt === null);
    if (permanent) return { allowed: true, cacheSeconds: maxCacheSeconds };
    const lastEnd = Math.max(...current.map((assignment) => (assignment.endsAt as Date).getTime()));
    return { allowed: true, cacheSeconds: Math.min(maxCacheSeconds, secondsUntil(new Date(lastEnd))) };
  }
  const upcoming = relevant.filter((assignment) => assignment.startsAt.getTime() > now.getTime()).map((assignment) => assignment.startsAt.getTime());
  if (upcoming.length === 0) return { allowed: false, cacheSeconds: maxCacheSeconds };
  return { allowed: false, cacheSeconds: Math.min(maxCacheSeconds, secondsUntil(new Date(Math.min(...upcoming)))) };
}

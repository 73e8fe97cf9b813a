import { CRM_COMPANY_GROUPS } from '@gerbang/contracts';

/** The group a stored user or role belongs to: none recorded means the realm's own staff. */
export const groupOf = (stored: string | null): string => stored ?? 'internal';

/**
 * A group as clients send it: case-insensitive, and `bbn` (the document's example group of
 * BBN's own staff, not in its enum) read as `internal`. Anything else is left to validation.
 */
export function normalizeGroup(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  return lowered === 'bbn' ? 'internal' : lowered;
}

/** The group object of the role list (`{id, name, isInternal}`). */
export function groupView(group: string): { id: string; name: string; isInternal: boolean } {
  return { id: group, name: CRM_COMPANY_GROUPS[group as keyof typeof CRM_COMPANY_GROUPS] ?? group, isInternal: group === 'internal' };
}

import { CRM_COMPANY_GROUPS, CRM_GROUP_NAMES, crmQueryValue, type CrmQuery } from '@gerbang/contracts';
import { invalidField } from './crm-errors.js';

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

/** The `group` filter of a list, validated like a body's group. */
export function groupFilter(query: CrmQuery): string | undefined {
  const raw = crmQueryValue(query, 'group');
  if (raw === undefined) return undefined;
  const group = normalizeGroup(raw) as string;
  if (!CRM_GROUP_NAMES.includes(group)) throw invalidField('group', `group harus salah satu dari: ${CRM_GROUP_NAMES.join(', ')}`, 'oneof', raw);
  return group;
}

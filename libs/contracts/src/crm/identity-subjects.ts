/**
 * auth-rbac subjects of the crm realm's users, roles, privileges and profiles (request-reply:
 * the gateway's ServiceRequest in, a ServiceReply out), and the partner lookup crm-masterdata
 * answers for auth-rbac. A published subject is never renamed without a migration plan: old
 * and new names are served side by side until every caller has moved.
 */
export const CRM_IDENTITY_SUBJECTS = {
  usersList: 'crm.users.list.v1',
  usersGet: 'crm.users.get.v1',
  usersCreate: 'crm.users.create.v1',
  usersUpdate: 'crm.users.update.v1',
  usersAssignRole: 'crm.users.assign-role.v1',
  usersSetStatus: 'crm.users.set-status.v1',

  rolesList: 'crm.roles.list.v1',
  rolesGet: 'crm.roles.get.v1',
  rolesCreate: 'crm.roles.create.v1',
  rolesUpdate: 'crm.roles.update.v1',
  rolesDelete: 'crm.roles.delete.v1',

  privilegesList: 'crm.privileges.list.v1',
  privilegesGet: 'crm.privileges.get.v1',

  profileGet: 'crm.profiles.me.v1',
  profileUpdate: 'crm.profiles.update.v1',
  profileSwitchRole: 'crm.profiles.switch-role.v1',
  profileChangePassword: 'crm.profiles.change-password.v1',

  /** Answered by crm-masterdata: CrmPartnerLookupRequest -> CrmPartnerLookupReply. */
  partnersLookup: 'crm.partners.lookup.v1',
  /** Answered by auth-rbac (service to service): {partnerId} -> {users}, how many crm users belong to a partner. */
  usersCountByPartner: 'crm.users.count-by-partner.v1',
} as const;

/** Resources of the crm catalog guarding the identity endpoints (`<resource>:<privilege>`). */
export const CRM_IDENTITY_RESOURCES = { users: 'users', roleAccess: 'role-access' } as const;

/** The document's business rule: every new user gets this password and must change it at first login. */
export const CRM_DEFAULT_USER_PASSWORD = 'BBN2025';

/** One partner by id, or several by ids (for lists), so auth-rbac can check a user's partner and show its name. */
export type CrmPartnerLookupRequest = { id: string } | { ids: string[] };

/** A partner as auth-rbac needs it. Partners have no deactivation yet, so `active` is true for every stored one. */
export interface CrmPartnerSummary {
  id: string;
  group: string;
  name: string;
  active: boolean;
}

/** `{id}` answers the partner or null; `{ids}` answers the partners found, in no particular order. */
export type CrmPartnerLookupReply = CrmPartnerSummary | null | CrmPartnerSummary[];

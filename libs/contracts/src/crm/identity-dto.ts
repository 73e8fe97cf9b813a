import { CRM_COMPANY_GROUPS } from './enums.js';
import { CrmBoolean, CrmEmail, CrmMatches, CrmOneOf, CrmRequired, CrmText } from './validation-rules.js';

/*
 * Bodies of the crm identity endpoints (spec/crm-batubara-niaga-api.md "Pengguna", "Role
 * Management", "Profile Management"), validated by auth-rbac. Snake_case spellings are mapped
 * to these camelCase fields before validation (CRM_IDENTITY_ALIASES).
 */

export const CRM_GROUP_NAMES = Object.keys(CRM_COMPANY_GROUPS);
export const CRM_PHONE = /^\+?[0-9]{6,20}$/;
export const CRM_ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

const phoneMessage = (name: string) => `${name} harus berupa 6 sampai 20 digit angka (boleh diawali +)`;

/** Other spellings of each field the document (or its clients) use. */
export const CRM_IDENTITY_ALIASES = {
  partnerId: ['partner_id'],
  roleId: ['role_id'],
  formalName: ['formal_name'],
  startDate: ['start_date'],
  validUntil: ['valid_until'],
  currentPassword: ['current_password', 'oldPassword', 'old_password'],
  newPassword: ['new_password'],
  passwordConfirm: ['password_confirm', 'confirmPassword', 'confirm_password', 'passwordConfirmation'],
} as const;

/** POST /v1/auth/users and PUT /v1/auth/users/{id}. */
export class CrmUserBody {
  @CrmRequired()
  @CrmText(200)
  name!: string;

  @CrmRequired()
  @CrmText(254)
  @CrmEmail()
  email!: string;

  @CrmText(30)
  @CrmMatches(CRM_PHONE, phoneMessage)
  phone?: string | null;

  @CrmRequired()
  @CrmOneOf(CRM_GROUP_NAMES)
  group!: string;

  /** Mandatory unless the group is internal; checked by the service against crm-masterdata. */
  @CrmText(64)
  partnerId?: string | null;

  @CrmRequired()
  @CrmText(20)
  roleId!: string;
}

/** PATCH /v1/users/{id}/roles: the role by name (within the user's group) or id, and its validity. */
export class CrmAssignRoleBody {
  @CrmText(80)
  name?: string;

  @CrmText(20)
  roleId?: string;

  @CrmText(40)
  startDate?: string | null;

  @CrmText(40)
  validUntil?: string | null;
}

/** POST /v1/users/{id}/status. */
export class CrmUserStatusBody {
  @CrmRequired()
  @CrmBoolean()
  active!: boolean;
}

/** POST /api/v1/auth/roles and PUT /v1/auth/roles[/{id}]; permissions are checked against the catalog by the service. */
export class CrmRoleBody {
  @CrmText(20)
  id?: string;

  @CrmRequired()
  @CrmText(80)
  @CrmMatches(CRM_ROLE_NAME, (name) => `${name} hanya boleh berisi huruf, angka, titik, garis bawah dan tanda - (maksimal 80 karakter)`)
  name!: string;

  @CrmRequired()
  @CrmOneOf(CRM_GROUP_NAMES)
  group!: string;

  @CrmText(200)
  formalName?: string | null;

  @CrmText(64)
  partnerId?: string | null;
}

/** PUT /v1/profiles/me. */
export class CrmProfileBody {
  @CrmRequired()
  @CrmText(200)
  name!: string;

  @CrmText(30)
  @CrmMatches(CRM_PHONE, phoneMessage)
  phone?: string | null;
}

/** PUT /api/v1/profiles/me/roles. */
export class CrmSwitchRoleBody {
  @CrmRequired()
  @CrmText(20)
  roleId!: string;
}

/** POST /v1/profiles/me/credentials. */
export class CrmChangePasswordBody {
  @CrmRequired()
  @CrmText(1024)
  currentPassword!: string;

  @CrmRequired()
  @CrmText(1024)
  newPassword!: string;

  @CrmRequired()
  @CrmText(1024)
  passwordConfirm!: string;
}

/**
 * Payloads of auth-rbac's service API (one-time codes, link tokens, password reset) and of
 * its management subjects (operator CLI). Times are ISO 8601 strings unless named `...At`
 * with a number, which are Unix seconds.
 */

/** Password rules of one realm, stored with the realm and enforced on every new password. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireDigit: boolean;
  requireSymbol: boolean;
  /** Refuse a password equal to the username or e-mail (case-insensitive). */
  forbidIdentifier: boolean;
}

/** Consecutive failed logins allowed within `windowSeconds` before a lock of `lockSeconds`. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** Who runs a management command, for the audit trail (e.g. `cli:alice`). */
export interface AdminRequest {
  actor?: string;
}

// ---- API keys ----

export interface CreateApiKeyRequest extends AdminRequest {
  realm: string;
  name: string;
  scopes: string[];
  /** IP addresses or CIDR ranges; empty or absent: any address. */
  allowedIps?: string[];
  expiresAt?: string | null;
}

export interface ApiKeySummary {
  keyId: string;
  realm: string;
  name: string;
  scopes: string[];
  allowedIps: string[];
  active: boolean;
  /** Set for keys seeded from the environment (RETRIBUSI_API_KEY, ISP_API_KEY). */
  seedSource: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The only answer that carries the key itself; it is stored hashed and never shown again. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string;
}

export interface ListApiKeysRequest {
  realm: string;
  includeRevoked?: boolean;
}

export interface RevokeApiKeyRequest extends AdminRequest {
  realm: string;
  keyId: string;
}

// ---- OAuth clients ----

export interface CreateOAuthClientRequest extends AdminRequest {
  realm: string;
  name: string;
  scopes: string[];
}

export interface OAuthClientSummary {
  clientId: string;
  realm: string;
  name: string;
  scopes: string[];
  grantTypes: string[];
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The only answer that carries the client secret. */
export interface CreatedOAuthClient extends OAuthClientSummary {
  clientSecret: string;
}

export interface ListOAuthClientsRequest {
  realm: string;
  includeRevoked?: boolean;
}

export interface RevokeOAuthClientRequest extends AdminRequest {
  realm: string;
  clientId: string;
}

// ---- Users and roles ----

export interface CreateUserRequest extends AdminRequest {
  realm: string;
  /** Defaults to the e-mail when absent. */
  username?: string;
  email?: string;
  displayName?: string;
  /** Absent: a random password is generated, returned once, and must be changed at first login. */
  password?: string;
  role: string;
  active?: boolean;
  passwordChangeRequired?: boolean;
}

export interface RoleAssignmentSummary {
  id: number;
  role: string;
  startsAt: string;
  endsAt: string | null;
  temporary: boolean;
}

export interface UserSummary {
  id: number;
  realm: string;
  username: string;
  email: string | null;
  displayName: string | null;
  active: boolean;
  passwordChangeRequired: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  roles: RoleAssignmentSummary[];
}

export interface CreatedUser extends UserSummary {
  /** Present only when the service generated the password. */
  generatedPassword?: string;
}

export interface ListUsersRequest {
  realm: string;
}

/** `user` is a numeric id, a username or an e-mail. */
export interface SetUserActiveRequest extends AdminRequest {
  realm: string;
  user: string;
  active: boolean;
}

export interface UpsertRoleRequest extends AdminRequest {
  realm: string;
  name: string;
  formalName?: string;
  /** `resource:privilege` pairs; replaces the role's current set. */
  permissions?: string[];
  /** Grants every privilege of the realm (administrators). */
  allPrivileges?: boolean;
  /** Higher wins when choosing a user's active role at login. */
  priority?: number;
}

export interface RoleSummary {
  realm: string;
  name: string;
  formalName: string | null;
  allPrivileges: boolean;
  priority: number;
  permissions: string[];
}

export interface ListRolesRequest {
  realm: string;
}

export interface DefineResourceRequest extends AdminRequest {
  realm: string;
  name: string;
  group?: string;
  description?: string;
  privileges: string[];
}

export interface ResourceSummary {
  realm: string;
  name: string;
  group: string | null;
  description: string | null;
  privileges: string[];
}

export interface AssignRoleRequest extends AdminRequest {
  realm: string;
  user: string;
  role: string;
  /** Default: now. */
  startsAt?: string;
  /** Absent or null: permanent. */
  endsAt?: string | null;
}

export interface UnassignRoleRequest extends AdminRequest {
  realm: string;
  user: string;
  role: string;
}

// ---- Signing keys, realm policy, audit ----

export interface SigningKeySummary {
  kid: string;
  algorithm: string;
  status: 'pending' | 'active' | 'retired';
  createdAt: string;
  activatesAt: string;
  retiredAt: string | null;
  /** The public key leaves the JWKS after this time (every token it signed has expired). */
  publishUntil: string | null;
  encrypted: boolean;
}

export type RotateSigningKeyRequest = AdminRequest;

export interface RotateSigningKeyReply {
  kid: string;
  activatesAt: string;
  keys: SigningKeySummary[];
}

export interface RealmPolicyRequest {
  realm: string;
}

export interface SetRealmPolicyRequest extends AdminRequest {
  realm: string;
  passwordPolicy?: Partial<PasswordPolicy>;
  lockoutPolicy?: Partial<LockoutPolicy>;
}

export interface RealmPolicyReply {
  realm: string;
  passwordPolicy: PasswordPolicy;
  lockoutPolicy: LockoutPolicy;
}

export interface ListAuditEventsRequest {
  realm?: string;
  type?: string;
  limit?: number;
}

export interface AuditEventSummary {
  id: number;
  occurredAt: string;
  realm: string | null;
  type: string;
  outcome: 'success' | 'failure';
  actor: string | null;
  subject: string | null;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

// ---- Service API: one-time codes, link tokens, password reset ----

export interface IssueOneTimeCodeRequest {
  realm: string;
  /** What the code proves, e.g. `login`, `phone_verification`. */
  purpose: string;
  /** Whom the code was sent to: a user id, phone number or e-mail. */
  recipient: string;
  ttlSeconds?: number;
  maxAttempts?: number;
  digits?: number;
}

/** The caller delivers `code` (notification service); it is stored hashed. */
export interface IssuedOneTimeCode {
  codeId: string;
  code: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface VerifyOneTimeCodeRequest {
  realm: string;
  purpose: string;
  recipient: string;
  code: string;
}

export interface OneTimeCodeVerification {
  valid: boolean;
  reason?: 'invalid' | 'expired' | 'attempts_exceeded' | 'not_found';
  attemptsRemaining?: number;
}

export interface IssueLinkTokenRequest {
  realm: string;
  /** `password_reset`, `email_verification` or a product's own purpose. */
  purpose: string;
  userId: string;
  ttlSeconds?: number;
}

export interface IssuedLinkToken {
  token: string;
  expiresAt: number;
}

export interface ConsumeLinkTokenRequest {
  realm: string;
  purpose: string;
  token: string;
}

export interface LinkTokenConsumption {
  valid: boolean;
  userId?: string;
  reason?: 'invalid' | 'expired' | 'used';
}

export interface ResetPasswordRequest {
  realm: string;
  token: string;
  newPassword: string;
}

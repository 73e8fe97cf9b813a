/**
 * auth-rbac subjects. Request-reply unless marked as an event. A published subject is
 * never renamed without a migration plan.
 */
export const AUTH_SUBJECTS = {
  login: 'auth.session.login.v1',
  refresh: 'auth.session.refresh.v1',
  logout: 'auth.session.logout.v1',
  jwks: 'auth.keys.jwks.v1',
  /** Event (core NATS, fan-out to every gateway replica): the JWKS changed. */
  jwksChanged: 'auth.keys.changed.v1',
  revocations: 'auth.session.revocations.v1',
  /** Event (core NATS, fan-out): a token id was revoked. */
  tokenRevoked: 'auth.session.revoked.v1',
  verifyApiKey: 'auth.api-key.verify.v1',
  clientToken: 'auth.oauth.token.v1',
  checkPermission: 'auth.permission.check.v1',
  /** Answers with the caller's principal: a credential check for users, keys and clients. */
  whoami: 'auth.principal.whoami.v1',

  // User-facing operations: they receive the gateway's ServiceRequest (realm in `x-realm`,
  // caller in `x-principal`) and answer a ServiceReply.
  /** The logged-in user (GET /auth/v1/me in retribusi). */
  me: 'auth.user.me.v1',
  /** Body {current_password, new_password} (camelCase accepted); clears `pcr`. */
  changePassword: 'auth.user.password.change.v1',

  // Service API for product services (plain payloads below, no ServiceRequest).
  /** ResetPasswordRequest: a password_reset link token plus the new password. */
  resetPassword: 'auth.user.password.reset.v1',
  issueOneTimeCode: 'auth.one-time-code.issue.v1',
  verifyOneTimeCode: 'auth.one-time-code.verify.v1',
  issueLinkToken: 'auth.link-token.issue.v1',
  consumeLinkToken: 'auth.link-token.consume.v1',

  // Management (operator CLI). Never routed by the gateway; all under `auth.admin.>` so one
  // NATS permission rule can reserve them for operators.
  adminCreateApiKey: 'auth.admin.api-key.create.v1',
  adminListApiKeys: 'auth.admin.api-key.list.v1',
  adminRevokeApiKey: 'auth.admin.api-key.revoke.v1',
  adminCreateClient: 'auth.admin.oauth-client.create.v1',
  adminListClients: 'auth.admin.oauth-client.list.v1',
  adminRevokeClient: 'auth.admin.oauth-client.revoke.v1',
  adminCreateUser: 'auth.admin.user.create.v1',
  adminListUsers: 'auth.admin.user.list.v1',
  adminSetUserActive: 'auth.admin.user.set-active.v1',
  adminUpsertRole: 'auth.admin.role.upsert.v1',
  adminListRoles: 'auth.admin.role.list.v1',
  adminAssignRole: 'auth.admin.role.assign.v1',
  adminUnassignRole: 'auth.admin.role.unassign.v1',
  adminDefineResource: 'auth.admin.resource.define.v1',
  adminRotateSigningKey: 'auth.admin.signing-key.rotate.v1',
  adminListSigningKeys: 'auth.admin.signing-key.list.v1',
  adminGetRealmPolicy: 'auth.admin.realm.policy.get.v1',
  adminSetRealmPolicy: 'auth.admin.realm.policy.set.v1',
  adminListAuditEvents: 'auth.admin.audit.list.v1',
} as const;

/*
 * Events (`jwksChanged`, `tokenRevoked`) are published on core NATS as plain JSON of their
 * payload type (JwksReply, RevokedToken), without Nest's {pattern, data} envelope; Nest
 * consumers accept that form too.
 */

export interface LoginRequest {
  realm: string;
  /** Username or e-mail, as the realm's document names it. */
  identifier: string;
  password: string;
}

export interface TokenPair {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  tokenType: 'Bearer';
}

export interface LoginReply extends TokenPair {
  user: { id: string; username: string; email: string | null; role: string | null; roles: string[] };
}

export interface RefreshRequest {
  realm: string;
  refreshToken: string;
}

export interface LogoutRequest {
  tokenId: string;
  expiresAt: number;
  refreshToken?: string;
}

export interface RevokedToken {
  tokenId: string;
  /** Unix seconds after which the token would have expired anyway. */
  expiresAt: number;
}

export interface VerifyApiKeyRequest {
  realm: string;
  key: string;
  scope: string;
  clientIp: string;
}

export interface ClientTokenRequest {
  realm: string;
  grantType: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scope: string | undefined;
  /** How the client authenticated, to answer 401 with WWW-Authenticate for Basic. */
  authMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
}

export interface PermissionCheckRequest {
  realm: string;
  subject: string;
  role: string | null;
  permission: string;
}

export interface PermissionCheckReply {
  allowed: boolean;
  /** Seconds the gateway may cache this answer. */
  cacheSeconds: number;
}

export interface JwksReply {
  keys: Array<Record<string, unknown>>;
}

export interface RevocationsReply {
  revoked: RevokedToken[];
}

/** JWT claims Gerbang issues. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  realm: string;
  /** Principal kind: a user session or an OAuth client. */
  typ: 'user' | 'client';
  username?: string;
  roles?: string[];
  role?: string | null;
  scope?: string;
  /** Password change required (default password not yet replaced). */
  pcr?: boolean;
  jti: string;
  iat: number;
  exp: number;
}

export * from './management.js';

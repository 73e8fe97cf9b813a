import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessTokenClaims, LoginRequest, RefreshRequest, RevokedToken, UserPrincipal } from '@gerbang/contracts';
import { digestSecret, generateRefreshToken, lockRemainingSeconds } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { addSeconds, unixSeconds } from '../common/time.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { RealmsService } from '../realms/realms.service.js';
import { RolesService } from '../roles/roles.service.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import { PasswordService } from '../users/password.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { IssuedSession } from './issued-session.js';
import { decideRefresh } from './refresh-rules.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RevocationService } from './revocation.service.js';
import { SessionEntity } from './session.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INVALID_CREDENTIALS = 'Invalid credentials';
const INVALID_REFRESH = 'Invalid or expired refresh token';

type RefreshOutcome =
  | { kind: 'ok'; session: IssuedSession }
  | { kind: 'invalid' }
  | { kind: 'reuse'; revoked: RevokedToken[]; userId: string; realm: string }
  | { kind: 'inactive'; revoked: RevokedToken[] };

/** Login, token issue, refresh rotation with reuse detection, and logout. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly realms: RealmsService,
    private readonly passwords: PasswordService,
    private readonly signingKeys: SigningKeysService,
    private readonly revocation: RevocationService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Wrong credentials and unknown users look alike (same error, same argon2 time). A locked
   * account answers account_locked whatever the password; an inactive one only tells a
   * caller who knows the password.
   */
  async login(request: LoginRequest, context: AuditContext): Promise<IssuedSession> {
    const now = new Date();
    const user = await this.users.findByIdentifier(request.realm, request.identifier);
    const failed = (subject: string | null, reason: string, extra: Record<string, unknown> = {}) =>
      this.audit.record(
        {
          realm: request.realm,
          type: 'login.failed',
          outcome: 'failure',
          subject,
          details: { reason, identifier: request.identifier.slice(0, 254), ...extra },
        },
        context,
      );
    if (!user) {
      await this.passwords.verifyDecoy(request.password);
      await failed(null, 'unknown_user');
      throw new DomainError('invalid_credentials', INVALID_CREDENTIALS);
    }
    const lockedFor = lockRemainingSeconds(user, now);
    if (lockedFor > 0) {
      await failed(user.id, 'locked');
      throw new DomainError('account_locked', 'Account locked after repeated failed logins', undefined, lockedFor);
    }
    if (!(await this.passwords.verify(user.passwordHash, request.password))) {
      const { lockoutPolicy } = await this.realms.policies(request.realm);
      const state = await this.users.recordFailedLogin(user.id, lockoutPolicy, now);
      await failed(user.id, 'wrong_password');
      if (state.lockedNow) {
        await this.audit.record(
          { realm: request.realm, type: 'account.locked', outcome: 'success', subject: user.id, details: { lockSeconds: lockoutPolicy.lockSeconds } },
          context,
        );
        throw new DomainError('account_locked', 'Account locked after repeated failed logins', undefined, lockRemainingSeconds(state, now));
      }
      throw new DomainError('invalid_credentials', INVALID_CREDENTIALS);
    }
    if (!user.active) {
      await failed(user.id, 'inactive');
      throw new DomainError('account_inactive', 'User inactive');
    }
    await this.users.recordLogin(user, request.password, now);
    const session = await this.dataSource.transaction(async (manager) => {
      const sessionId = randomUUID();
      await manager.getRepository(SessionEntity).insert({ id: sessionId, realm: request.realm, userId: user.id });
      return this.issue(manager, user, sessionId, now);
    });
    await this.audit.record(
      { realm: request.realm, type: 'login.succeeded', outcome: 'success', subject: user.id, details: { role: session.activeRole } },
      context,
    );
    return session;
  }

  async refresh(request: RefreshRequest, context: AuditContext): Promise<IssuedSession> {
    const now = new Date();
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const [row] = await manager.query<
        Array<{ id: string; session_id: string; used_at: Date | null; expires_at: Date; realm: string; user_id: string; revoked_at: Date | null }>
      >(
        `SELECT t."id", t."session_id", t."used_at", t."expires_at", s."realm", s."user_id", s."revoked_at"
           FROM "auth"."refresh_tokens" t JOIN "auth"."sessions" s ON s."id" = t."session_id"
          WHERE t."token_hash" = $1 FOR UPDATE OF t, s`,
        [digestSecret('refresh-token', request.refreshToken)],
      );
      if (!row || row.realm !== request.realm) return { kind: 'invalid' };
      const decision = decideRefresh({ usedAt: row.used_at, expiresAt: row.expires_at, sessionRevokedAt: row.revoked_at }, now);
      if (decision.action === 'reject') return { kind: 'invalid' };
      if (decision.action === 'reuse') {
        return {
          kind: 'reuse',
          revoked: await this.revocation.revokeSessions(manager, [row.session_id], 'refresh_reuse'),
          userId: row.user_id,
          realm: row.realm,
        };
      }
      const user = await manager.getRepository(UserEntity).findOneBy({ id: row.user_id });
      if (!user || !user.active) return { kind: 'inactive', revoked: await this.revocation.revokeSessions(manager, [row.session_id], 'user_inactive') };
      await manager.getRepository(RefreshTokenEntity).update({ id: row.id }, { usedAt: now });
      return { kind: 'ok', session: await this.issue(manager, user, row.session_id, now) };
    });
    switch (outcome.kind) {
      case 'ok':
        return outcome.session;
      case 'reuse':
        this.revocation.announce(outcome.revoked);
        await this.audit.record(
          { realm: outcome.realm, type: 'refresh.reused', outcome: 'failure', subject: outcome.userId, details: { revokedTokens: outcome.revoked.length } },
          context,
        );
        throw new DomainError('unauthenticated', INVALID_REFRESH);
      case 'inactive':
        this.revocation.announce(outcome.revoked);
        throw new DomainError('account_inactive', 'User inactive');
      case 'invalid':
        throw new DomainError('unauthenticated', INVALID_REFRESH);
    }
  }

  /** Revokes the access token and its refresh family (and the family of a refresh token the client hands in). */
  async logout(principal: UserPrincipal, refreshToken: string | undefined, context: AuditContext): Promise<void> {
    if (!UUID.test(principal.tokenId)) throw new DomainError('unauthenticated', 'Invalid or expired token');
    const revoked = await this.dataSource.transaction(async (manager) => {
      const own = await this.revocation.revokeTokens(
        manager,
        [{ tokenId: principal.tokenId, realm: principal.realm, subject: principal.subject, expiresAt: new Date(principal.expiresAt * 1000) }],
        'logout',
      );
      const sessions = await manager.query<Array<{ session_id: string }>>(
        `SELECT DISTINCT t."session_id" FROM "auth"."refresh_tokens" t JOIN "auth"."sessions" s ON s."id" = t."session_id"
          WHERE s."user_id"::text = $1 AND s."realm" = $2
            AND (t."access_token_id" = $3::uuid OR ($4::text IS NOT NULL AND t."token_hash" = $4::text))`,
        [principal.subject, principal.realm, principal.tokenId, refreshToken ? digestSecret('refresh-token', refreshToken) : null],
      );
      const family = await this.revocation.revokeSessions(
        manager,
        sessions.map((session) => session.session_id),
        'logout',
      );
      return [...own, ...family.filter((token) => token.tokenId !== principal.tokenId)];
    });
    this.revocation.announce(revoked);
    await this.audit.record(
      { realm: principal.realm, type: 'logout', outcome: 'success', subject: principal.subject, details: { revokedTokens: revoked.length } },
      context,
    );
  }

  /** The session (refresh family) an access token was issued in, if any. */
  async sessionOfAccessToken(tokenId: string): Promise<string | null> {
    if (!UUID.test(tokenId)) return null;
    const [row] = await this.dataSource.query<Array<{ session_id: string }>>(
      `SELECT "session_id" FROM "auth"."refresh_tokens" WHERE "access_token_id" = $1 LIMIT 1`,
      [tokenId],
    );
    return row?.session_id ?? null;
  }

  /**
   * A new access token in the caller's session that replaces the one presented, after a
   * change the token carries (the session's active role, the password-change flag). The
   * session's refresh token stays valid and now belongs to the new access token, so a client
   * that missed the answer recovers with an ordinary refresh.
   */
  async reissueAccessToken(
    principal: UserPrincipal,
    reason: string,
    activeRoleId?: string,
  ): Promise<{ accessToken: string; expiresIn: number; activeRole: string | null }> {
    if (!UUID.test(principal.tokenId)) throw new DomainError('unauthenticated', 'Invalid or expired token');
    const now = new Date();
    const { token, revoked } = await this.dataSource.transaction(async (manager) => {
      const [session] = await manager.query<Array<{ id: string; user_id: string }>>(
        `SELECT s."id", s."user_id" FROM "auth"."refresh_tokens" t JOIN "auth"."sessions" s ON s."id" = t."session_id"
          WHERE t."access_token_id" = $1 AND s."revoked_at" IS NULL LIMIT 1 FOR UPDATE OF s`,
        [principal.tokenId],
      );
      if (!session || session.user_id !== principal.subject) throw new DomainError('unauthenticated', 'Invalid or expired token');
      if (activeRoleId !== undefined) await manager.query(`UPDATE "auth"."sessions" SET "active_role_id" = $2 WHERE "id" = $1`, [session.id, activeRoleId]);
      const user = await manager.getRepository(UserEntity).findOneByOrFail({ id: session.user_id });
      const signed = await this.signAccessToken(manager, user, session.id, now);
      await manager.query(`UPDATE "auth"."refresh_tokens" SET "access_token_id" = $2, "access_expires_at" = $3 WHERE "access_token_id" = $1`, [
        principal.tokenId,
        signed.claims.jti,
        new Date(signed.claims.exp * 1000),
      ]);
      const previous = { tokenId: principal.tokenId, realm: principal.realm, subject: principal.subject, expiresAt: new Date(principal.expiresAt * 1000) };
      return { token: signed, revoked: await this.revocation.revokeTokens(manager, [previous], reason) };
    });
    this.revocation.announce(revoked);
    return { accessToken: token.accessToken, expiresIn: token.claims.exp - token.claims.iat, activeRole: token.claims.role ?? null };
  }

  /**
   * Signs an access token and stores a new refresh token in the session. The token's roles
   * are those valid now; it expires no later than the first of them ends, so a temporary
   * role disappears at its end with the next refresh, without a new login.
   */
  private async issue(manager: EntityManager, user: UserEntity, sessionId: string, now: Date): Promise<IssuedSession> {
    const { claims, accessToken } = await this.signAccessToken(manager, user, sessionId, now);
    const refreshToken = generateRefreshToken();
    await manager.getRepository(RefreshTokenEntity).insert({
      sessionId,
      tokenHash: digestSecret('refresh-token', refreshToken),
      expiresAt: addSeconds(now, this.config.REFRESH_TTL_SECONDS),
      accessTokenId: claims.jti,
      accessExpiresAt: new Date(claims.exp * 1000),
    });
    return {
      sessionId,
      accessToken,
      expiresIn: claims.exp - claims.iat,
      refreshToken,
      refreshExpiresIn: this.config.REFRESH_TTL_SECONDS,
      user,
      roles: claims.roles ?? [],
      activeRole: claims.role ?? null,
    };
  }

  /** The active role is the one the session chose while the user still holds it, else the highest-priority role held. */
  private async signAccessToken(
    manager: EntityManager,
    user: UserEntity,
    sessionId: string,
    now: Date,
  ): Promise<{ claims: AccessTokenClaims; accessToken: string }> {
    const roles = await this.roles.currentRoles(user.id, manager);
    const [chosen] = await manager.query<Array<{ name: string }>>(
      `SELECT r."name" FROM "auth"."sessions" s JOIN "auth"."roles" r ON r."id" = s."active_role_id" WHERE s."id" = $1`,
      [sessionId],
    );
    const activeRole = roles.find((role) => role.name === chosen?.name)?.name ?? roles[0]?.name ?? null;
    const roleEnds = roles.flatMap((role) => (role.endsAt ? [role.endsAt.getTime()] : []));
    const issuedAt = unixSeconds(now);
    const expiresAt = Math.max(issuedAt + 1, Math.min(issuedAt + this.config.JWT_TTL_SECONDS, ...roleEnds.map((end) => Math.floor(end / 1000))));
    const claims: AccessTokenClaims = {
      iss: this.config.JWT_ISSUER,
      sub: user.id,
      aud: user.realm,
      realm: user.realm,
      typ: 'user',
      username: user.username,
      roles: roles.map((role) => role.name),
      role: activeRole,
      pcr: user.passwordChangeRequired,
      jti: randomUUID(),
      iat: issuedAt,
      exp: expiresAt,
    };
    return { claims, accessToken: await this.signingKeys.sign(claims) };
  }
}

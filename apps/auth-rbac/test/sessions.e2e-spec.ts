import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AUTH_SUBJECTS,
  type AuditEventSummary,
  type IssuedLinkToken,
  type IssuedOneTimeCode,
  type JwksReply,
  type OneTimeCodeVerification,
  type PermissionCheckReply,
  type RevocationsReply,
  type RevokedToken,
  type RotateSigningKeyReply,
} from '@gerbang/contracts';
import { startFleet, type TestFleet } from '@gerbang/testing';
import { decodeProtectedHeader } from 'jose';
import { ADMIN_PASSWORD, AuthFixture, CLIENT_IP, collectEvents, principalOf, sleep } from './auth-fixtures.js';

describe('auth-rbac sessions: login, tokens, refresh, logout, rotation, roles, codes', () => {
  let fleet: TestFleet;
  let connection: NatsConnection;
  let auth: AuthFixture;

  beforeAll(async () => {
    fleet = await startFleet({ apps: ['auth-rbac'], env: { BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '1' } });
    connection = await connect({ servers: fleet.natsUrl });
    auth = new AuthFixture(connection);
  });

  afterAll(async () => {
    await connection?.close();
    await fleet?.stop();
  });

  describe('retribusi POST /auth/v1/login', () => {
    it('logs the bootstrap admin in with the document shape and a token that verifies against the JWKS', async () => {
      const outcome = await auth.login('retribusi', { username: 'admin', password: ADMIN_PASSWORD });
      expect(outcome).toEqual({
        ok: true,
        value: {
          data: {
            token: expect.any(String),
            expires_in: 3600,
            refresh_token: expect.stringMatching(/^grt_/),
            refresh_expires_in: 2_592_000,
            user: { id: 1, username: 'admin', role: 'admin' },
          },
        },
      });
      const token = (outcome.ok && (outcome.value.data as { token: string }).token) as string;
      const { payload, protectedHeader } = await auth.verify(token, 'retribusi');
      expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
      expect(payload).toMatchObject({
        iss: 'gerbang-auth',
        sub: '1',
        aud: 'retribusi',
        realm: 'retribusi',
        typ: 'user',
        username: 'admin',
        roles: ['admin'],
        role: 'admin',
        pcr: false,
      });
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
    });

    it('publishes only public keys with kid, alg and use', async () => {
      const jwks = await auth.jwks();
      expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
      for (const key of jwks.keys) {
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', kid: expect.any(String), alg: 'ES256', use: 'sig' });
        expect(key).not.toHaveProperty('d');
      }
    });

    it('answers invalid_credentials alike for a wrong password and an unknown user', async () => {
      expect(await auth.login('retribusi', { username: 'admin', password: 'wrong-password' })).toEqual({
        ok: false,
        error: { code: 'invalid_credentials', message: 'Invalid credentials' },
      });
      expect(await auth.login('retribusi', { username: 'nobody', password: ADMIN_PASSWORD })).toEqual({
        ok: false,
        error: { code: 'invalid_credentials', message: 'Invalid credentials' },
      });
    });

    it('answers validation_failed with one message per field', async () => {
      const missing = await auth.login('retribusi', {});
      expect(missing.ok ? null : missing.error).toMatchObject({
        code: 'validation_failed',
        fields: [
          expect.objectContaining({ field: 'username', message: 'Field is required' }),
          expect.objectContaining({ field: 'password', message: 'Field is required' }),
        ],
      });
      const wrongType = await auth.gateway(AUTH_SUBJECTS.login, 'retribusi', { username: 12, password: 'x' });
      expect(wrongType.ok ? null : wrongType.error).toMatchObject({
        code: 'validation_failed',
        fields: [expect.objectContaining({ field: 'username', message: 'Must be a string' })],
      });
      const notAnObject = await auth.gateway(AUTH_SUBJECTS.login, 'retribusi', 'username=admin');
      expect(notAnObject.ok ? null : notAnObject.error).toMatchObject({ code: 'validation_failed' });
    });

    it('answers account_inactive only to a caller who knows the password', async () => {
      await auth.createUser('retribusi', 'inactive.operator', 'operator', { active: false });
      expect(await auth.login('retribusi', { username: 'inactive.operator', password: 'Secret#2025x' })).toEqual({
        ok: false,
        error: { code: 'account_inactive', message: 'User inactive' },
      });
      expect(await auth.login('retribusi', { username: 'inactive.operator', password: 'Wrong#2025x' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_credentials' },
      });
    });

    it('locks the account after five failures and tells when to retry, even with the right password', async () => {
      await auth.createUser('retribusi', 'lockout.viewer', 'viewer');
      const answers = [];
      for (let attempt = 0; attempt < 5; attempt += 1)
        answers.push(await auth.login('retribusi', { username: 'lockout.viewer', password: `Wrong#${attempt}xxxxx` }));
      expect(answers.slice(0, 4).map((answer) => (answer.ok ? 'ok' : answer.error.code))).toEqual(Array(4).fill('invalid_credentials'));
      expect(answers[4]).toEqual({ ok: false, error: { code: 'account_locked', message: expect.any(String), retryAfterSeconds: 900 } });
      const locked = await auth.login('retribusi', { username: 'lockout.viewer', password: 'Secret#2025x' });
      expect(locked).toMatchObject({ ok: false, error: { code: 'account_locked', retryAfterSeconds: expect.any(Number) } });
      expect(locked.ok ? 0 : (locked.error.retryAfterSeconds ?? 0)).toBeGreaterThan(890);
      const audit = await auth.admin<AuditEventSummary[]>(AUTH_SUBJECTS.adminListAuditEvents, { realm: 'retribusi', type: 'account.locked' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ outcome: 'success', clientIp: CLIENT_IP, userAgent: 'gerbang-e2e/1.0', requestId: expect.any(String) });
    });

    it('lets e-mail realms log in with the bootstrap admin e-mail', async () => {
      // crm answers in its document's camelCase style (accessToken).
      const data = (await auth.loginOk('admin@gerbang.local', ADMIN_PASSWORD, 'crm')) as unknown as { accessToken: string };
      const { payload } = await auth.verify(data.accessToken, 'crm');
      expect(payload).toMatchObject({ realm: 'crm', username: 'admin@gerbang.local', role: 'admin' });
      await expect(auth.verify(data.accessToken, 'retribusi')).rejects.toThrow();
    });
  });

  describe('refresh, logout, revocation', () => {
    it('rotates the refresh token on every use and revokes the whole family when one is reused', async () => {
      await auth.createUser('retribusi', 'refresh.operator', 'operator');
      const revokedEvents = await collectEvents<RevokedToken>(connection, AUTH_SUBJECTS.tokenRevoked);
      const first = await auth.loginOk('refresh.operator', 'Secret#2025x');
      const second = await auth.gateway<{ token: string; refresh_token: string; user: unknown }>(AUTH_SUBJECTS.refresh, 'retribusi', {
        refresh_token: first.refresh_token,
      });
      expect(second).toMatchObject({
        ok: true,
        value: { data: { token: expect.any(String), refresh_token: expect.stringMatching(/^grt_/), user: { username: 'refresh.operator', role: 'operator' } } },
      });
      const secondData = (second.ok ? second.value.data : null) as { token: string; refresh_token: string };
      expect(secondData.refresh_token).not.toBe(first.refresh_token);
      await expect(auth.verify(secondData.token, 'retribusi')).resolves.toBeDefined();

      const reused = await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', { refresh_token: first.refresh_token });
      expect(reused).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Invalid or expired refresh token' } });
      const descendant = await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', { refresh_token: secondData.refresh_token });
      expect(descendant).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

      const firstJti = principalOf(first.token).tokenId;
      const secondJti = principalOf(secondData.token).tokenId;
      await revokedEvents.waitFor((event) => event.tokenId === secondJti);
      await revokedEvents.waitFor((event) => event.tokenId === firstJti);
      const { revoked } = await auth.admin<RevocationsReply>(AUTH_SUBJECTS.revocations, {});
      expect(revoked.map((token) => token.tokenId)).toEqual(expect.arrayContaining([firstJti, secondJti]));
      const audit = await auth.admin<AuditEventSummary[]>(AUTH_SUBJECTS.adminListAuditEvents, { realm: 'retribusi', type: 'refresh.reused' });
      expect(audit).toHaveLength(1);
    });

    it('refuses a refresh token from another realm and a malformed body', async () => {
      const data = await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(await auth.gateway(AUTH_SUBJECTS.refresh, 'crm', { refresh_token: data.refresh_token })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      expect(await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', {})).toMatchObject({
        ok: false,
        error: { code: 'validation_failed', fields: [expect.objectContaining({ field: 'refresh_token', message: 'Field is required' })] },
      });
      expect(await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', { refreshToken: data.refresh_token })).toMatchObject({ ok: true });
    });

    it('logout revokes the token id on core NATS within a second, lists it, and ends the refresh family', async () => {
      const revokedEvents = await collectEvents<RevokedToken>(connection, AUTH_SUBJECTS.tokenRevoked);
      const data = await auth.loginOk('admin', ADMIN_PASSWORD);
      const principal = principalOf(data.token);
      const startedAt = Date.now();
      expect(await auth.gateway(AUTH_SUBJECTS.logout, 'retribusi', {}, { principal })).toEqual({ ok: true, value: { data: { logged_out: true } } });
      const event = await revokedEvents.waitFor((candidate) => candidate.tokenId === principal.tokenId, 1_000);
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(event).toEqual({ tokenId: principal.tokenId, expiresAt: principal.expiresAt });
      const { revoked } = await auth.admin<RevocationsReply>(AUTH_SUBJECTS.revocations, {});
      expect(revoked).toContainEqual({ tokenId: principal.tokenId, expiresAt: principal.expiresAt });
      expect(await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', { refresh_token: data.refresh_token })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    });

    it('logout and me require a user principal of the realm', async () => {
      expect(await auth.gateway(AUTH_SUBJECTS.logout, 'retribusi', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const data = await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(await auth.gateway(AUTH_SUBJECTS.me, 'crm', undefined, { principal: principalOf(data.token) })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    });
  });

  describe('me and whoami', () => {
    it('GET /auth/v1/me answers the user in the retribusi shape', async () => {
      const data = await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(await auth.gateway(AUTH_SUBJECTS.me, 'retribusi', undefined, { principal: principalOf(data.token) })).toEqual({
        ok: true,
        value: { data: { id: 1, username: 'admin', role: 'admin' } },
      });
    });

    it('whoami echoes the principal and refuses anonymous callers', async () => {
      const data = await auth.loginOk('admin', ADMIN_PASSWORD);
      const principal = principalOf(data.token);
      expect(await auth.gateway(AUTH_SUBJECTS.whoami, 'retribusi', undefined, { principal })).toEqual({ ok: true, value: { data: principal } });
      expect(await auth.gateway(AUTH_SUBJECTS.whoami, 'retribusi', undefined)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    });
  });

  describe('signing key rotation', () => {
    it('publishes the new key before it signs and keeps tokens of the old key verifiable', async () => {
      const changes = await collectEvents<JwksReply>(connection, AUTH_SUBJECTS.jwksChanged);
      const before = await auth.loginOk('admin', ADMIN_PASSWORD);
      const oldKid = decodeProtectedHeader(before.token).kid;
      const rotation = await auth.admin<RotateSigningKeyReply>(AUTH_SUBJECTS.adminRotateSigningKey, { actor: 'e2e' });
      expect(rotation.kid).not.toBe(oldKid);
      const event = await changes.waitFor((jwks) => jwks.keys.some((key) => key.kid === rotation.kid));
      expect(event.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, rotation.kid]));
      expect(rotation.keys.find((key) => key.kid === rotation.kid)?.status).toBe('pending');

      const duringDelay = await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(decodeProtectedHeader(duringDelay.token).kid).toBe(oldKid);
      await sleep(Date.parse(rotation.activatesAt) - Date.now() + 100);
      const after = await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(decodeProtectedHeader(after.token).kid).toBe(rotation.kid);

      await expect(auth.verify(before.token, 'retribusi')).resolves.toBeDefined();
      await expect(auth.verify(after.token, 'retribusi')).resolves.toBeDefined();
      const jwks = await auth.jwks();
      expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, rotation.kid]));
    });
  });

  describe('roles and permissions', () => {
    it('a temporary role grants until its end, no new login needed, and the cache never outlives it', async () => {
      const user = await auth.createUser('retribusi', 'temporary.viewer', 'viewer');
      const check = (role: string | null) =>
        auth.admin<PermissionCheckReply>(AUTH_SUBJECTS.checkPermission, { realm: 'retribusi', subject: String(user.id), role, permission: 'locations:create' });
      expect(await check('viewer')).toEqual({ allowed: false, cacheSeconds: 5 });

      const endsAt = new Date(Date.now() + 3_000);
      await auth.admin(AUTH_SUBJECTS.adminAssignRole, {
        realm: 'retribusi',
        user: 'temporary.viewer',
        role: 'operator',
        endsAt: endsAt.toISOString(),
        actor: 'e2e',
      });
      const during = await check('operator');
      expect(during.allowed).toBe(true);
      expect(during.cacheSeconds).toBeLessThanOrEqual(3);
      expect(Date.now() + during.cacheSeconds * 1000).toBeLessThanOrEqual(endsAt.getTime());

      const data = await auth.loginOk('temporary.viewer', 'Secret#2025x');
      const principal = principalOf(data.token);
      expect(principal.activeRole).toBe('operator');
      expect(principal.roles).toEqual(['operator', 'viewer']);
      expect(principal.expiresAt).toBeLessThanOrEqual(Math.floor(endsAt.getTime() / 1000));

      await sleep(endsAt.getTime() - Date.now() + 100);
      expect((await check('operator')).allowed).toBe(false);
      expect((await check(null)).allowed).toBe(false);
      expect(
        await auth.admin<PermissionCheckReply>(AUTH_SUBJECTS.checkPermission, {
          realm: 'retribusi',
          subject: String(user.id),
          role: 'viewer',
          permission: 'locations:read',
        }),
      ).toEqual({
        allowed: true,
        cacheSeconds: 5,
      });
      const refreshed = await auth.gateway<{ token: string }>(AUTH_SUBJECTS.refresh, 'retribusi', { refresh_token: data.refresh_token });
      expect(principalOf((refreshed.ok ? refreshed.value.data : { token: '' })?.token as string).roles).toEqual(['viewer']);
    });

    it('roles carry resource:privilege permissions from the realm catalog', async () => {
      await auth.admin(AUTH_SUBJECTS.adminDefineResource, {
        realm: 'crm',
        name: 'customer',
        group: 'Master Data',
        privileges: ['create', 'read', 'update', 'delete'],
      });
      await auth.admin(AUTH_SUBJECTS.adminUpsertRole, { realm: 'crm', name: 'SALES', permissions: ['customer:create', 'customer:read'] });
      const user = await auth.createUser('crm', 'sales@example.com', 'SALES', { email: 'sales@example.com' });
      const check = (permission: string) =>
        auth.admin<PermissionCheckReply>(AUTH_SUBJECTS.checkPermission, { realm: 'crm', subject: String(user.id), role: 'SALES', permission });
      expect((await check('customer:create')).allowed).toBe(true);
      expect((await check('customer:delete')).allowed).toBe(false);
      expect(await auth.refused(AUTH_SUBJECTS.adminUpsertRole, { realm: 'crm', name: 'SALES', permissions: ['vessel:approve'] })).toMatchObject({
        code: 'validation_failed',
      });
    });
  });

  describe('passwords and one-time codes', () => {
    it('enforces the realm password policy on creation and on change, which clears pcr', async () => {
      expect(await auth.refused(AUTH_SUBJECTS.adminCreateUser, { realm: 'retribusi', username: 'weak', role: 'viewer', password: 'short' })).toMatchObject({
        code: 'validation_failed',
        fields: expect.arrayContaining([expect.objectContaining({ field: 'password', message: 'Must be at least 10 characters' })]),
      });
      await auth.admin(AUTH_SUBJECTS.adminSetRealmPolicy, { realm: 'qr', passwordPolicy: { minLength: 16, requireSymbol: true } });
      expect(
        await auth.refused(AUTH_SUBJECTS.adminCreateUser, { realm: 'qr', email: 'qr.user@example.com', role: 'admin', password: 'Secret#2025x' }),
      ).toMatchObject({
        code: 'validation_failed',
        fields: [expect.objectContaining({ message: 'Must be at least 16 characters' })],
      });

      const created = await auth.admin<{ generatedPassword: string; passwordChangeRequired: boolean }>(AUTH_SUBJECTS.adminCreateUser, {
        realm: 'retribusi',
        username: 'first.login',
        role: 'viewer',
      });
      expect(created.passwordChangeRequired).toBe(true);
      const data = await auth.loginOk('first.login', created.generatedPassword);
      const principal = principalOf(data.token);
      expect(principal.passwordChangeRequired).toBe(true);
      const tooWeak = await auth.gateway(
        AUTH_SUBJECTS.changePassword,
        'retribusi',
        { current_password: created.generatedPassword, new_password: 'weakpass' },
        { principal },
      );
      expect(tooWeak).toMatchObject({
        ok: false,
        error: { code: 'validation_failed', fields: expect.arrayContaining([expect.objectContaining({ field: 'new_password' })]) },
      });
      const changed = await auth.gateway(
        AUTH_SUBJECTS.changePassword,
        'retribusi',
        { currentPassword: created.generatedPassword, newPassword: 'Changed#2025x' },
        { principal },
      );
      expect(changed).toEqual({ ok: true, value: { data: { password_changed: true } } });
      expect(principalOf((await auth.loginOk('first.login', 'Changed#2025x')).token).passwordChangeRequired).toBe(false);
    });

    it('numeric codes expire after their attempts and work once', async () => {
      const issued = await auth.admin<IssuedOneTimeCode>(AUTH_SUBJECTS.issueOneTimeCode, {
        realm: 'isp',
        purpose: 'login',
        recipient: '628123456789',
        maxAttempts: 3,
      });
      expect(issued.code).toMatch(/^\d{6}$/);
      const verify = (code: string) =>
        auth.admin<OneTimeCodeVerification>(AUTH_SUBJECTS.verifyOneTimeCode, { realm: 'isp', purpose: 'login', recipient: '628123456789', code });
      const wrong = issued.code === '000000' ? '111111' : '000000';
      expect(await verify(wrong)).toEqual({ valid: false, reason: 'invalid', attemptsRemaining: 2 });
      expect(await verify(issued.code)).toEqual({ valid: true });
      expect(await verify(issued.code)).toEqual({ valid: false, reason: 'not_found' });

      const again = await auth.admin<IssuedOneTimeCode>(AUTH_SUBJECTS.issueOneTimeCode, {
        realm: 'isp',
        purpose: 'login',
        recipient: '628123456789',
        maxAttempts: 2,
      });
      const otherWrong = again.code === '000000' ? '111111' : '000000';
      expect(await verify(otherWrong)).toMatchObject({ valid: false, attemptsRemaining: 1 });
      expect(await verify(otherWrong)).toMatchObject({ valid: false, reason: 'attempts_exceeded' });
      expect(await verify(again.code)).toMatchObject({ valid: false, reason: 'attempts_exceeded' });
    });

    it('a reset link sets a new password once, after the policy check, and ends the sessions', async () => {
      const user = await auth.createUser('retribusi', 'forgetful.viewer', 'viewer');
      const session = await auth.loginOk('forgetful.viewer', 'Secret#2025x');
      const link = await auth.admin<IssuedLinkToken>(AUTH_SUBJECTS.issueLinkToken, { realm: 'retribusi', purpose: 'password_reset', userId: String(user.id) });
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await auth.refused(AUTH_SUBJECTS.resetPassword, { realm: 'retribusi', token: link.token, newPassword: 'weak' })).toMatchObject({
        code: 'validation_failed',
      });
      expect(await auth.admin(AUTH_SUBJECTS.resetPassword, { realm: 'retribusi', token: link.token, newPassword: 'Reset#2025xyz' })).toEqual({
        data: { password_reset: true },
      });
      expect(await auth.refused(AUTH_SUBJECTS.resetPassword, { realm: 'retribusi', token: link.token, newPassword: 'Again#2025xyz' })).toMatchObject({
        code: 'validation_failed',
        fields: [expect.objectContaining({ field: 'token' })],
      });
      await auth.loginOk('forgetful.viewer', 'Reset#2025xyz');
      expect(await auth.gateway(AUTH_SUBJECTS.refresh, 'retribusi', { refresh_token: session.refresh_token })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    });
  });

  it('keeps secrets out of the audit trail', async () => {
    const events = await auth.admin<AuditEventSummary[]>(AUTH_SUBJECTS.adminListAuditEvents, { limit: 500 });
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['login.succeeded', 'login.failed', 'account.locked', 'logout', 'refresh.reused', 'role.assigned', 'signing_key.rotated']),
    );
    const serialized = JSON.stringify(events);
    for (const secret of [ADMIN_PASSWORD, 'Secret#2025x', 'Reset#2025xyz', 'grt_', 'eyJ']) expect(serialized).not.toContain(secret);
  });
});

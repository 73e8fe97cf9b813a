import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type ApiKeyPrincipal, type ApiKeySummary, type CreatedApiKey, type CreatedOAuthClient, type RevokedToken } from '@gerbang/contracts';
import type { AppProcess } from '@gerbang/runtime';
import { startFleet, withClient, type TestFleet } from '@gerbang/testing';
import { ADMIN_PASSWORD, AuthFixture, collectEvents, sleep } from './auth-fixtures.js';

const RETRIBUSI_API_KEY = 'retribusi-gate-key-0123456789abcdef';
const ISP_API_KEY = 'isp-partner-key-0123456789abcdef';

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

describe('auth-rbac credentials: bootstrap, API keys, OAuth client credentials', () => {
  let fleet: TestFleet;
  let connection: NatsConnection;
  let auth: AuthFixture;
  let firstReplica: AppProcess;

  const count = (sql: string) => withClient(fleet.databaseUrl, async (client) => Number((await client.query<{ count: string }>(sql)).rows[0].count));

  beforeAll(async () => {
    fleet = await startFleet({
      apps: [],
      env: { BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, RETRIBUSI_API_KEY, ISP_API_KEY, API_KEY_LAST_USED_INTERVAL_SECONDS: '1' },
    });
    // Two replicas boot at once on an empty database: migrations and bootstrap must happen once.
    [firstReplica] = await Promise.all([fleet.startApp('auth-rbac'), fleet.startApp('auth-rbac')]);
    connection = await connect({ servers: fleet.natsUrl });
    auth = new AuthFixture(connection);
  });

  afterAll(async () => {
    await connection?.close();
    await firstReplica?.stop();
    await fleet?.stop();
  });

  const verifyKey = (realm: string, key: string, scope: string, clientIp = '203.0.113.10') =>
    auth.requester.request<ApiKeyPrincipal>(AUTH_SUBJECTS.verifyApiKey, { realm, key, scope, clientIp });

  const token = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    auth.gateway(AUTH_SUBJECTS.clientToken, 'autogate', body, { headers }).then((outcome) => {
      if (!outcome.ok) throw new Error(`token endpoint failed: ${JSON.stringify(outcome.error)}`);
      return outcome.value;
    });
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  describe('bootstrap', () => {
    it('seeds each realm once with two replicas booting together', async () => {
      expect(await count(`SELECT count(*) FROM auth.users`)).toBe(5);
      expect(await count(`SELECT count(*) FROM auth.signing_keys`)).toBe(1);
      expect(await count(`SELECT count(*) FROM auth.api_keys WHERE seed_source IS NOT NULL`)).toBe(2);
      expect(await count(`SELECT count(*) FROM auth.roles WHERE realm = 'retribusi' AND name IN ('viewer', 'operator', 'admin')`)).toBe(3);
      const admins = await withClient(fleet.databaseUrl, (client) =>
        client.query<{ realm: string; username: string; role: string }>(
          `SELECT u.realm, u.username, r.name AS role FROM auth.users u JOIN auth.role_assignments a ON a.user_id = u.id JOIN auth.roles r ON r.id = a.role_id ORDER BY u.realm`,
        ),
      );
      expect(admins.rows).toEqual([
        { realm: 'autogate', username: 'admin@gerbang.local', role: 'admin' },
        { realm: 'crm', username: 'admin@gerbang.local', role: 'admin' },
        { realm: 'isp', username: 'admin@gerbang.local', role: 'admin' },
        { realm: 'qr', username: 'admin@gerbang.local', role: 'admin' },
        { realm: 'retribusi', username: 'admin', role: 'admin' },
      ]);
      const hashes = await withClient(fleet.databaseUrl, (client) => client.query<{ password_hash: string }>(`SELECT password_hash FROM auth.users`));
      for (const row of hashes.rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });
  });

  describe('API keys', () => {
    it('accepts exactly the RETRIBUSI_API_KEY value for retribusi:ingest, and the ISP_API_KEY for isp:billing', async () => {
      expect(await verifyKey('retribusi', RETRIBUSI_API_KEY, 'retribusi:ingest')).toEqual({
        ok: true,
        value: { kind: 'api-key', realm: 'retribusi', keyId: expect.stringMatching(/^seed-retribusi-/), scopes: ['retribusi:ingest'] },
      });
      expect(await verifyKey('isp', ISP_API_KEY, 'isp:billing')).toMatchObject({ ok: true, value: { realm: 'isp', scopes: ['isp:billing'] } });
      expect(await verifyKey('retribusi', `${RETRIBUSI_API_KEY}x`, 'retribusi:ingest')).toEqual({
        ok: false,
        error: { code: 'unauthenticated', message: 'Invalid API key' },
      });
      expect(await verifyKey('isp', RETRIBUSI_API_KEY, 'isp:billing')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await verifyKey('retribusi', 'x'.repeat(5_000), 'retribusi:ingest')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await verifyKey('retribusi', RETRIBUSI_API_KEY, 'retribusi:admin')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('checks IP allow-lists, scopes and revocation of a created key, and records use without a write per request', async () => {
      const created = await auth.admin<CreatedApiKey>(AUTH_SUBJECTS.adminCreateApiKey, {
        realm: 'retribusi',
        name: 'gate 01',
        scopes: ['retribusi:ingest'],
        allowedIps: ['10.20.0.0/16', '192.0.2.7'],
        actor: 'e2e',
      });
      expect(created.key).toMatch(new RegExp(`^gk_${created.keyId}_[A-Za-z0-9_-]{43}$`));
      expect(created.allowedIps).toEqual(['10.20.0.0/16', '192.0.2.7/32']);
      expect(await verifyKey('retribusi', created.key, 'retribusi:ingest', '10.20.3.4')).toMatchObject({ ok: true, value: { keyId: created.keyId } });
      expect(await verifyKey('retribusi', created.key, 'retribusi:ingest', '::ffff:192.0.2.7')).toMatchObject({ ok: true });
      expect(await verifyKey('retribusi', created.key, 'retribusi:ingest', '10.21.0.1')).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'API key not allowed from this IP address' },
      });
      expect(await verifyKey('retribusi', created.key, 'isp:billing', '10.20.3.4')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const wrongSecret = created.key.slice(0, -4) + (created.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect(await verifyKey('retribusi', wrongSecret, 'retribusi:ingest', '10.20.3.4')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

      for (let round = 0; round < 10; round += 1) await verifyKey('retribusi', created.key, 'retribusi:ingest', '10.20.3.4');
      await sleep(200);
      const [listed] = (await auth.admin<ApiKeySummary[]>(AUTH_SUBJECTS.adminListApiKeys, { realm: 'retribusi' })).filter((key) => key.keyId === created.keyId);
      expect(listed).toMatchObject({ name: 'gate 01', active: true, lastUsedAt: expect.any(String) });
      expect(listed).not.toHaveProperty('key');

      await auth.admin(AUTH_SUBJECTS.adminRevokeApiKey, { realm: 'retribusi', keyId: created.keyId, actor: 'e2e' });
      expect(await verifyKey('retribusi', created.key, 'retribusi:ingest', '10.20.3.4')).toEqual({
        ok: false,
        error: { code: 'unauthenticated', message: 'Invalid API key' },
      });
      const stored = await withClient(fleet.databaseUrl, (client) => client.query(`SELECT * FROM auth.api_keys WHERE key_id = $1`, [created.keyId]));
      expect(JSON.stringify(stored.rows)).not.toContain(created.key.slice(`gk_${created.keyId}_`.length));
    });

    it('refuses invalid allow-list entries', async () => {
      expect(
        await auth.refused(AUTH_SUBJECTS.adminCreateApiKey, { realm: 'retribusi', name: 'bad', scopes: ['retribusi:ingest'], allowedIps: ['10.0.0.0/33'] }),
      ).toMatchObject({
        code: 'validation_failed',
        fields: [expect.objectContaining({ field: 'allowedIps' })],
      });
    });

    it('whoami answers a gate its key principal (GET /retribusi/v1/ingest/ping)', async () => {
      const verified = await verifyKey('retribusi', RETRIBUSI_API_KEY, 'retribusi:ingest');
      const principal = verified.ok ? verified.value : null;
      expect(await auth.gateway(AUTH_SUBJECTS.whoami, 'retribusi', undefined, { principal: principal ?? undefined })).toEqual({
        ok: true,
        value: { data: principal },
      });
    });
  });

  describe('OAuth 2.0 client credentials (autogate)', () => {
    let client: CreatedOAuthClient;

    beforeAll(async () => {
      client = await auth.admin<CreatedOAuthClient>(AUTH_SUBJECTS.adminCreateClient, {
        realm: 'autogate',
        name: 'PT Integrator',
        scopes: ['gate:read', 'ticket:read'],
        actor: 'e2e',
      });
    });

    it('issues a token to client_secret_basic with no-store headers', async () => {
      const reply = await token({ grant_type: 'client_credentials', scope: 'gate:read' }, { authorization: basic(client.clientId, client.clientSecret) });
      expect(reply).toEqual({
        status: 200,
        raw: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'gate:read' },
        headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      });
      const { payload } = await auth.verify((reply.raw as TokenResponse).access_token, 'autogate');
      expect(payload).toMatchObject({ typ: 'client', sub: client.clientId, realm: 'autogate', scope: 'gate:read' });
    });

    it('issues a token to client_secret_post with every allowed scope when none is asked', async () => {
      const reply = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
      expect(reply).toMatchObject({ status: 200, raw: { token_type: 'Bearer', scope: 'gate:read ticket:read' } });
    });

    it('answers invalid_client 401, with a Basic challenge only when Basic was used', async () => {
      expect(await token({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, 'wrong-secret') })).toEqual({
        status: 401,
        raw: { error: 'invalid_client', error_description: 'Client authentication failed' },
        headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'WWW-Authenticate': 'Basic realm="autogate", charset="UTF-8"' },
      });
      const post = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'wrong-secret' });
      expect(post).toMatchObject({ status: 401, raw: { error: 'invalid_client' } });
      expect(post.headers).not.toHaveProperty('WWW-Authenticate');
      expect(await token({ grant_type: 'client_credentials', client_id: 'gc_unknownclient000', client_secret: 'x' })).toMatchObject({
        status: 401,
        raw: { error: 'invalid_client' },
      });
    });

    it('answers unsupported_grant_type, invalid_scope and invalid_request with 400', async () => {
      const credentials = { authorization: basic(client.clientId, client.clientSecret) };
      expect(await token({ grant_type: 'password', username: 'a', password: 'b' }, credentials)).toMatchObject({
        status: 400,
        raw: { error: 'unsupported_grant_type' },
      });
      expect(await token({ grant_type: 'client_credentials', scope: 'gate:write' }, credentials)).toMatchObject({
        status: 400,
        raw: { error: 'invalid_scope' },
      });
      expect(await token({}, credentials)).toMatchObject({ status: 400, raw: { error: 'invalid_request', error_description: 'Missing grant_type' } });
      expect(await token({ grant_type: 'client_credentials', client_secret: client.clientSecret }, credentials)).toMatchObject({
        status: 400,
        raw: { error: 'invalid_request' },
      });
    });

    it('revoking a client revokes its live tokens and refuses new ones', async () => {
      const revoked = await collectEvents<RevokedToken>(connection, AUTH_SUBJECTS.tokenRevoked);
      const reply = await token({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) });
      const { payload } = await auth.verify((reply.raw as TokenResponse).access_token, 'autogate');
      await auth.admin(AUTH_SUBJECTS.adminRevokeClient, { realm: 'autogate', clientId: client.clientId, actor: 'e2e' });
      await revoked.waitFor((event) => event.tokenId === payload.jti);
      expect(await token({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) })).toMatchObject({
        status: 401,
        raw: { error: 'invalid_client' },
      });
    });
  });

  describe('restart', () => {
    it('bootstrap is idempotent across a restart and follows a changed RETRIBUSI_API_KEY', async () => {
      const keysBefore = await count(`SELECT count(*) FROM auth.signing_keys`);
      await firstReplica.stop();
      await fleet.stopApp('auth-rbac');
      await fleet.startApp('auth-rbac', { RETRIBUSI_API_KEY: `${RETRIBUSI_API_KEY}-v2` });

      expect(await count(`SELECT count(*) FROM auth.users WHERE username IN ('admin', 'admin@gerbang.local')`)).toBe(5);
      expect(await count(`SELECT count(*) FROM auth.signing_keys`)).toBe(keysBefore);
      await auth.loginOk('admin', ADMIN_PASSWORD);
      expect(await verifyKey('retribusi', `${RETRIBUSI_API_KEY}-v2`, 'retribusi:ingest')).toMatchObject({ ok: true });
      expect(await verifyKey('retribusi', RETRIBUSI_API_KEY, 'retribusi:ingest')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await verifyKey('isp', ISP_API_KEY, 'isp:billing')).toMatchObject({ ok: true });
      expect(await count(`SELECT count(*) FROM auth.api_keys WHERE seed_source IS NOT NULL AND revoked_at IS NULL`)).toBe(2);
    });
  });
});

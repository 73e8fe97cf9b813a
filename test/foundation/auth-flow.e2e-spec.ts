import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type CreatedApiKey, type CreatedOAuthClient } from '@gerbang/contracts';
import { NatsRequester } from '@gerbang/runtime';
import { startFleet, type TestFleet } from '@gerbang/testing';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, decodeProtectedHeader, decodeJwt } from 'jose';
import * as oauth from 'openid-client';

// The whole identity path as clients see it: auth-rbac issues, the gateway verifies.
const ADMIN_PASSWORD = 'Admin#12345';
const INGEST_KEY = 'retribusi-ingest-key-for-tests-0123456789';

describe('identity through the gateway', () => {
  let fleet: TestFleet;
  let nats: NatsConnection;
  let admin: NatsRequester;

  const login = async (username = 'admin', password = ADMIN_PASSWORD) => {
    const response = await fetch(`${fleet.gatewayUrl}/auth/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: response.status, body: (await response.json()) as { data: { token: string; user: { id: number } } } & Record<string, unknown> };
  };
  const me = (token: string) => fetch(`${fleet.gatewayUrl}/auth/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    fleet = await startFleet({ apps: ['auth-rbac', 'gateway'], env: { RETRIBUSI_API_KEY: INGEST_KEY, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    nats = await connect({ servers: fleet.natsUrl });
    admin = new NatsRequester(nats, 10_000);
  });

  afterAll(async () => {
    await nats?.close();
    await fleet?.stop();
  });

  it('logs the bootstrap admin in exactly as spec/retribusi-api.md shows', async () => {
    const { status, body } = await login();
    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      data: expect.objectContaining({ token: expect.any(String), expires_in: 3600, user: { id: expect.any(Number), username: 'admin', role: 'admin' } }),
      timestamp: expect.any(Number),
    });
  });

  it('issues a token that a standard JOSE library verifies against the published JWKS', async () => {
    const { body } = await login();
    const jwks = createRemoteJWKSet(new URL(`${fleet.gatewayUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.data.token, jwks, { audience: 'retribusi' });
    expect(protectedHeader.alg).toMatch(/^(ES256|EdDSA)$/);
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toEqual(expect.objectContaining({ realm: 'retribusi', sub: String(body.data.user.id), role: 'admin', jti: expect.any(String) }));
  });

  it('answers wrong credentials with 401 and missing fields with 422 in the retribusi format', async () => {
    const wrong = await login('admin', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
    const invalid = await fetch(`${fleet.gatewayUrl}/auth/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: 'validation_error', fields: { username: expect.any(String), password: expect.any(String) } });
  });

  it('refuses an inactive user with 403', async () => {
    await admin.call(AUTH_SUBJECTS.adminCreateUser, { realm: 'retribusi', username: 'budi', password: 'Budi#Pass2025', role: 'viewer' });
    expect((await login('budi', 'Budi#Pass2025')).status).toBe(200);
    await admin.call(AUTH_SUBJECTS.adminSetUserActive, { realm: 'retribusi', user: 'budi', active: false });
    const inactive = await login('budi', 'Budi#Pass2025');
    expect(inactive.status).toBe(403);
    expect(inactive.body).toEqual({ error: 'forbidden', message: expect.any(String) });
  });

  describe('tampered tokens are refused with 401', () => {
    let token: string;
    beforeAll(async () => {
      token = (await login()).body.data.token;
      expect((await me(token)).status).toBe(200);
    });

    const expectUnauthorized = async (candidate: string) => {
      const response = await me(candidate);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    };

    it('alg none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: decodeProtectedHeader(token).kid })).toString('base64url');
      const claims = Buffer.from(JSON.stringify(decodeJwt(token))).toString('base64url');
      await expectUnauthorized(`${header}.${claims}.`);
    });

    it('signed by another key under the same kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: 'ES256', kid: decodeProtectedHeader(token).kid }).sign(privateKey);
      await expectUnauthorized(forged);
    });

    it('HS256 signed with the public key as secret', async () => {
      const jwks = (await (await fetch(`${fleet.gatewayUrl}/.well-known/jwks.json`)).json()) as { keys: object[] };
      const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
      const forged = await new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(token).kid }).sign(secret);
      await expectUnauthorized(forged);
    });

    it('a modified payload', async () => {
      const [header, , signature] = token.split('.');
      const claims = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'superuser' })).toString('base64url');
      await expectUnauthorized(`${header}.${claims}.${signature}`);
    });

    it('expired', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      expect(await exportJWK(publicKey)).toBeDefined();
      const expired = await new SignJWT({ ...decodeJwt(token), exp: Math.floor(Date.now() / 1000) - 3600 })
        .setProtectedHeader({ alg: 'ES256', kid: decodeProtectedHeader(token).kid })
        .sign(privateKey);
      await expectUnauthorized(expired);
    });

    it('no token at all', async () => {
      const response = await fetch(`${fleet.gatewayUrl}/auth/v1/me`);
      expect(response.status).toBe(401);
    });
  });

  it('revokes a token on logout, at the gateway, within a second', async () => {
    const token = (await login()).body.data.token;
    expect((await me(token)).status).toBe(200);
    const logout = await fetch(`${fleet.gatewayUrl}/auth/v1/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(logout.status).toBe(200);
    const deadline = Date.now() + 1_000;
    let status = 200;
    while (Date.now() < deadline && status !== 401) status = (await me(token)).status;
    expect(status).toBe(401);
  });

  describe('API keys', () => {
    const ping = (key: string | undefined, headers: Record<string, string> = {}) =>
      fetch(`${fleet.gatewayUrl}/retribusi/v1/ingest/ping`, { headers: { ...(key ? { 'x-api-key': key } : {}), ...headers } });

    it('accepts the seeded ingest key and refuses a wrong or missing one', async () => {
      expect((await ping(INGEST_KEY)).status).toBe(200);
      const wrong = await ping(`${INGEST_KEY}x`);
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
      expect((await ping(undefined)).status).toBe(401);
    });

    it('refuses a revoked key', async () => {
      const created = await admin.call<CreatedApiKey>(AUTH_SUBJECTS.adminCreateApiKey, { realm: 'retribusi', name: 'gate-7', scopes: ['retribusi:ingest'] });
      await admin.call(AUTH_SUBJECTS.adminRevokeApiKey, { realm: 'retribusi', keyId: created.keyId });
      const revoked = await ping(created.key);
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    });

    it('refuses a key from an address outside its allow-list, even with a forged X-Forwarded-For', async () => {
      const created = await admin.call<CreatedApiKey>(AUTH_SUBJECTS.adminCreateApiKey, {
        realm: 'retribusi',
        name: 'gate-8',
        scopes: ['retribusi:ingest'],
        allowedIps: ['10.20.0.0/16'],
      });
      const refused = await ping(created.key, { 'x-forwarded-for': '10.20.1.1' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    });
  });

  describe('OAuth 2.0 client credentials for autogate integrators', () => {
    let created: CreatedOAuthClient;
    const server = () => ({ issuer: fleet.gatewayUrl, token_endpoint: `${fleet.gatewayUrl}/autogate/v1/external/oauth/token` });

    beforeAll(async () => {
      created = await admin.call<CreatedOAuthClient>(AUTH_SUBJECTS.adminCreateClient, { realm: 'autogate', name: 'tps-online', scopes: ['tickets:write'] });
    });

    it('issues a token to a standard OAuth client with client_secret_basic', async () => {
      const config = new oauth.Configuration(server(), created.clientId, undefined, oauth.ClientSecretBasic(created.clientSecret));
      oauth.allowInsecureRequests(config);
      const tokens = await oauth.clientCredentialsGrant(config, { scope: 'tickets:write' });
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.expires_in).toBeGreaterThan(0);
      const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${fleet.gatewayUrl}/.well-known/jwks.json`)));
      expect(payload).toEqual(expect.objectContaining({ realm: 'autogate', typ: 'client', scope: 'tickets:write' }));
    });

    it('issues a token with client_secret_post', async () => {
      const config = new oauth.Configuration(server(), created.clientId, undefined, oauth.ClientSecretPost(created.clientSecret));
      oauth.allowInsecureRequests(config);
      const tokens = await oauth.clientCredentialsGrant(config);
      expect(tokens.access_token).toEqual(expect.any(String));
    });

    it('answers a wrong secret with the standard invalid_client error and a Basic challenge', async () => {
      const config = new oauth.Configuration(server(), created.clientId, undefined, oauth.ClientSecretBasic('wrong-secret'));
      oauth.allowInsecureRequests(config);
      const failure = (await oauth.clientCredentialsGrant(config).catch((error: unknown) => error)) as { status?: number; cause?: Array<{ scheme: string }> };
      expect(failure.status).toBe(401);
      expect(failure.cause?.[0]?.scheme).toBe('basic');
      const raw = await fetch(server().token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${created.clientId}&client_secret=wrong`,
      });
      expect(raw.status).toBe(401);
      expect(raw.headers.get('cache-control')).toBe('no-store');
      expect(await raw.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    });

    it('answers an unknown scope with invalid_scope', async () => {
      const config = new oauth.Configuration(server(), created.clientId, undefined, oauth.ClientSecretPost(created.clientSecret));
      oauth.allowInsecureRequests(config);
      await expect(oauth.clientCredentialsGrant(config, { scope: 'everything' })).rejects.toMatchObject({ error: 'invalid_scope' });
    });
  });
});

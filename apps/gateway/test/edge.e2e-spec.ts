import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, MESSAGE_HEADERS, decodePrincipalHeader, type Principal } from '@gerbang/contracts';
import { RETRIBUSI_SUBJECTS } from '@gerbang/contracts';
import { fakeService, freePort, rawRequest, startFleet, type TestFleet } from '@gerbang/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

// The gateway alone against a real NATS: the test plays auth-rbac and the services, so
// every edge behaviour can be driven and observed exactly.
describe('gateway edge', () => {
  let fleet: TestFleet;
  let nats: NatsConnection;
  let signingKey: CryptoKey;
  const kid = 'test-key-1';
  const stops: Array<() => void> = [];

  const url = (path: string) => `${fleet.gatewayUrl}${path}`;
  const token = (claims: Record<string, unknown> = {}, key: CryptoKey = signingKey, header: Record<string, unknown> = { alg: 'ES256', kid }) =>
    new SignJWT({ realm: 'retribusi', typ: 'user', username: 'admin', roles: ['admin'], role: 'admin', ...claims })
      .setProtectedHeader(header as never)
      .setSubject('1')
      .setAudience(String(claims['realm'] ?? 'retribusi'))
      .setJti(String(claims['jti'] ?? `jti-${Math.random()}`))
      .setIssuedAt()
      .setExpirationTime(typeof claims['exp'] === 'number' ? (claims['exp'] as number) : '10m')
      .sign(key);

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['gateway'],
      env: { PRODUCT_HOSTS: 'autogate.test=autogate,crm.test=crm', BODY_LIMIT_BYTES: '65536', REQUEST_TIMEOUT_MS: '700', API_KEY_CACHE_SECONDS: '30' },
    });
    nats = await connect({ servers: fleet.natsUrl });
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
    stops.push((await fakeService(nats, AUTH_SUBJECTS.jwks, () => ({ response: { keys: [publicJwk] } }))).stop);
    stops.push((await fakeService(nats, AUTH_SUBJECTS.revocations, () => ({ response: { revoked: [] } }))).stop);
    // The gateway retries the JWKS until auth-rbac (here: this test) answers.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const jwks = (await (await fetch(url('/.well-known/jwks.json'))).json()) as { keys: unknown[] };
      if (jwks.keys.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    stops.forEach((stop) => stop());
    await nats?.close();
    await fleet?.stop();
  });

  describe('basics', () => {
    it('answers /health as the retribusi document shows', async () => {
      const response = await fetch(url('/health'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', time: expect.any(Number) });
    });

    it('echoes a sane X-Request-Id and makes one otherwise', async () => {
      expect((await fetch(url('/health'), { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
      const generated = (await fetch(url('/health'), { headers: { 'x-request-id': 'bad id <script>' } })).headers.get('x-request-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends security headers and answers CORS preflights', async () => {
      const health = await fetch(url('/health'));
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
      // Error replies carry them too.
      const missing = await fetch(url('/no/such/route'));
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
      expect(missing.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const preflight = await fetch(url('/auth/v1/login'), {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('is not ready while no service answers, and says which', async () => {
      const response = await fetch(url('/ready'));
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: { nats: boolean; signingKeys: boolean; services: Record<string, { ok: boolean }> } };
      expect(body.status).toBe('not_ready');
      expect(body.checks.nats).toBe(true);
      expect(body.checks.signingKeys).toBe(true);
      expect(body.checks.services['qr']).toEqual({ ok: false, database: false });
    });

    it('serves docs and Prometheus metrics per route', async () => {
      expect((await fetch(url('/docs'))).status).toBe(200);
      const document = (await (await fetch(url('/docs/openapi.json'))).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/auth/v1/login');
      const metrics = await (await fetch(url('/metrics'))).text();
      expect(metrics).toMatch(/gerbang_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    });
  });

  describe('routing and forwarding', () => {
    it('routes the autogate prefix to the service with form body, realm and request id', async () => {
      const service = await fakeService<{ body: Record<string, string> }>(nats, AUTH_SUBJECTS.clientToken, () => ({
        response: { raw: { access_token: 'abc', token_type: 'Bearer', expires_in: 60 }, headers: { 'cache-control': 'no-store' } },
      }));
      stops.push(service.stop);
      const response = await fetch(url('/autogate/v1/external/oauth/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'req-autogate-1' },
        body: 'grant_type=client_credentials&scope=a+b',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ access_token: 'abc', token_type: 'Bearer', expires_in: 60 });
      const received = service.received.at(-1);
      expect(received?.data.body).toEqual({ grant_type: 'client_credentials', scope: 'a b' });
      expect(received?.headers[MESSAGE_HEADERS.realm]).toBe('autogate');
      expect(received?.headers[MESSAGE_HEADERS.requestId]).toBe('req-autogate-1');
      expect(received?.headers[MESSAGE_HEADERS.traceparent]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    });

    it('serves a host-mapped product without its prefix, and only that product', async () => {
      const onHost = await rawRequest(url('/v1/external/oauth/token'), {
        method: 'POST',
        headers: { host: 'autogate.test', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(onHost.status).toBe(200);
      const foreign = await rawRequest(url('/auth/v1/login'), {
        method: 'POST',
        headers: { host: 'autogate.test', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(foreign.status).toBe(404);
      expect(foreign.json()).toEqual({ statusCode: 404, message: expect.any(String), error: 'Not Found' });
      const crmOnHost = await rawRequest(url('/v1/unknown'), { headers: { host: 'crm.test' } });
      expect(crmOnHost.status).toBe(404);
      expect(crmOnHost.json()).toEqual(expect.objectContaining({ status: 404, instance: '/v1/unknown' }));
    });

    it('answers 503 in the product format when no service listens', async () => {
      const response = await fetch(url('/auth/v1/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"a","password":"b"}',
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'service_unavailable', message: expect.any(String) });
    });

    it('answers 504 in the product format when the service is too slow', async () => {
      const silent = await fakeService(nats, AUTH_SUBJECTS.login, () => ({ silent: true }));
      stops.push(silent.stop);
      const response = await fetch(url('/auth/v1/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"a","password":"b"}',
      });
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({ error: 'gateway_timeout', message: expect.any(String) });
      silent.stop();
    });

    it('ignores X-Forwarded-For from an untrusted peer', async () => {
      const service = await fakeService(nats, AUTH_SUBJECTS.verifyApiKey, () => ({
        response: { kind: 'api-key', realm: 'retribusi', keyId: 'k1', scopes: ['retribusi:ingest'] },
      }));
      const whoami = await fakeService(nats, AUTH_SUBJECTS.whoami, () => ({ response: { data: { ok: true } } }));
      stops.push(service.stop, whoami.stop);
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      await fetch(url('/retribusi/v1/ingest/ping'), {
        headers: {
          'x-api-key': 'spoof-check-key',
          'x-forwarded-for': '203.0.113.9',
          'x-request-id': 'req-verify-1',
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
      });
      expect(whoami.received.at(-1)?.headers[MESSAGE_HEADERS.clientIp]).toBe('127.0.0.1');
      // The key's verification at auth-rbac is part of the request: its id, and a span of its trace.
      const verification = service.received.at(-1);
      expect(verification?.headers[MESSAGE_HEADERS.requestId]).toBe('req-verify-1');
      expect(verification?.headers[MESSAGE_HEADERS.traceparent]).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      service.stop();
      whoami.stop();
    });

    it('believes X-Forwarded-For from a trusted proxy', async () => {
      const port = await freePort();
      await fleet.startApp('gateway', { PORT: String(port), TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' });
      const whoami = await fakeService(nats, AUTH_SUBJECTS.whoami, () => ({ response: { data: { ok: true } } }));
      const verify = await fakeService(nats, AUTH_SUBJECTS.verifyApiKey, () => ({
        response: { kind: 'api-key', realm: 'retribusi', keyId: 'k1', scopes: ['retribusi:ingest'] },
      }));
      stops.push(whoami.stop, verify.stop);
      const response = await fetch(`http://127.0.0.1:${port}/retribusi/v1/ingest/ping`, {
        headers: { 'x-api-key': 'proxy-key', 'x-forwarded-for': '198.51.100.7, 10.1.2.3' },
      });
      expect(response.status).toBe(200);
      expect(whoami.received.at(-1)?.headers[MESSAGE_HEADERS.clientIp]).toBe('198.51.100.7');
      whoami.stop();
      verify.stop();
    });
  });

  describe('malformed requests in each product format', () => {
    it.each([
      ['/nope', { error: 'not_found', message: expect.any(String) }],
      ['/crm/nope', expect.objectContaining({ type: 'https://httpstatuses.io/404', status: 404, instance: '/crm/nope', time: expect.any(String) })],
      ['/isp/nope', { message: expect.any(String) }],
      ['/qr/nope', { detail: expect.any(String) }],
      ['/autogate/nope', { statusCode: 404, message: expect.any(String), error: 'Not Found' }],
    ])('404 for %s', async (path, body) => {
      const response = await fetch(url(path));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(body);
    });

    it('400 for malformed JSON (retribusi and autogate)', async () => {
      const retribusi = await fetch(url('/retribusi/v1/frontend/locations'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"code":',
      });
      expect(retribusi.status).toBe(400);
      expect(await retribusi.json()).toEqual({ error: 'bad_request', message: expect.any(String) });
      const autogate = await fetch(url('/autogate/v1/external/oauth/token'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
      expect(autogate.status).toBe(400);
      expect(await autogate.json()).toEqual({ statusCode: 400, message: expect.any(String), error: 'Bad Request' });
    });

    it('400 for a body nested too deeply, which never reaches the service', async () => {
      const deep = `{"code":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
      const response = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'bad_request', message: 'Request body is nested too deeply' });
    });

    it('400 for a NUL or an unpaired surrogate in a body, a path parameter or a query value, which never reaches the service', async () => {
      const creates = await fakeService<{ body: Record<string, string> }>(nats, RETRIBUSI_SUBJECTS.locationsCreate, () => ({
        response: { data: {}, status: 201 },
      }));
      const audits = await fakeService(nats, RETRIBUSI_SUBJECTS.auditLogsList, () => ({ response: { data: [], page: { page: 1, limit: 20, total: 0 } } }));
      stops.push(creates.stop, audits.stop);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token()}` };
      const create = (name: string) =>
        fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers, body: `{"code":"l1","name":"${name}","type":"t"}` });
      const bodyRefused = { error: 'bad_request', message: 'Request body contains a NUL character or an unpaired surrogate' };
      for (const name of ['n\\u0000x', 'n\\ud800x', 'x\\udfff']) {
        const response = await create(name);
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual(bodyRefused);
      }
      const urlRefused = { error: 'bad_request', message: 'Request URL contains a NUL character or an unpaired surrogate' };
      for (const path of [
        '/retribusi/v1/frontend/audit-logs?entity_key=%00',
        '/retribusi/v1/frontend/locations/k%00',
        '/retribusi/v1/frontend/audit-logs?entity_key=ok&entity_key=a%00',
      ]) {
        const response = await fetch(url(path), { headers });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual(urlRefused);
      }
      const huge = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers, body: '{"code":"l1","name":"n","type":"t","x":1e999}' });
      expect(huge.status).toBe(400);
      expect(await huge.json()).toEqual({ error: 'bad_request', message: 'Request body contains a number out of range' });
      const crm = await fetch(url('/crm/v1/customers'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"\\u0000"}' });
      expect(crm.status).toBe(400);
      expect(await crm.json()).toMatchObject({ status: 400, detail: 'Body permintaan memuat karakter NUL atau surrogate tanpa pasangan' });
      expect(creates.received).toHaveLength(0);
      expect(audits.received).toHaveLength(0);

      // Paired surrogates (an emoji) and other text pass as they are.
      const emoji = await create('Pasar \\ud83d\\ude97 Utara');
      expect(emoji.status).toBe(201);
      expect(creates.received.at(-1)?.data.body.name).toBe('Pasar 🚗 Utara');
    });

    it('takes an empty JSON body as no body: a DELETE sent with Content-Type: application/json reaches its service', async () => {
      const deletes = await fakeService(nats, RETRIBUSI_SUBJECTS.locationsDelete, () => ({ response: { data: { deleted: true } } }));
      const creates = await fakeService<{ body: unknown }>(nats, RETRIBUSI_SUBJECTS.locationsCreate, () => ({ response: { data: {}, status: 201 } }));
      stops.push(deletes.stop, creates.stop);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token()}` };
      const removed = await fetch(url('/retribusi/v1/frontend/locations/kerkof_01'), { method: 'DELETE', headers });
      expect(removed.status).toBe(200);
      expect(deletes.received).toHaveLength(1);
      // An empty POST reaches the service as an empty object, whose validation answers per field.
      const empty = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers });
      expect(empty.status).toBe(201);
      expect(creates.received.at(-1)?.data.body).toEqual({});
      // Whitespace is not empty: still malformed JSON.
      const blank = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers, body: '  ' });
      expect(blank.status).toBe(400);
    });

    it('400 in the product format for a path Fastify cannot route: bad percent-encoding, an overlong parameter', async () => {
      const badEncoding = await fetch(url('/retribusi/v1/frontend/locations/%zz'));
      expect(badEncoding.status).toBe(400);
      expect(await badEncoding.json()).toEqual({ error: 'bad_request', message: 'Malformed request URL' });
      const long = await fetch(url(`/retribusi/v1/frontend/locations/${'x'.repeat(150)}`));
      expect(long.status).toBe(400);
      expect(await long.json()).toEqual({ error: 'bad_request', message: 'Request URL is too long' });
      const crm = await fetch(url('/crm/v1/transportationmodes/%zz'));
      expect(crm.status).toBe(400);
      expect(await crm.json()).toMatchObject({ status: 400, detail: 'URL permintaan tidak valid', instance: expect.any(String) });
    });

    it('413 for a body over the limit', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(70_000) });
      const retribusi = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(retribusi.status).toBe(413);
      expect(await retribusi.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) });
      const autogate = await fetch(url('/autogate/v1/external/oauth/token'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(autogate.status).toBe(413);
      expect(await autogate.json()).toEqual({ statusCode: 413, message: expect.any(String), error: 'Payload Too Large' });
    });

    it('415 for a content type the route does not take', async () => {
      const response = await fetch(url('/retribusi/v1/frontend/locations'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ error: 'unsupported_media_type', message: expect.any(String) });
    });
  });

  describe('bearer tokens', () => {
    let locations: Awaited<ReturnType<typeof fakeService>>;
    beforeAll(async () => {
      locations = await fakeService(nats, RETRIBUSI_SUBJECTS.locationsList, () => ({ response: { data: [], page: { page: 1, limit: 20, total: 0 } } }));
      stops.push(locations.stop);
    });
    const list = (bearer?: string) => fetch(url('/retribusi/v1/frontend/locations'), { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const expectUnauthorized = async (response: Response) => {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    };

    it('forwards a valid token as the principal and renders the list envelope', async () => {
      const response = await list(await token());
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ success: true, data: [], meta: { page: 1, limit: 20, total: 0, pages: 0 }, timestamp: expect.any(Number) });
      const principal = decodePrincipalHeader<Principal>(locations.received.at(-1)?.headers[MESSAGE_HEADERS.principal]);
      expect(principal).toEqual(expect.objectContaining({ kind: 'user', realm: 'retribusi', subject: '1', activeRole: 'admin' }));
    });

    it('refuses a missing token, alg none, HS256, a foreign key, an expired token and another realm', async () => {
      await expectUnauthorized(await list());
      const valid = await token();
      const [, claims] = valid.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${claims}.`;
      await expectUnauthorized(await list(none));
      const hs256 = await new SignJWT({ realm: 'retribusi', typ: 'user', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid })
        .setSubject('1')
        .setAudience('retribusi')
        .setJti('x')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('secret'));
      await expectUnauthorized(await list(hs256));
      const foreign = await generateKeyPair('ES256');
      await expectUnauthorized(await list(await token({}, foreign.privateKey)));
      await expectUnauthorized(await list(await token({ exp: Math.floor(Date.now() / 1000) - 600 })));
      await expectUnauthorized(await list(await token({ realm: 'crm' })));
    });

    it('takes no token from the query outside the SSE stream, and never forwards one', async () => {
      const valid = await token();
      await expectUnauthorized(await fetch(url(`/retribusi/v1/frontend/locations?access_token=${valid}`)));
      const withBoth = await fetch(url(`/retribusi/v1/frontend/locations?access_token=${valid}&page=2`), { headers: { authorization: `Bearer ${valid}` } });
      expect(withBoth.status).toBe(200);
      expect(locations.received.at(-1)?.data).toMatchObject({ query: { page: '2' } });
      expect(JSON.stringify(locations.received.at(-1)?.data)).not.toContain(valid);
    });

    it('answers 403 when the active role may not use the route', async () => {
      const response = await list(await token({ role: 'guest', roles: ['guest'] }));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    });

    it('refuses a revoked token within a second of the revocation event', async () => {
      const revokedToken = await token({ jti: 'to-be-revoked' });
      expect((await list(revokedToken)).status).toBe(200);
      nats.publish(AUTH_SUBJECTS.tokenRevoked, JSON.stringify({ tokenId: 'to-be-revoked', expiresAt: Math.floor(Date.now() / 1000) + 600 }));
      const deadline = Date.now() + 1_000;
      let status = 200;
      while (Date.now() < deadline && status !== 401) status = (await list(revokedToken)).status;
      expect(status).toBe(401);
    });
  });

  describe('API keys', () => {
    it('asks auth-rbac once per key and caches the verdict; wrong keys get 401, refused ones 403', async () => {
      const verify = await fakeService<{ key: string }>(nats, AUTH_SUBJECTS.verifyApiKey, ({ data }) =>
        data.key === 'good-key'
          ? { response: { kind: 'api-key', realm: 'retribusi', keyId: 'k9', scopes: ['retribusi:ingest'] } }
          : data.key === 'blocked-key'
            ? { err: { code: 'forbidden', message: 'API key not allowed from this address' } }
            : { err: { code: 'unauthenticated', message: 'Invalid API key' } },
      );
      const whoami = await fakeService(nats, AUTH_SUBJECTS.whoami, () => ({ response: { data: { ok: true } } }));
      stops.push(verify.stop, whoami.stop);
      const ping = (key?: string) => fetch(url('/retribusi/v1/ingest/ping'), { headers: key ? { 'x-api-key': key } : {} });
      const before = verify.received.length;
      expect((await ping('good-key')).status).toBe(200);
      expect((await ping('good-key')).status).toBe(200);
      expect(verify.received.filter((message) => message.data.key === 'good-key')).toHaveLength(1);
      expect(verify.received.length).toBe(before + 1);
      const wrong = await ping('wrong-key');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
      expect((await ping('blocked-key')).status).toBe(403);
      expect((await ping()).status).toBe(401);
      verify.stop();
      whoami.stop();
    });
  });

  describe('API keys under load', () => {
    it('asks auth-rbac once for concurrent requests with a key it has not verified yet', async () => {
      const verify = await fakeService<{ key: string }>(nats, AUTH_SUBJECTS.verifyApiKey, async () => {
        // Slow enough that every request below arrives while the first verification is out.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { response: { kind: 'api-key', realm: 'retribusi', keyId: 'k10', scopes: ['retribusi:ingest'] } };
      });
      const whoami = await fakeService(nats, AUTH_SUBJECTS.whoami, () => ({ response: { data: { ok: true } } }));
      stops.push(verify.stop, whoami.stop);
      const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(url('/retribusi/v1/ingest/ping'), { headers: { 'x-api-key': 'herd-key' } })));
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(verify.received.filter((message) => message.data.key === 'herd-key')).toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After in the product format once a route limit is spent', async () => {
      const login = await fakeService(nats, AUTH_SUBJECTS.login, () => ({ err: { code: 'invalid_credentials', message: 'Invalid credentials' } }));
      stops.push(login.stop);
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let attempt = 0; attempt < 12; attempt += 1) {
        last = await fetch(url('/auth/v1/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"a","password":"b"}' });
        statuses.push(last.status);
      }
      expect(statuses).toContain(401);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last?.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) });
      login.stop();
    });
  });
});

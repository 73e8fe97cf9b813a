import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { retribusiLogin, startFleet, type TestFleet } from '@gerbang/testing';

// The stream's connect budget is its own: a reconnect storm of dashboards behind one NAT must
// not be refused by the global per-IP limit (EventSource gives up for good on a 429), and a
// flood of connects must not eat the budget of ordinary requests. Gate ingest has its own
// budget for the same reason: a site's gates share one address.
const ADMIN_PASSWORD = 'Admin#12345';

describe('per-IP budgets of the SSE stream and gate ingest, apart from the global limit', () => {
  let fleet: TestFleet;
  let token: string;
  const open: AbortController[] = [];

  const connectStream = async () => {
    const controller = new AbortController();
    open.push(controller);
    const response = await fetch(`${fleet.gatewayUrl}/retribusi/v1/realtime/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    return response;
  };

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'gateway'],
      env: { BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, RATE_LIMIT_PER_MINUTE: '5', SSE_CONNECTS_PER_MINUTE: '8', INGEST_REQUESTS_PER_MINUTE: '12' },
    });
    token = await retribusiLogin(fleet.gatewayUrl, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    for (const controller of open) controller.abort();
    await fleet?.stop();
  });

  it('opens more streams than the global limit allows, up to SSE_CONNECTS_PER_MINUTE, then answers 429 with Retry-After', async () => {
    for (let index = 0; index < 8; index += 1) {
      const response = await connectStream();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
    }
    const refused = await connectStream();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
  });

  it('takes more gate ingests than the global limit allows, up to INGEST_REQUESTS_PER_MINUTE on each ingest route', async () => {
    const ingest = (path: string) =>
      fetch(`${fleet.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'no-such-key-123456' }, body: '{}' });
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const response = await ingest('/retribusi/v1/ingest');
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // Within the budget every request meets the key check: a wrong key is 401.
    expect(statuses).toEqual(new Array(12).fill(401));
    const refused = await ingest('/retribusi/v1/ingest');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    const batch = await ingest('/retribusi/v1/ingest/batch');
    expect(batch.status).toBe(401);
  });

  it('leaves the global budget to ordinary requests, which hit their own limit', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await fetch(`${fleet.gatewayUrl}/auth/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5).every((status) => status !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { fakeService, startNatsServer, type TestNatsServer } from '@gerbang/testing';
import { NatsRequester } from '@gerbang/runtime';

describe('NatsRequester on a real nats-server', () => {
  let server: TestNatsServer;
  let nats: NatsConnection;
  let requester: NatsRequester;
  const stops: Array<() => void> = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nats = await connect({ servers: server.url });
    requester = new NatsRequester(nats, 2_000);
    stops.push((await fakeService(nats, 'test.echo.v1', ({ data }) => ({ response: { echoed: data } }))).stop);
    stops.push((await fakeService(nats, 'test.refuse.v1', () => ({ err: { code: 'not_found', message: 'Gate not found' } }))).stop);
    stops.push((await fakeService(nats, 'test.silent.v1', () => ({ silent: true }))).stop);
  });

  afterAll(async () => {
    stops.forEach((stop) => stop());
    await nats?.close();
    await server?.stop();
  });

  it("hands back the service's answer or its domain error", async () => {
    await expect(requester.request('test.echo.v1', { gate: 'g1' })).resolves.toEqual({ ok: true, value: { echoed: { gate: 'g1' } } });
    await expect(requester.request('test.refuse.v1', {})).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'Gate not found' } });
  });

  it('tells no service (503) from a slow one (504)', async () => {
    await expect(requester.request('test.nobody.v1', {})).resolves.toMatchObject({ ok: false, error: { code: 'service_unavailable' } });
    await expect(requester.request('test.silent.v1', {}, { timeoutMs: 200 })).resolves.toMatchObject({ ok: false, error: { code: 'service_timeout' } });
  });

  it("answers payload_too_large for a message over the server's max_payload, not service_unavailable", async () => {
    const body = 'x'.repeat(nats.info?.max_payload ?? 1_048_576);
    await expect(requester.request('test.echo.v1', { body })).resolves.toEqual({
      ok: false,
      error: { code: 'payload_too_large', message: 'Request body is too large' },
    });
  });
});

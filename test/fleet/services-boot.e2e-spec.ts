import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SERVICE_APPS, healthSubject, type HealthReply } from '@gerbang/contracts';
import { NatsRequester } from '@gerbang/runtime';
import { startFleet, withClient, type TestFleet } from '@gerbang/testing';

const SCHEMAS: Record<(typeof SERVICE_APPS)[number], string> = {
  'auth-rbac': 'auth',
  'retribusi-ingest': 'retribusi',
  realtime: 'realtime',
  'crm-masterdata': 'crm',
  'isp-billing': 'isp',
  notification: 'notification',
  qr: 'qr',
  autogate: 'autogate',
};

describe('every service boots on real NATS and PostgreSQL', () => {
  let fleet: TestFleet;
  let connection: NatsConnection;

  beforeAll(async () => {
    fleet = await startFleet({ apps: SERVICE_APPS });
    connection = await connect({ servers: fleet.natsUrl });
  });

  afterAll(async () => {
    await connection?.close();
    await fleet?.stop();
  });

  it.each(SERVICE_APPS)('%s answers its health subject with a live database', async (app) => {
    const outcome = await new NatsRequester(connection, 5_000).request<HealthReply>(healthSubject(app), {});
    expect(outcome).toEqual({ ok: true, value: expect.objectContaining({ app, status: 'ok', database: true }) });
  });

  it('each service migrated its own schema', async () => {
    const rows = await withClient(fleet.databaseUrl, (client) =>
      client.query<{ table_schema: string }>("SELECT table_schema FROM information_schema.tables WHERE table_name = 'migrations'"),
    );
    expect(rows.rows.map((row) => row.table_schema).sort()).toEqual(expect.arrayContaining(Object.values(SCHEMAS).sort()));
  });

  it('replicas of a service share its subject through the queue group', async () => {
    const second = await fleet.startApp('qr');
    const answers = await Promise.all(Array.from({ length: 20 }, () => new NatsRequester(connection, 5_000).request<HealthReply>(healthSubject('qr'), {})));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    await second.stop();
  });
});

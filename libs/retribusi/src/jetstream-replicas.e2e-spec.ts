import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RETRIBUSI_EVENTS_STREAM } from '@gerbang/contracts';
import { freePort, spawnNatsServer, type NatsServerProcess } from '@gerbang/runtime';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { JetStreamConnection } from './jetstream.connection.js';

// RETRIBUSI_EVENTS on a real 3-node JetStream cluster, as k8s/ runs it: the apps create the
// stream with RETRIBUSI_STREAM_REPLICAS copies and raise an existing stream to it.
describe('RETRIBUSI_EVENTS replicas on a JetStream cluster', () => {
  const servers: NatsServerProcess[] = [];
  let directory: string;
  let url: string;
  let client: NatsConnection;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'gerbang-nats-cluster-'));
    const clientPorts = await Promise.all([0, 1, 2].map(() => freePort()));
    const routePorts = await Promise.all([0, 1, 2].map(() => freePort()));
    const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
    // A cluster only answers once every node runs, so the three start together.
    servers.push(
      ...(await Promise.all(
        [0, 1, 2].map((index) =>
          spawnNatsServer({
            port: clientPorts[index] as number,
            storeDir: join(directory, `node-${index}`),
            extraArgs: ['--name', `node-${index}`, '--cluster_name', 'gerbang-test', '--cluster', `nats://127.0.0.1:${routePorts[index]}`, '--routes', routes],
          }),
        ),
      )),
    );
    url = servers.map((server) => server.url).join(',');
    client = await connect({ servers: url.split(',') });
  });

  afterAll(async () => {
    await client?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await rm(directory, { recursive: true, force: true });
  });

  const boot = async (replicas: number) => {
    const previous = process.env.NATS_URL;
    process.env.NATS_URL = url;
    const connection = new JetStreamConnection({ name: 'replicas-test', streamMaxAgeHours: 1, streamReplicas: replicas }, pino({ level: 'silent' }));
    try {
      // The meta leader is elected a moment after the nodes connect; a boot retries as a restarted pod would.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await connection.onModuleInit();
          return connection;
        } catch (error) {
          if (attempt >= 20) throw error;
          await connection.onApplicationShutdown();
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    } finally {
      process.env.NATS_URL = previous;
    }
  };
  const replicasOfStream = async () => (await (await jetstreamManager(client)).streams.info(RETRIBUSI_EVENTS_STREAM.name)).config.num_replicas;

  it('raises a stream created with one copy to three, and a boot asking for fewer never lowers it', async () => {
    const single = await boot(1);
    await single.onApplicationShutdown();
    expect(await replicasOfStream()).toBe(1);

    const clustered = await boot(3);
    await clustered.onApplicationShutdown();
    expect(await replicasOfStream()).toBe(3);

    const again = await boot(1);
    await again.onApplicationShutdown();
    expect(await replicasOfStream()).toBe(3);
  });
});

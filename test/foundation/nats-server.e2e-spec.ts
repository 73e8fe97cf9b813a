import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort, spawnNatsServer, type NatsServerProcess } from '@gerbang/runtime';

/** The GOMAXPROCS a running process was started with, read from /proc. */
async function goMaxProcsOf(pid: number | undefined): Promise<string | undefined> {
  const environment = await readFile(`/proc/${pid}/environ`, 'utf8');
  return environment
    .split('\0')
    .find((entry) => entry.startsWith('GOMAXPROCS='))
    ?.slice('GOMAXPROCS='.length);
}

describe('nats-server started for a fleet', () => {
  const started: NatsServerProcess[] = [];
  const storage: string[] = [];
  const start = async (maxProcs?: number) => {
    const storeDir = await mkdtemp(join(tmpdir(), 'gerbang-nats-procs-'));
    storage.push(storeDir);
    const server = await spawnNatsServer({ port: await freePort(), storeDir, maxProcs });
    started.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
    await Promise.all(storage.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('runs on one Go processor unless told otherwise', async () => {
    const saved = process.env.GOMAXPROCS;
    delete process.env.GOMAXPROCS;
    try {
      await expect(goMaxProcsOf((await start()).child.pid)).resolves.toBe('1');
    } finally {
      if (saved !== undefined) process.env.GOMAXPROCS = saved;
    }
    await expect(goMaxProcsOf((await start(2)).child.pid)).resolves.toBe('2');
  });
});

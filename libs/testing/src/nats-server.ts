import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnNatsServer } from '@gerbang/runtime';

export interface TestNatsServer {
  url: string;
  /** The server's process id (for the benchmarks' CPU figures). */
  pid: number | null;
  stop(): Promise<void>;
}

/**
 * A private nats-server with JetStream for one test run, so subjects and streams of parallel
 * runs never collide. It is the real server binary (Debian's nats-server), not a stand-in.
 */
export async function startNatsServer(binary?: string): Promise<TestNatsServer> {
  const storage = await mkdtemp(join(tmpdir(), 'gerbang-nats-'));
  try {
    const server = await spawnNatsServer({ binary, port: await freePort(), storeDir: storage });
    return {
      url: server.url,
      pid: server.child.pid ?? null,
      async stop() {
        await server.stop();
        await rm(storage, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(storage, { recursive: true, force: true });
    throw error;
  }
}

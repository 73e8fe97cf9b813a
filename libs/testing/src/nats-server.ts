import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort } from './free-port.js';

export interface TestNatsServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A private nats-server with JetStream for one test run, so subjects and streams of parallel
 * runs never collide. It is the real server binary (Debian's nats-server), not a stand-in.
 */
export async function startNatsServer(binary = process.env.NATS_SERVER_BIN ?? 'nats-server'): Promise<TestNatsServer> {
  const port = await freePort();
  const storage = await mkdtemp(join(tmpdir(), 'gerbang-nats-'));
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storage], { stdio: 'ignore' });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start ${binary} (install Debian's nats-server package): ${error.message}`))),
  );
  const url = `nats://127.0.0.1:${port}`;
  await Promise.race([waitForNats(url), spawnError]);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await rm(storage, { recursive: true, force: true });
    },
  };
}

async function waitForNats(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await connect({ servers: url, reconnect: false });
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { connect } from '@nats-io/transport-node';
import { stopChild } from './child-process.js';
import { natsServers } from './nats.js';

export interface NatsServerOptions {
  /** The nats-server binary (Debian package nats-server); default: NATS_SERVER_BIN or `nats-server` on PATH. */
  binary?: string;
  host?: string;
  port: number;
  /** JetStream storage directory. */
  storeDir: string;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which decides the order of shutdown. */
  detached?: boolean;
  /** Receives the server's log lines; without it they are discarded. */
  onLine?: (line: string) => void;
  readyTimeoutMs?: number;
  /** More nats-server arguments, e.g. cluster routes for a JetStream cluster. */
  extraArgs?: string[];
  /**
   * Cores the server's Go runtime uses at once (GOMAXPROCS). Default: GOMAXPROCS from the
   * environment, else 1. This server shares its machine with the whole fleet, and its load
   * (a few thousand messages a second) is a fraction of one core; with more, Go's idle
   * processors spin looking for work: on two cores, one processor cut nats-server's CPU per
   * event in bench:ingest by 15-40 % (docs/BENCHMARKS.md).
   */
  maxProcs?: number;
}

export interface NatsServerProcess {
  url: string;
  child: ChildProcess;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts a real nats-server with JetStream and resolves once it accepts connections.
 * Shared by the fleet runner (npm start) and the end-to-end harness.
 */
export async function spawnNatsServer(options: NatsServerOptions): Promise<NatsServerProcess> {
  const binary = options.binary ?? process.env.NATS_SERVER_BIN ?? 'nats-server';
  const host = options.host ?? '127.0.0.1';
  const child = spawn(binary, ['-a', host, '-p', String(options.port), '-js', '-sd', options.storeDir, ...(options.extraArgs ?? [])], {
    stdio: ['ignore', options.onLine ? 'pipe' : 'ignore', options.onLine ? 'pipe' : 'ignore'],
    detached: options.detached ?? false,
    env: { ...process.env, GOMAXPROCS: String(options.maxProcs ?? process.env.GOMAXPROCS ?? 1) },
  });
  if (options.onLine) {
    for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', options.onLine);
  }
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `${binary} is not installed or not on PATH: install the nats-server package (Debian/Ubuntu: apt-get install nats-server) or point NATS_URL at a running server`
            : `cannot start ${binary}: ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code, signal) => reject(new Error(`${binary} exited (${code ?? signal}) before it accepted connections`)));
  });
  const url = `nats://${host}:${options.port}`;
  try {
    await Promise.race([waitForNats(url, options.readyTimeoutMs), failed]);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  }
  failed.catch(() => undefined);
  return {
    url,
    child,
    // SIGTERM: nats-server flushes JetStream state and exits.
    stop: async (timeoutMs = 10_000) => {
      await stopChild(child, 'SIGTERM', timeoutMs);
    },
  };
}

/** Resolves once a NATS connection to `url` succeeds; rejects with the last error after the timeout. */
export async function waitForNats(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await connect({ servers: url, reconnect: false, timeout: 1_000 });
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Whether a NATS server answers at `servers` (comma separated) within the timeout. */
export async function natsAnswers(servers: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const connection = await connect({ servers: natsServers(servers), reconnect: false, timeout: timeoutMs });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

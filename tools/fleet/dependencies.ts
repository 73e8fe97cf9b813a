import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { databaseUrl } from '@gerbang/database';
import { freePort, natsAnswers, natsServers, portIsFree, spawnNatsServer } from '@gerbang/runtime';
import pg from 'pg';
import { createDatabaseIfMissing, startEmbeddedPostgres } from './embedded-postgres.js';

/** PostgreSQL or NATS as the fleet uses it: found running, or started by the runner. */
export interface Dependency {
  url: string;
  /** For the ready line, e.g. "embedded PostgreSQL on 127.0.0.1:5432". */
  description: string;
  /** The process the runner started, if any. */
  child: ChildProcess | null;
  stop(): Promise<void>;
}

type Say = (line: string) => void;

/**
 * DATABASE_URL (or the apps' default URL when unset) if a PostgreSQL server answers there,
 * creating its database when only that is missing; otherwise an embedded PostgreSQL with its
 * data in the state directory. A server that answers but refuses the login is an error, not a
 * reason to start another one.
 */
export async function resolveDatabase(stateDir: string, say: Say, onLine: Say, readyTimeoutMs: number): Promise<Dependency> {
  const url = databaseUrl();
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'gerbang';
  const answer = await probePostgres(url);
  if (answer === 'missing-database') {
    say(`creating database ${database} on ${redact(url)}`);
    const maintenance = new URL(url);
    maintenance.pathname = '/postgres';
    await createDatabaseIfMissing(maintenance.toString(), database);
  }
  if (answer !== 'down') return { url, description: `PostgreSQL at ${redact(url)}`, child: null, stop: async () => undefined };

  const port = await preferredPort(Number(target.port || 5432));
  const dataDir = join(stateDir, 'postgres');
  say(`no PostgreSQL answers at ${redact(url)}: starting an embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir}; the first start runs initdb)`);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database, onLine, readyTimeoutMs });
  return { url: embedded.url, description: `embedded PostgreSQL on 127.0.0.1:${port}`, child: embedded.child, stop: embedded.stop };
}

/** NATS_URL (default nats://127.0.0.1:4222) if a server answers there; otherwise a local nats-server -js. */
export async function resolveNats(stateDir: string, say: Say, onLine: Say, readyTimeoutMs: number): Promise<Dependency> {
  const servers = natsServers();
  const url = servers.join(',');
  if (await natsAnswers(url)) return { url, description: `NATS at ${url}`, child: null, stop: async () => undefined };
  const first = new URL((servers[0] ?? 'nats://127.0.0.1:4222').replace(/^(?![a-z]+:\/\/)/, 'nats://'));
  const port = await preferredPort(Number(first.port || 4222));
  const storeDir = join(stateDir, 'nats');
  say(`no NATS answers at ${url}: starting nats-server -js on 127.0.0.1:${port} (JetStream data in ${storeDir})`);
  const server = await spawnNatsServer({ port, storeDir, detached: true, onLine, readyTimeoutMs });
  return { url: server.url, description: `nats-server on 127.0.0.1:${port}`, child: server.child, stop: () => server.stop() };
}

/** The port a URL names when it is free here (so a later run finds the same one), otherwise any free port. */
async function preferredPort(port: number): Promise<number> {
  return (await portIsFree(port)) ? port : freePort();
}

async function probePostgres(url: string): Promise<'ok' | 'missing-database' | 'down'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) return 'down';
    if (error.code === '3D000') return 'missing-database';
    // The server answered and said no (wrong password, no such role): starting another one would hide that.
    throw new Error(`PostgreSQL at ${redact(url)} refused the connection: ${error.message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

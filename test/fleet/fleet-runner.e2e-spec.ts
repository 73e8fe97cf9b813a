import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { natsAnswers } from '@gerbang/runtime';
import { createTestDatabase, freePort, repositoryRoot, startNatsServer, withClient, type TestDatabase, type TestNatsServer } from '@gerbang/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';

// npm start as a person runs it: the built runner in a child process, waiting for its one
// ready line, then Ctrl-C. Two runs cover the four ways it finds PostgreSQL and NATS.
const START_TIMEOUT_MS = 240_000;

interface Runner {
  child: ChildProcess;
  lines: string[];
  gatewayUrl: string;
  /** Every process below the runner while the fleet was up. */
  descendants: number[];
  stop(): Promise<number | null>;
}

async function startRunner(env: Record<string, string>): Promise<Runner> {
  const child = spawn(process.execPath, [join(repositoryRoot, 'dist', 'tools', 'fleet', 'main.js')], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => {
        lines.push(line);
        if (process.env.TEST_APP_LOGS === '1') process.stderr.write(`[runner] ${line}\n`);
        const match = /^Gerbang fleet ready in [\d.]+ s: (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
    }
    void exited.then((code) => reject(new Error(`runner exited (${code}) before it was ready:\n${lines.slice(-40).join('\n')}`)));
    setTimeout(() => reject(new Error(`runner not ready after ${START_TIMEOUT_MS} ms:\n${lines.slice(-40).join('\n')}`)), START_TIMEOUT_MS).unref();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGINT');
    return exited;
  };
  try {
    const gatewayUrl = await ready;
    return { child, lines, gatewayUrl, descendants: await descendantsOf(child.pid as number), stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Process ids below `root`, read from /proc (children are in their own process groups, so a group kill would miss them). */
async function descendantsOf(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent) parents.set(Number(entry), parent);
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The runner's own shutdown lines, in the order it printed them. */
function stopOrder(lines: string[]): string[] {
  const steps = ['received SIGINT', 'gateway stopped', 'services stopped', 'stopped'];
  return lines
    .filter((line) => line.startsWith('fleet '))
    .map((line) => line.replace(/^fleet\s+\|\s+/, ''))
    .map((line) => steps.find((step) => line === step || line.startsWith(`${step}:`)))
    .filter((step): step is string => step !== undefined);
}

/** Schemas holding a migrations table: one per service that booted against this database. */
async function migratedSchemas(url: string): Promise<string[]> {
  const result = await withClient(url, (client) =>
    client.query<{ table_schema: string }>("SELECT table_schema FROM information_schema.tables WHERE table_name = 'migrations'"),
  );
  return result.rows.map((row) => row.table_schema);
}

async function loginAndVerify(gatewayUrl: string, password: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatewayUrl}/auth/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { token: string } };
  const { payload } = await jwtVerify(body.data.token, createRemoteJWKSet(new URL(`${gatewayUrl}/.well-known/jwks.json`)), { audience: 'retribusi' });
  return payload;
}

describe('npm start runner', () => {
  describe('with a PostgreSQL that answers and a NATS_URL that does not', () => {
    let database: TestDatabase;
    let natsUrl: string;
    let stateDir: string;
    let runner: Runner;

    beforeAll(async () => {
      database = await createTestDatabase('gerbang_runner');
      natsUrl = `nats://127.0.0.1:${await freePort()}`;
      stateDir = await mkdtemp(join(tmpdir(), 'gerbang-runner-'));
      // BOOTSTRAP_ADMIN_PASSWORD is left unset: the documented default must work.
      runner = await startRunner({ DATABASE_URL: database.url, NATS_URL: natsUrl, PORT: String(await freePort()), GERBANG_STATE_DIR: stateDir });
    }, START_TIMEOUT_MS + 10_000);

    afterAll(async () => {
      await runner?.stop();
      await database?.drop();
      await rm(stateDir, { recursive: true, force: true });
    });

    it('uses the database it was given and starts its own nats-server on the NATS_URL port', async () => {
      expect(runner.lines).toContainEqual(expect.stringContaining(`no NATS answers at ${natsUrl}: starting nats-server -js`));
      expect(runner.lines.find((line) => line.startsWith('Gerbang fleet ready'))).toContain(`nats-server on ${natsUrl.replace('nats://', '')}`);
      expect(await natsAnswers(natsUrl)).toBe(true);
      expect(await migratedSchemas(database.url)).toEqual(expect.arrayContaining(['auth', 'retribusi', 'qr', 'autogate']));
    });

    it('logs the bootstrap admin in with the documented default password; jose verifies the token against the JWKS', async () => {
      expect(await loginAndVerify(runner.gatewayUrl, 'Gerbang#Admin2025')).toEqual(expect.objectContaining({ realm: 'retribusi', role: 'admin' }));
    });

    it('stops everything on SIGINT and exits 0', async () => {
      expect(runner.descendants.length).toBeGreaterThanOrEqual(10);
      expect(await runner.stop()).toBe(0);
      expect(runner.descendants.filter(alive)).toEqual([]);
      expect(await natsAnswers(natsUrl, 500)).toBe(false);
      expect(stopOrder(runner.lines)).toEqual(['received SIGINT', 'gateway stopped', 'services stopped', 'stopped']);
    });
  });

  describe('with a DATABASE_URL that does not answer and a NATS that does', () => {
    let nats: TestNatsServer;
    let stateDir: string;
    let postgresPort: number;
    let runner: Runner;
    const password = 'Runner#Admin2025';

    beforeAll(async () => {
      nats = await startNatsServer();
      stateDir = await mkdtemp(join(tmpdir(), 'gerbang-runner-'));
      // As root the cluster belongs to the postgres user, who must be able to reach it.
      await chmod(stateDir, 0o755);
      postgresPort = await freePort();
      runner = await startRunner({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${postgresPort}/gerbang`,
        NATS_URL: nats.url,
        PORT: String(await freePort()),
        GERBANG_STATE_DIR: stateDir,
        BOOTSTRAP_ADMIN_PASSWORD: password,
      });
    }, START_TIMEOUT_MS + 10_000);

    afterAll(async () => {
      await runner?.stop();
      await nats?.stop();
      await rm(stateDir, { recursive: true, force: true });
    });

    it('starts an embedded PostgreSQL in the state directory and uses the NATS it was given', async () => {
      expect(runner.lines.find((line) => line.startsWith('Gerbang fleet ready'))).toContain(
        `embedded PostgreSQL on 127.0.0.1:${postgresPort}; NATS at ${nats.url}`,
      );
      await expect(access(join(stateDir, 'postgres', 'PG_VERSION'))).resolves.toBeUndefined();
    });

    it('migrated every schema into the embedded database and logs the admin in', async () => {
      const databasePassword = (await readFile(join(stateDir, 'postgres.password'), 'utf8')).trim();
      const embeddedUrl = `postgres://postgres:${encodeURIComponent(databasePassword)}@127.0.0.1:${postgresPort}/gerbang`;
      expect(await migratedSchemas(embeddedUrl)).toEqual(expect.arrayContaining(['auth', 'retribusi', 'qr', 'autogate']));
      expect(await loginAndVerify(runner.gatewayUrl, password)).toEqual(expect.objectContaining({ realm: 'retribusi', role: 'admin' }));
    });

    it('stops PostgreSQL last on SIGINT, exits 0 and leaves no process behind', async () => {
      // Nine apps and the postmaster with its own workers.
      expect(runner.descendants.length).toBeGreaterThanOrEqual(12);
      expect(await runner.stop()).toBe(0);
      expect(runner.descendants.filter(alive)).toEqual([]);
      expect(stopOrder(runner.lines)).toEqual(['received SIGINT', 'gateway stopped', 'services stopped', 'stopped']);
      await expect(access(join(stateDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
      // The NATS the runner was given is not its own: it is left running.
      expect(await natsAnswers(nats.url)).toBe(true);
    });
  });
});

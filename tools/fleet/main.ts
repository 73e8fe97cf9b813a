import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS, SERVICE_APPS } from '@gerbang/contracts';
import { loadConfig } from '@gerbang/runtime';
import { resolveDatabase, resolveNats, type Dependency } from './dependencies.js';
import { FleetConfig } from './fleet.config.js';
import { PrefixedOutput, type LogFormat } from './log-output.js';
import { Supervisor } from './supervisor.js';

// npm start: the whole fleet on one machine. Runs from dist/tools/fleet/main.js.
const started = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const config = (() => {
  try {
    return loadConfig(FleetConfig);
  } catch (error) {
    process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
})();
const output = new PrefixedOutput([...APPS, 'postgres', 'nats', 'fleet'], config.FLEET_LOG_FORMAT as LogFormat, process.stdout.isTTY && !process.env.NO_COLOR);
const say = (line: string) => output.line('fleet', line);
const stateDir = resolve(root, config.GERBANG_STATE_DIR);
// nats-server and PostgreSQL narrate every start and stop; below debug only their warnings and errors are shown.
const chatty = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
const dependencyLines = (source: 'postgres' | 'nats', routine: string) => (line: string) => {
  if (chatty || !line.includes(routine)) output.line(source, line);
};

let stopping = false;
let supervisor: Supervisor | null = null;
const dependencies: Dependency[] = [];
let dependenciesSettled: Promise<unknown> = Promise.resolve();

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) {
    say('stopping now, without waiting');
    forceStop();
    process.exit(1);
  }
  stopping = true;
  say(`${reason}: stopping the gateway, then the services, then NATS and PostgreSQL (Ctrl-C again to force)`);
  if (supervisor) {
    await supervisor.stopApp('gateway');
    say('gateway stopped');
    await supervisor.stopAll();
    say('services stopped');
  }
  // A dependency still starting is stopped once it is up, so none is left behind.
  await dependenciesSettled.catch(() => undefined);
  await Promise.all(dependencies.map((dependency) => dependency.stop()));
  say('stopped');
  process.exit(exitCode);
}

/** Whatever happens to the runner, nothing it started outlives it. */
function forceStop(): void {
  supervisor?.kill();
  for (const dependency of dependencies) dependency.child?.kill('SIGKILL');
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(`received ${signal}`, 0));
process.on('exit', forceStop);

async function startDependencies(): Promise<{ database: Dependency; nats: Dependency }> {
  await mkdir(stateDir, { recursive: true });
  const readyTimeoutMs = Math.min(config.FLEET_READY_TIMEOUT_MS, 60_000);
  const pending = [
    resolveDatabase(stateDir, say, dependencyLines('postgres', ' LOG: '), readyTimeoutMs),
    resolveNats(stateDir, say, dependencyLines('nats', '[INF]'), readyTimeoutMs),
  ] as const;
  const settled = Promise.allSettled(pending);
  dependenciesSettled = settled;
  const [database, nats] = await settled;
  for (const result of [database, nats]) if (result.status === 'fulfilled') dependencies.push(result.value);
  if (database.status === 'rejected') throw database.reason;
  if (nats.status === 'rejected') throw nats.reason;
  return { database: database.value, nats: nats.value };
}

async function waitForGatewayReady(url: string, deadline: number): Promise<void> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway's ${url} did not answer 200 in time (last answer: ${last})`);
}

async function startFleet(): Promise<void> {
  const { database, nats } = await startDependencies();
  if (stopping) return;
  supervisor = new Supervisor({
    root,
    // The apps get the runner's environment with the URLs it settled on.
    env: { ...process.env, DATABASE_URL: database.url, NATS_URL: nats.url, PORT: String(config.PORT) },
    readyTimeoutMs: config.FLEET_READY_TIMEOUT_MS,
    onLine: (app, line) => output.line(app, line),
    say,
  });
  const apps = supervisor;
  // Services first (each migrates its schema and auth-rbac bootstraps the realms), then the edge.
  await Promise.all(SERVICE_APPS.map((app) => apps.start(app)));
  await apps.start('gateway');
  await waitForGatewayReady(`http://127.0.0.1:${config.PORT}/ready`, started + config.FLEET_READY_TIMEOUT_MS);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  output.plain(`Gerbang fleet ready in ${seconds} s: http://localhost:${config.PORT} (${APPS.length} apps; ${database.description}; ${nats.description})`);
}

try {
  await startFleet();
} catch (error) {
  // A failure caused by Ctrl-C during the start is no failure: shutdown() is already under way.
  if (!stopping) {
    process.stderr.write(`fleet: ${error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)}\n`);
    await shutdown('start failed', 1);
  }
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS, type AppName } from '@gerbang/contracts';
import { startAppProcess, type AppProcess } from '@gerbang/runtime';
import { freePort } from './free-port.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Repository root, found from this file whether it runs from source or from dist/. */
export const repositoryRoot = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const marker = `${join('libs', 'testing', 'src')}`;
  return here
    .slice(0, here.lastIndexOf(marker))
    .replace(/[\\/]dist[\\/]?$/, '')
    .replace(/[\\/]$/, '');
})();

export interface FleetOptions {
  /** Apps to start (default: all). The gateway is started last, once the services answer. */
  apps?: readonly AppName[];
  /** Extra environment for every app. */
  env?: Record<string, string>;
  /** Bring your own NATS or database (e.g. to share one between two fleets). */
  natsUrl?: string;
  databaseUrl?: string;
}

export interface TestFleet {
  gatewayUrl: string;
  natsUrl: string;
  /** The private nats-server's process id; null when the fleet was given a NATS_URL. */
  natsPid: number | null;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  /** The first replica of an app. */
  process(app: AppName): AppProcess | undefined;
  startApp(app: AppName, extraEnv?: Record<string, string>): Promise<AppProcess>;
  /** Stops every replica of an app. */
  stopApp(app: AppName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts real apps from dist/ (run `npm run build` first) against a private nats-server and
 * a fresh PostgreSQL database; stop() tears all of it down. On a start failure the app's
 * last log lines are in the error.
 */
export async function startFleet(options: FleetOptions = {}): Promise<TestFleet> {
  const apps = options.apps ?? APPS;
  const nats: TestNatsServer | null = options.natsUrl ? null : await startNatsServer();
  const database: TestDatabase | null = options.databaseUrl ? null : await createTestDatabase();
  const port = await freePort();
  const natsUrl = options.natsUrl ?? (nats as TestNatsServer).url;
  const databaseUrl = options.databaseUrl ?? (database as TestDatabase).url;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    NATS_URL: natsUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BOOTSTRAP_ADMIN_PASSWORD: 'Admin#12345',
    SHUTDOWN_GRACE_MS: '200',
    ...options.env,
  };
  // An app may run as several replicas; each start adds one.
  const running = new Map<AppName, AppProcess[]>();
  const verbose = process.env.TEST_APP_LOGS === '1';

  const startApp = async (app: AppName, extraEnv: Record<string, string> = {}): Promise<AppProcess> => {
    const child = startAppProcess({
      app,
      root: repositoryRoot,
      env: { ...env, ...extraEnv },
      onLine: verbose ? (line) => process.stderr.write(`[${app}] ${line}\n`) : undefined,
    });
    running.set(app, [...(running.get(app) ?? []), child]);
    // A replica that exits (stopped or killed by a test) leaves the list.
    child.child.once('exit', () =>
      running.set(
        app,
        (running.get(app) ?? []).filter((replica) => replica !== child),
      ),
    );
    await child.ready;
    return child;
  };

  const stop = async () => {
    await Promise.all([...running.values()].flat().map((child) => child.stop()));
    running.clear();
    await nats?.stop();
    await database?.drop();
  };

  try {
    await Promise.all(apps.filter((app) => app !== 'gateway').map((app) => startApp(app)));
    if (apps.includes('gateway')) await startApp('gateway');
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    gatewayUrl: `http://127.0.0.1:${port}`,
    natsUrl,
    natsPid: nats?.pid ?? null,
    databaseUrl,
    env,
    process: (app) => running.get(app)?.[0],
    startApp,
    stopApp: async (app) => {
      await Promise.all((running.get(app) ?? []).map((child) => child.stop()));
      running.delete(app);
    },
    stop,
  };
}

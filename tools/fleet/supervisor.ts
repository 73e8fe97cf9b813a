import type { AppName } from '@gerbang/contracts';
import { startAppProcess, type AppProcess } from '@gerbang/runtime';
import { failuresInARow, restartDelayMs } from './restart-policy.js';

export interface SupervisorOptions {
  /** Repository root holding dist/. */
  root: string;
  env: NodeJS.ProcessEnv;
  readyTimeoutMs: number;
  onLine: (app: AppName, line: string) => void;
  say: (line: string) => void;
}

/**
 * Runs the fleet's apps: start() resolves when an app is ready; after that, an app that exits
 * is restarted with a growing delay until stop(). Apps run in their own process groups so
 * that only the runner decides the order in which they stop.
 */
export class Supervisor {
  private readonly running = new Map<AppName, AppProcess>();
  private readonly restartTimers = new Map<AppName, NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Starts an app; rejects (with its last log lines) when it exits or times out before it is ready. */
  async start(app: AppName): Promise<void> {
    await this.launch(app, 0).ready;
  }

  /** Stops one app (the gateway first: no new requests) and keeps it stopped. */
  async stopApp(app: AppName): Promise<void> {
    this.stopping = true;
    this.cancelRestarts();
    await this.running.get(app)?.stop('SIGTERM', 30_000);
  }

  /** Stops every app still running, all at once. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    this.cancelRestarts();
    await Promise.all([...this.running.values()].map((app) => app.stop('SIGTERM', 30_000)));
  }

  /** Last resort when the runner itself dies: no app may outlive it. */
  kill(): void {
    for (const app of this.running.values()) app.child.kill('SIGKILL');
  }

  private cancelRestarts(): void {
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
    this.restartTimers.clear();
  }

  private launch(app: AppName, failures: number): AppProcess {
    const instance = startAppProcess({
      app,
      root: this.options.root,
      env: this.options.env,
      detached: true,
      readyTimeoutMs: this.options.readyTimeoutMs,
      onLine: (line) => this.options.onLine(app, line),
    });
    this.running.set(app, instance);
    let readyAt: number | null = null;
    instance.ready.then(
      () => {
        readyAt = Date.now();
        if (failures > 0) this.options.say(`${app} is ready again`);
      },
      () => undefined,
    );
    instance.child.once('exit', (code, signal) => {
      if (this.running.get(app) === instance) this.running.delete(app);
      // Only an app that was ready once is restarted: a failed first start stops the runner.
      if (this.stopping || (failures === 0 && readyAt === null)) return;
      const inARow = failuresInARow(failures, readyAt === null ? null : Date.now() - readyAt);
      const delay = restartDelayMs(inARow);
      this.options.say(`${app} exited (${code ?? signal}); restarting in ${delay / 1000} s`);
      this.restartTimers.set(
        app,
        setTimeout(() => {
          this.restartTimers.delete(app);
          if (!this.stopping) this.launch(app, inARow);
        }, delay),
      );
    });
    return instance;
  }
}

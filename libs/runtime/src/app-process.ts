import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild } from './child-process.js';

export interface AppProcessOptions {
  app: string;
  /** Repository root holding dist/. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Receives every output line of the app (JSON log lines). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readyTimeoutMs?: number;
  /** Own process group, so a terminal's Ctrl-C reaches only the supervisor, which stops apps in order. */
  detached?: boolean;
}

export interface AppProcess {
  app: string;
  child: ChildProcess;
  /** Resolves when the app logs its `ready` event; rejects if it exits or times out first. */
  ready: Promise<void>;
  /** Last lines of output, for failure reports. */
  tail(): string[];
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/** Entry point of an app inside the built tree. */
export function appEntry(root: string, app: string): string {
  return join(root, 'dist', 'apps', app, 'src', 'main.js');
}

/**
 * Starts one built app as a child process and watches its JSON log for the ready event.
 * Shared by the fleet runner (npm start) and the end-to-end harness.
 */
export function startAppProcess(options: AppProcessOptions): AppProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', appEntry(options.root, options.app)], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const lines: string[] = [];
  let markReady: () => void = () => undefined;
  let markFailed: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  const watch = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (line.includes('"event":"ready"')) markReady();
      options.onLine?.(line, name);
    });
  };
  // stdio is 'pipe' for both, so Node guarantees the streams exist.
  watch(child.stdout as NodeJS.ReadableStream, 'stdout');
  watch(child.stderr as NodeJS.ReadableStream, 'stderr');
  const timer = setTimeout(
    () => markFailed(new Error(`${options.app} not ready after ${options.readyTimeoutMs ?? 30_000} ms:\n${lines.slice(-30).join('\n')}`)),
    options.readyTimeoutMs ?? 30_000,
  );
  timer.unref();
  child.once('exit', (code, signal) => markFailed(new Error(`${options.app} exited (${code ?? signal}) before it was ready:\n${lines.slice(-30).join('\n')}`)));
  ready.then(() => clearTimeout(timer)).catch(() => clearTimeout(timer));
  return {
    app: options.app,
    child,
    ready,
    tail: () => [...lines],
    stop: (signal = 'SIGTERM', timeoutMs = 15_000) => stopChild(child, signal, timeoutMs),
  };
}

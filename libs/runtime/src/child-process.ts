import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` and resolves with the exit code once the child exits; `force` follows if it
 * is still running after `timeoutMs`. A child that already exited resolves at once.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number, force: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve(child.exitCode);
    const killer = setTimeout(() => child.kill(force), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
    child.kill(signal);
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BaselineServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts bench/lib/baseline-server in a child process and resolves once it listens. */
export function startBaselineServer(): Promise<BaselineServer> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'baseline-server.js');
  const child: ChildProcess = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString('utf8'));
      if (!match) return;
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        pid: child.pid as number,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

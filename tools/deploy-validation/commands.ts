import { execFile } from 'node:child_process';

export interface CommandOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
  missing: boolean;
}

/** Runs a command without a shell and reports what it printed; a missing binary is reported, not thrown. */
export function runCommand(binary: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    execFile(binary, args, { ...options, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr || (missing ? '' : (error?.message ?? ''))), missing });
    });
  });
}

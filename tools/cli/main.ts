import { runCli } from './cli.js';

/** `npm run gerbang -- <command>`; exit codes: 0 ok, 1 refused by auth-rbac, 2 usage, 3 auth-rbac or NATS unreachable. */
const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exit(exitCode);

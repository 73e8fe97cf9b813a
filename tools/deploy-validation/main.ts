import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCompose } from './compose.js';
import { checkDockerfile } from './dockerfile.js';
import { checkKubernetes } from './kubernetes.js';
import type { CheckResult } from './report.js';

// npm run validate:deploy: static validation of the Dockerfile, docker-compose.yml and k8s/.
// Runs from dist/tools/deploy-validation/main.js.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const results: CheckResult[] = [await checkDockerfile(root), await checkCompose(root), ...(await checkKubernetes(root))];
for (const result of results) {
  process.stdout.write(`${result.problems.length === 0 ? 'ok  ' : 'FAIL'} ${result.name}\n`);
  for (const problem of result.problems) process.stdout.write(`       ${problem}\n`);
}
const failing = results.filter((result) => result.problems.length > 0).length;
process.stdout.write(
  failing === 0 ? `deployment files valid (${results.length} checks)\n` : `deployment files invalid: ${failing} of ${results.length} checks found problems\n`,
);
process.exitCode = failing === 0 ? 0 : 1;

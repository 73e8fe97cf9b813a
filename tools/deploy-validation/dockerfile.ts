import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import type { CheckResult } from './report.js';
import { Problems } from './report.js';

// LSP severities: 1 error, 2 warning.
const REPORTED_SEVERITIES = new Set([1, 2]);

/** The Dockerfile through dockerfile-utils' validator, plus the rules this image promises. */
export async function checkDockerfile(root: string): Promise<CheckResult> {
  return { name: 'Dockerfile (dockerfile-utils)', problems: dockerfileProblems(await readFile(join(root, 'Dockerfile'), 'utf8')) };
}

export function dockerfileProblems(content: string): string[] {
  const problems = new Problems();
  for (const diagnostic of validate(content)) {
    if (REPORTED_SEVERITIES.has(diagnostic.severity ?? 1)) problems.add(`line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  }
  const instructions = content
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = instructions.filter((line) => /^FROM\s/i.test(line));
  problems.expect(stages.length >= 2, 'expected a multi-stage build (a build stage and a runtime stage)');
  const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) ?? ''));
  const user = finalStage.filter((line) => /^USER\s/i.test(line)).at(-1);
  problems.expect(user && !/^USER\s+(root|0)(:|\s|$)/i.test(user), 'the runtime stage must switch to a non-root USER');
  problems.expect(
    finalStage.some((line) => /^HEALTHCHECK\s/i.test(line)),
    'the runtime stage needs a HEALTHCHECK',
  );
  problems.expect(
    finalStage.some((line) => /^ENTRYPOINT\s/i.test(line) && line.includes('APP')),
    'the ENTRYPOINT must pick the app from APP',
  );
  return problems.list;
}

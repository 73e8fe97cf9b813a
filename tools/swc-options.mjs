// One SWC configuration for the build and for Jest, so tests run the code as shipped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const tsconfig = JSON.parse(readFileSync(join(repositoryRoot, 'tsconfig.base.json'), 'utf8'));

export function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2023',
      keepClassNames: true,
      baseUrl: repositoryRoot,
      paths: tsconfig.compilerOptions.paths,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6', resolveFully: true },
    sourceMaps: true,
  };
}

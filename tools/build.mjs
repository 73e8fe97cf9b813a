// Compiles every TypeScript source (tests excluded) into dist/ with the same layout.
// SWC emits decorator metadata (Nest needs it) and rewrites the @gerbang/* aliases to
// relative paths, so the output runs on plain Node without a loader. dist/ is overwritten
// in place, not wiped, so a running fleet is never left without its files mid-build.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { repositoryRoot, swcOptions } from './swc-options.mjs';

const sourceFolders = ['apps', 'libs', 'tools', 'bench'];
const outputFolder = join(repositoryRoot, 'dist');
const isCompiled = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(name);

async function* sources(folder) {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* sources(path);
    else if (entry.isFile() && isCompiled(entry.name)) yield path;
  }
}

const started = Date.now();
const options = swcOptions();
let count = 0;
const jobs = [];
for (const folder of sourceFolders) {
  for await (const file of sources(join(repositoryRoot, folder))) {
    const target = join(outputFolder, relative(repositoryRoot, file)).replace(/\.ts$/, '.js');
    jobs.push(
      (async () => {
        const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
        if (map) await writeFile(`${target}.map`, map);
        count += 1;
      })(),
    );
  }
}
await Promise.all(jobs);
process.stdout.write(`built ${count} files into dist/ in ${Date.now() - started} ms\n`);

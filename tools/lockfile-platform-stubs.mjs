// The registry this project installs from does not carry every platform build of packages
// with native binaries (e.g. darwin or win32 builds of a resolver). `npm install` then
// leaves those optional dependencies out of package-lock.json and `npm ci` refuses the
// lock as out of sync. This script adds a lock entry for each such optional dependency,
// declaring the os/cpu/libc its name targets, so `npm ci` knows it and skips it on this
// platform without fetching it. Run after `npm install`: `node tools/lockfile-platform-stubs.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import semver from 'semver';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((candidate) => parts.includes(candidate));
  const cpu =
    CPU.find((candidate) => parts.includes(candidate)) ??
    (parts.includes('armv7') || parts.includes('gnueabihf') || parts.includes('musleabihf') ? 'arm' : undefined);
  if (!os || !cpu) return null;
  const libc = parts.some((part) => part.startsWith('musl')) ? ['musl'] : os === 'linux' ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

function resolveLocation(fromLocation, name) {
  // Node resolution inside the lock: nearest node_modules up from the dependent.
  let base = fromLocation;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const index = base.lastIndexOf('/node_modules/');
    base = index === -1 ? '' : base.slice(0, index);
  }
}

let added = 0;
for (const [location, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const found = resolveLocation(location, name);
    if (found && semver.satisfies(packages[found].version, version)) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    // Nested under the dependent when a hoisted copy of another version is in the way.
    const target = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[target]) continue;
    packages[target] = { version: version.replace(/^[\^~=]/, ''), optional: true, ...(entry.dev ? { dev: true } : {}), ...platform };
    added += 1;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`lockfile: ${added} platform-specific optional dependencies recorded\n`);

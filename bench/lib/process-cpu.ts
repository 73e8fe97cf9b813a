import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's CPU times (100 on every common Linux). */
const TICKS_PER_SECOND = (() => {
  try {
    return (
      Number(
        execFileSync('getconf', ['CLK_TCK'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      ) || 100
    );
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far; null where /proc cannot tell (not Linux, process gone). */
export async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: state, ppid, ... utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Process ids by the name a figure is printed under. */
export type ProcessGroups = Record<string, number[]>;

/** CPU seconds per process id, for every pid of the groups. */
export async function cpuSnapshot(groups: ProcessGroups): Promise<Map<number, number>> {
  const snapshot = new Map<number, number>();
  for (const pid of new Set(Object.values(groups).flat())) {
    const seconds = await cpuSeconds(pid);
    if (seconds !== null) snapshot.set(pid, seconds);
  }
  return snapshot;
}

/**
 * CPU seconds each group used between two snapshots; a process that appeared in between
 * counts from zero. null for a group none of whose processes could be read.
 */
export function cpuBetween(groups: ProcessGroups, before: Map<number, number>, after: Map<number, number>): Record<string, number | null> {
  const used: Record<string, number | null> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const readable = pids.filter((pid) => after.has(pid));
    used[name] = readable.length === 0 ? null : readable.reduce((sum, pid) => sum + (after.get(pid) as number) - (before.get(pid) ?? 0), 0);
  }
  return used;
}

/** An app that stayed up this long before crashing starts its backoff from the beginning again. */
export const STABLE_AFTER_MS = 60_000;
const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 30_000;

/** Delay before restarting an app after its `failures`-th crash in a row: 1 s, 2 s, 4 s ... 30 s. */
export function restartDelayMs(failures: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1), LONGEST_DELAY_MS);
}

/** Crashes in a row, counting this one: an app that ran long enough starts again from one. */
export function failuresInARow(previousFailures: number, upForMs: number | null): number {
  return upForMs !== null && upForMs >= STABLE_AFTER_MS ? 1 : previousFailures + 1;
}

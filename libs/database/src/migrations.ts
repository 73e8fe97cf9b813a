import type { DataSource } from 'typeorm';

/** A stable 32-bit key per schema for pg_advisory_lock. */
export function advisoryLockKey(schema: string): number {
  let hash = 0;
  for (const character of `gerbang:migrations:${schema}`) hash = (Math.imul(hash, 31) + character.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Creates the schema and runs pending migrations under a session advisory lock, so several
 * replicas can boot at once and exactly one migrates. SKIP_MIGRATIONS=1 leaves it to an
 * operator (e.g. a Kubernetes Job).
 */
export async function migrateSchema(dataSource: DataSource, schema: string): Promise<string[]> {
  if (process.env.SKIP_MIGRATIONS === '1') return [];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = advisoryLockKey(schema);
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

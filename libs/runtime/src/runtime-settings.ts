import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The environment every service reads through the shared runtime, validated by runService at
 * boot like each app's own config: a bad value stops the start with its name, instead of a
 * NaN pool size or a metrics server that never listens.
 */
export class RuntimeSettings {
  /** Port of the /metrics and /health server; unset: none. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** How long a stopping service keeps answering what is in flight. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_GRACE_MS: number = 2_000;

  @IsInt()
  @Min(1)
  @Max(1_000)
  DATABASE_POOL_SIZE: number = 10;

  /** 1: leave the schema as it is (an operator migrates separately). */
  @IsOptional()
  @IsIn(['0', '1'])
  SKIP_MIGRATIONS?: string;

  /** The UTC offset of the CRM's timestamps (the document's server runs at UTC+7). */
  @IsInt()
  @Min(-720)
  @Max(840)
  CRM_TIME_OFFSET_MINUTES: number = 420;
}

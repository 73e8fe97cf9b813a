import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * The runner's own environment (npm start), validated at boot. Everything else in the
 * environment is passed on to the apps unchanged.
 */
export class FleetConfig {
  /** The gateway's HTTP port. */
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** Used when it answers; otherwise an embedded PostgreSQL is started. Unset: the apps' default URL is tried first. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Used when it answers; otherwise a local nats-server -js is started. Unset: nats://127.0.0.1:4222 is tried first. */
  @IsOptional()
  @IsString()
  NATS_URL?: string;

  /** Where the embedded PostgreSQL and the local nats-server keep their data (relative to the repository). */
  @IsString()
  @MinLength(1)
  GERBANG_STATE_DIR: string = '.gerbang';

  /** `pretty`: one readable line per log entry; `json`: the apps' JSON lines as they are. */
  @IsIn(['pretty', 'json'])
  FLEET_LOG_FORMAT: string = 'pretty';

  /** How long one app (and then the whole fleet) may take to become ready. */
  @IsInt()
  @Min(1_000)
  FLEET_READY_TIMEOUT_MS: number = 180_000;
}

import { FLAGS, IsTimeZone } from '@gerbang/retribusi';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

/**
 * realtime's environment, validated at boot (the process refuses to start on any error).
 * Defaults are production values. Numbers carry @Type because environment values are
 * strings and an unannotated property has no type metadata to convert by.
 */
export class RealtimeConfig {
  /** The snapshot's days, the list's start_date/end_date and created_at are in this zone. */
  @IsString()
  @IsTimeZone()
  BUSINESS_TIMEZONE: string = 'Asia/Jakarta';

  /** Events are kept this many days after they were stored (the SSE resume window). */
  @IsInt()
  @Min(1)
  @Max(3_650)
  @Type(() => Number)
  REALTIME_RETENTION_DAYS: number = 7;

  /** How often a replica prunes events past retention. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  @Type(() => Number)
  REALTIME_PRUNE_INTERVAL_SECONDS: number = 600;

  /** 0: this replica answers requests but does not read RETRIBUSI_EVENTS. */
  @IsIn(FLAGS)
  REALTIME_CONSUMER_ENABLED: string = '1';

  /** Most entries stored (and published live) in one transaction. */
  @IsInt()
  @Min(1)
  @Max(5_000)
  @Type(() => Number)
  REALTIME_BATCH_SIZE: number = 500;

  /** JetStream redelivers an entry realtime has not acknowledged after this long. */
  @IsInt()
  @Min(1)
  @Max(3_600)
  @Type(() => Number)
  REALTIME_ACK_WAIT_SECONDS: number = 30;

  /** Connections of the pool the consumer, the queries and the pruning share. */
  @IsInt()
  @Min(2)
  @Max(200)
  @Type(() => Number)
  REALTIME_POOL_SIZE: number = 10;

  /** How long RETRIBUSI_EVENTS keeps messages, when realtime is the app that creates it. */
  @IsInt()
  @Min(1)
  @Max(87_600)
  @Type(() => Number)
  RETRIBUSI_STREAM_MAX_AGE_HOURS: number = 168;

  /** Copies of RETRIBUSI_EVENTS in a JetStream cluster (3 on the k8s/ cluster); raised on boot, never lowered. */
  @IsInt()
  @Min(1)
  @Max(5)
  @Type(() => Number)
  RETRIBUSI_STREAM_REPLICAS: number = 1;
}

export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');

import { FLAGS, IsTimeZone } from '@gerbang/retribusi';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

/**
 * retribusi-ingest's environment, validated at boot (the process refuses to start on any
 * error). Defaults are production values. Numbers carry @Type because environment values
 * are strings and an unannotated property has no type metadata to convert by.
 */
export class RetribusiConfig {
  /** Days, hours and every "YYYY-MM-DD HH:MM:SS" the API shows are in this zone. */
  @IsString()
  @IsTimeZone()
  BUSINESS_TIMEZONE = 'Asia/Jakarta';

  /** 1: seed locations, gates, tariffs and thirty days of events into an empty database. */
  @IsIn(FLAGS)
  DEMO_DATA = '0';

  /** How long ingest trusts a location/gate/tariff lookup; this replica's own writes clear it at once. */
  @IsInt()
  @Min(0)
  @Max(300_000)
  @Type(() => Number)
  MASTER_DATA_CACHE_TTL_MS = 5_000;

  /** Connections of the pool that ingest, the outbox relay and the aggregator use. */
  @IsInt()
  @Min(1)
  @Max(200)
  @Type(() => Number)
  INGEST_POOL_SIZE = 10;

  /** 0: this replica does not publish the outbox (another deployment does). */
  @IsIn(FLAGS)
  OUTBOX_RELAY_ENABLED = '1';

  /** The relay looks this often for unpublished rows that no handover at commit published. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  @Type(() => Number)
  OUTBOX_POLL_INTERVAL_MS = 200;

  /**
   * How long rows published at their commit gather before one UPDATE marks them all: one
   * transaction for many ingest commits. Below the poll's 10 s grace period less the 5 s
   * publish timeout, so the poll never takes a row for unpublished while its mark waits.
   */
  @IsInt()
  @Min(0)
  @Max(5_000)
  @Type(() => Number)
  OUTBOX_MARK_DELAY_MS = 250;

  @IsInt()
  @Min(1)
  @Max(5_000)
  @Type(() => Number)
  OUTBOX_BATCH_SIZE = 500;

  /** Published outbox rows are deleted after this many hours. */
  @IsInt()
  @Min(1)
  @Max(8_760)
  @Type(() => Number)
  OUTBOX_RETENTION_HOURS = 24;

  /** 0: this replica does not run the summary consumer. */
  @IsIn(FLAGS)
  AGGREGATOR_ENABLED = '1';

  /** Most events the aggregator folds into the summaries in one transaction. */
  @IsInt()
  @Min(1)
  @Max(5_000)
  @Type(() => Number)
  AGGREGATOR_BATCH_SIZE = 500;

  /**
   * How long the aggregator lets events gather before folding them in: the summaries lag by
   * up to this much more, and under load take one transaction per many ingest commits.
   */
  @IsInt()
  @Min(0)
  @Max(5_000)
  @Type(() => Number)
  AGGREGATOR_LINGER_MS = 100;

  /** JetStream redelivers an event the aggregator has not acknowledged after this long. */
  @IsInt()
  @Min(1)
  @Max(3_600)
  @Type(() => Number)
  AGGREGATOR_ACK_WAIT_SECONDS = 30;

  /** How long RETRIBUSI_EVENTS keeps messages (applies when this app creates the stream). */
  @IsInt()
  @Min(1)
  @Max(87_600)
  @Type(() => Number)
  RETRIBUSI_STREAM_MAX_AGE_HOURS = 168;

  /** Copies of RETRIBUSI_EVENTS in a JetStream cluster (3 on the k8s/ cluster); raised on boot, never lowered. */
  @IsInt()
  @Min(1)
  @Max(5)
  @Type(() => Number)
  RETRIBUSI_STREAM_REPLICAS: number = 1;

  /** Longest date range /dashboard/daily answers, in days. */
  @IsInt()
  @Min(1)
  @Max(3_660)
  @Type(() => Number)
  DASHBOARD_MAX_RANGE_DAYS = 366;
}

export const RETRIBUSI_CONFIG = Symbol('RETRIBUSI_CONFIG');

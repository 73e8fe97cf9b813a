import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * Gateway environment, validated at boot (the process refuses to start on a bad value).
 * Types are written out: decorator metadata (used to convert env strings) needs them.
 */
export class GatewayConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** `host=product` pairs, comma separated: that host serves the product with no prefix. */
  @IsString()
  PRODUCT_HOSTS: string = '';

  /** IPs or CIDRs of proxies whose X-Forwarded-For is believed, comma separated. */
  @IsString()
  TRUSTED_PROXIES: string = '';

  /** Allowed browser origins, comma separated, or `*`. */
  @IsString()
  CORS_ORIGINS: string = '*';

  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt()
  @Min(100)
  @Max(120_000)
  REQUEST_TIMEOUT_MS: number = 10_000;

  /** Requests per minute one client IP may make across all routes. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /** How long shutdown waits for in-flight requests before closing connections. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10_000;

  /** Seconds an API-key verdict is cached (the key itself is never kept). */
  @IsInt()
  @Min(0)
  @Max(300)
  API_KEY_CACHE_SECONDS: number = 30;

  /** Open SSE streams one gateway holds; one more gets 503. */
  @IsInt()
  @Min(1)
  SSE_MAX_CONNECTIONS: number = 10_000;

  /**
   * Bytes a stream may have waiting for a slow client before it is cut off (it resumes with
   * Last-Event-ID). At least 64 KiB: the response head alone is over 1 KiB, so a bound near
   * it would cut every stream before its first event.
   */
  @IsInt()
  @Min(65_536)
  SSE_MAX_BUFFERED_BYTES: number = 1024 * 1024;

  /** A stream with no data for this long gets a ping. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  SSE_PING_INTERVAL_MS: number = 10_000;

  /** The `retry:` reconnect delay the stream suggests to clients. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  SSE_RETRY_MS: number = 3_000;

  /**
   * Stream connects per client IP per minute, a budget apart from RATE_LIMIT_PER_MINUTE: after
   * a gateway restart every dashboard behind one NAT reconnects at once, and EventSource gives
   * up for good on a 429. SSE_MAX_CONNECTIONS still bounds what streams can cost.
   */
  @IsInt()
  @Min(1)
  SSE_CONNECTS_PER_MINUTE: number = 3_000;

  /**
   * Gate ingest requests per client IP per minute on each ingest route (single events, batches),
   * a budget apart from RATE_LIMIT_PER_MINUTE: the gates of a site share one address behind its router, the
   * document promises gates no rate limit, and a gate back online uploads its backlog fast.
   * Requests with a wrong key count too, so the budget still bounds a flood.
   */
  @IsInt()
  @Min(1)
  INGEST_REQUESTS_PER_MINUTE: number = 60_000;

  /** Events per replay request when a stream resumes or the gateway fills a gap. */
  @IsInt()
  @Min(1)
  @Max(1000)
  SSE_REPLAY_PAGE_SIZE: number = 500;

  /** Public base URL for the OpenAPI documents' servers (optional). */
  @IsOptional()
  @IsString()
  PUBLIC_BASE_URL?: string;

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])
  LOG_LEVEL: string = 'info';
}

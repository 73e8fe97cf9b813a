import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@gerbang/runtime';

/** Per-route request counts and latency; `route` is the matched pattern, never a raw path. */
export const httpRequestDuration = new Histogram({
  name: 'gerbang_http_request_duration_seconds',
  help: 'Gateway request latency by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const httpRequestsTotal = new Counter({
  name: 'gerbang_http_requests_total',
  help: 'Gateway requests by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

/** Requests per coalesced NATS message (RouteDefinition.coalescedSubject), by subject. */
export const coalescedBatchSize = new Histogram({
  name: 'gerbang_coalesced_batch_size',
  help: 'HTTP requests carried by one coalesced NATS message, by subject',
  labelNames: ['subject'] as const,
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  registers: [metricsRegistry],
});

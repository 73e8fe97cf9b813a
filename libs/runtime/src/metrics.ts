import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process, with Node's default metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const natsHandlerDuration = new Histogram({
  name: 'gerbang_nats_handler_duration_seconds',
  help: 'Time a service spent answering a NATS request, by subject and outcome',
  labelNames: ['subject', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const natsHandlerTotal = new Counter({
  name: 'gerbang_nats_handler_requests_total',
  help: 'NATS requests a service answered, by subject and outcome',
  labelNames: ['subject', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Serves /metrics on its own port (METRICS_PORT) so scrapes never pass the public edge, with
 * /health (the process answers: liveness) and /ready (`ready()` holds: readiness) for probes.
 */
export function startMetricsServer(port: number | undefined, ready: () => Promise<boolean> = async () => true): Server | null {
  if (!port) return null;
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/ready') {
      ready()
        .catch(() => false)
        .then((isReady) =>
          response.writeHead(isReady ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: isReady ? 'ready' : 'not_ready' })),
        )
        .catch(() => response.destroy());
      return;
    }
    if (path !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metricsRegistry
      .metrics()
      .then((body) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body))
      .catch(() => response.writeHead(500).end());
  });
  server.listen(port, '0.0.0.0');
  return server;
}

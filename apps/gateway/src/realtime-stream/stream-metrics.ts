import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@gerbang/runtime';

export const openStreams = new Gauge({
  name: 'gerbang_sse_open_streams',
  help: 'SSE streams this gateway holds open',
  registers: [metricsRegistry],
});

export const streamEventsSent = new Counter({
  name: 'gerbang_sse_events_sent_total',
  help: 'ingest frames written to SSE streams (one per stream per event)',
  registers: [metricsRegistry],
});

export const streamsClosed = new Counter({
  name: 'gerbang_sse_streams_closed_total',
  help: 'SSE streams ended, by reason (slow: cut off at the buffer bound)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const slowClientsDropped = new Counter({
  name: 'gerbang_sse_slow_clients_dropped_total',
  help: 'SSE streams cut off because the client did not read within the buffer bound',
  registers: [metricsRegistry],
});

export const gapEventsRecovered = new Counter({
  name: 'gerbang_sse_gap_events_recovered_total',
  help: 'Events the gateway fetched from the realtime history because their live message never arrived',
  registers: [metricsRegistry],
});

export const streamResets = new Counter({
  name: 'gerbang_sse_resets_total',
  help: 'Resumes from an id older than the history kept (the stream sent a reset event)',
  registers: [metricsRegistry],
});

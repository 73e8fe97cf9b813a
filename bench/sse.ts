import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBaselineServer } from './lib/baseline.js';
import { envNumber, formatNumber, machineLine, percentile, printTable, say, sortedCopy } from './lib/figures.js';
import { SseSubscriberPool } from './lib/sse-subscriber-pool.js';
import { wallClock } from './lib/sse-subscribers.js';
import { adminToken, benchTarget, createBenchSite } from './lib/target.js';

/**
 * npm run bench:sse — holds BENCH_SUBSCRIBERS (default 10,000) SSE connections on
 * GET /retribusi/v1/realtime/stream through the gateway, ingests BENCH_RATE events/s (default
 * 5) for BENCH_SECONDS (default 30) over POST /retribusi/v1/ingest, and prints delivery
 * latency p50/p99 from the ingest's accept (its 2xx) to receipt on every connection, the
 * gateway's RSS, and lost or duplicated events. The same run drives a bare Node SSE
 * broadcaster (bench/lib/baseline-server.ts) with as many connections and the same rate.
 * The streams are read by BENCH_SSE_READERS threads (default: one per core).
 */

interface RunFigures {
  name: string;
  connected: number;
  failed: number;
  events: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicated: number;
  dropped: number;
  rssMb: number;
}

function rssMb(pid: number | null): number {
  if (!pid) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Opens the subscribers, sends `rate` events/s one after another (so accept order is id
 * order), waits for delivery, and works out latency by matching each received id to the
 * accept time of the event with the same rank among all ids seen.
 */
async function run(name: string, streamUrl: string, headers: Record<string, string>, publish: () => Promise<boolean>, pid: number | null): Promise<RunFigures> {
  const count = envNumber('BENCH_SUBSCRIBERS', 10_000);
  const rate = envNumber('BENCH_RATE', 5);
  const seconds = envNumber('BENCH_SECONDS', 30);
  const subscribers = new SseSubscriberPool(streamUrl, headers, envNumber('BENCH_SSE_READERS', availableParallelism()));
  const openedAt = wallClock();
  await subscribers.open(count);
  say(`${name}: ${count - subscribers.failed} of ${count} streams open in ${formatNumber((wallClock() - openedAt) / 1000, 1)} s`);
  await sleep(1000);

  const accepted: number[] = [];
  let peakRss = rssMb(pid);
  const total = Math.round(rate * seconds);
  const started = wallClock();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - wallClock();
    if (wait > 0) await sleep(wait);
    if (await publish()) accepted.push(wallClock());
    if (index % Math.max(1, Math.round(rate)) === 0) peakRss = Math.max(peakRss, rssMb(pid));
  }
  // Let the last events reach every connection.
  await sleep(3000);
  peakRss = Math.max(peakRss, rssMb(pid));
  const dropped = await subscribers.dropped();
  const received = await subscribers.close();

  const allIds = sortedCopy([...new Set(received.flatMap((slot) => slot.ids))]);
  const rank = new Map(allIds.map((id, index) => [id, index]));
  const latencies: number[] = [];
  let lost = 0;
  let duplicated = 0;
  const live = received.filter((slot) => slot.ids.length > 0 || subscribers.failed === 0);
  for (const slot of live) {
    const unique = new Set(slot.ids);
    duplicated += slot.ids.length - unique.size;
    lost += Math.max(0, accepted.length - unique.size);
    slot.ids.forEach((id, index) => {
      const acceptedAt = accepted[rank.get(id) ?? -1];
      if (acceptedAt !== undefined) latencies.push(Math.max(0, (slot.times[index] as number) - acceptedAt));
    });
  }
  const sorted = sortedCopy(latencies);
  return {
    name,
    connected: count - subscribers.failed,
    failed: subscribers.failed,
    events: accepted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    lost,
    duplicated,
    dropped,
    rssMb: peakRss,
  };
}

say(`bench:sse on ${await machineLine()}\n`);
const baseline = await startBaselineServer();
const target = await benchTarget(['auth-rbac', 'retribusi-ingest', 'realtime', 'gateway'], {
  SSE_MAX_CONNECTIONS: '20000',
  SSE_CONNECTS_PER_MINUTE: '100000000',
});
let exitCode = 0;
try {
  const token = await adminToken(target);
  const site = await createBenchSite(target, token, 1);
  let sequence = 0;
  const body = () => {
    sequence += 1;
    return JSON.stringify({
      timestamp: Math.floor(Date.now() / 1000),
      location_code: site.locationCode,
      gate_code: site.gateCodes[0],
      category: site.categories[sequence % 3],
    });
  };
  const post = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body() });
    await response.arrayBuffer();
    return response.ok;
  };

  const bare = await run('bare node', `${baseline.url}/sse`, {}, () => post(`${baseline.url}/publish`, {}), baseline.pid);
  const gerbang = await run(
    'gerbang',
    `${target.gatewayUrl}/retribusi/v1/realtime/stream?location_code=${site.locationCode}`,
    { authorization: `Bearer ${token}` },
    () => post(`${target.gatewayUrl}/retribusi/v1/ingest`, { 'x-api-key': target.apiKey }),
    target.gatewayPid,
  );

  say('');
  printTable(
    ['server', 'streams', 'failed', 'events', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'duplicated', 'cut off', 'peak RSS MB'],
    [bare, gerbang].map((figures) => [
      figures.name,
      String(figures.connected),
      String(figures.failed),
      String(figures.events),
      formatNumber(figures.p50, 1),
      formatNumber(figures.p99, 1),
      formatNumber(figures.max, 1),
      String(figures.lost),
      String(figures.duplicated),
      String(figures.dropped),
      formatNumber(figures.rssMb, 0),
    ]),
  );
  if (gerbang.lost > 0 || gerbang.duplicated > 0 || gerbang.failed > 0) exitCode = 1;
} finally {
  await baseline.stop();
  await target.stop();
}
process.exit(exitCode);

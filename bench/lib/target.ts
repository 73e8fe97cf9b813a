import { randomBytes } from 'node:crypto';
import type { AppName } from '@gerbang/contracts';
import { startFleet, type TestFleet } from '@gerbang/testing';

/**
 * What a benchmark drives: the fleet at BENCH_GATEWAY_URL when set (with BENCH_DATABASE_URL,
 * BENCH_API_KEY and BENCH_ADMIN_PASSWORD describing it), otherwise a fleet of the built apps
 * started for the run on a fresh database and a private nats-server.
 */
export interface BenchTarget {
  gatewayUrl: string;
  databaseUrl: string;
  natsUrl: string;
  apiKey: string;
  adminPassword: string;
  /** The gateway's process id when the benchmark started the fleet (for memory figures). */
  gatewayPid: number | null;
  fleet: TestFleet | null;
  stop(): Promise<void>;
}

export async function benchTarget(apps: readonly AppName[], env: Record<string, string> = {}): Promise<BenchTarget> {
  const external = process.env.BENCH_GATEWAY_URL;
  if (external) {
    const required = ['BENCH_DATABASE_URL', 'BENCH_API_KEY', 'BENCH_ADMIN_PASSWORD'] as const;
    const missing = required.filter((name) => !process.env[name]);
    if (missing.length) throw new Error(`BENCH_GATEWAY_URL is set, so ${missing.join(', ')} must be set too`);
    return {
      gatewayUrl: external.replace(/\/$/, ''),
      databaseUrl: process.env.BENCH_DATABASE_URL as string,
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      apiKey: process.env.BENCH_API_KEY as string,
      adminPassword: process.env.BENCH_ADMIN_PASSWORD as string,
      gatewayPid: process.env.BENCH_GATEWAY_PID ? Number(process.env.BENCH_GATEWAY_PID) : null,
      fleet: null,
      stop: async () => undefined,
    };
  }
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const adminPassword = 'Bench#Admin12345';
  const fleet = await startFleet({
    apps,
    env: {
      LOG_LEVEL: 'warn',
      RETRIBUSI_API_KEY: apiKey,
      BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
      // A benchmark is one client sending far more than a site's gates would.
      RATE_LIMIT_PER_MINUTE: '100000000',
      INGEST_REQUESTS_PER_MINUTE: '100000000',
      ...env,
    },
  });
  return {
    gatewayUrl: fleet.gatewayUrl,
    databaseUrl: fleet.databaseUrl,
    natsUrl: fleet.natsUrl,
    apiKey,
    adminPassword,
    gatewayPid: fleet.process('gateway')?.child.pid ?? null,
    fleet,
    stop: () => fleet.stop(),
  };
}

async function call<T>(target: BenchTarget, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${target.gatewayUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function adminToken(target: BenchTarget): Promise<string> {
  const reply = await call<{ data: { token: string } }>(target, 'POST', '/auth/v1/login', null, { username: 'admin', password: target.adminPassword });
  return reply.data.token;
}

export interface BenchSite {
  locationCode: string;
  gateCodes: string[];
  categories: readonly string[];
}

/** A location of its own for this run with `gates` gates and a tariff per category, so figures never mix with other data. */
export async function createBenchSite(target: BenchTarget, token: string, gates = 4): Promise<BenchSite> {
  const locationCode = `bench_${Date.now().toString(36)}`;
  const categories = ['person_walk', 'motor', 'car'] as const;
  await call(target, 'POST', '/retribusi/v1/frontend/locations', token, {
    code: locationCode,
    name: `Benchmark ${locationCode}`,
    type: 'kerkof',
    is_active: 1,
  });
  const gateCodes = Array.from({ length: gates }, (_, index) => `gate${String(index + 1).padStart(2, '0')}`);
  for (const gateCode of gateCodes) {
    await call(target, 'POST', '/retribusi/v1/frontend/gates', token, {
      location_code: locationCode,
      gate_code: gateCode,
      name: `Gate ${gateCode}`,
      direction: 'in',
      is_active: 1,
    });
    for (const [index, category] of categories.entries()) {
      await call(target, 'POST', '/retribusi/v1/frontend/tariffs', token, {
        location_code: locationCode,
        gate_code: gateCode,
        category,
        price: 2000 * (index + 1),
      });
    }
  }
  return { locationCode, gateCodes, categories };
}

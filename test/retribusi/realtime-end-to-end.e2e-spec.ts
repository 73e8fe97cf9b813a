import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { retribusiLogin, startFleet, type TestFleet } from '@gerbang/testing';
import { EventSource } from 'eventsource';

// The whole realtime path with nothing faked: a gate posts to ingest through the gateway, the
// outbox publishes to JetStream, realtime stores and fans out, and a standard EventSource
// client reads the gateway's SSE stream, also across a realtime crash.
const ADMIN_PASSWORD = 'Admin#12345';
const INGEST_KEY = 'retribusi-gate-key-realtime-e2e-0123456789';
const LOCATION = 'kerkof_rt';

interface Received {
  id: number;
  data: { location_code: string; gate_code: string; category: string; event_time: number };
}

describe('realtime over the whole fleet', () => {
  let fleet: TestFleet;
  let token: string;
  let sequence = 0;

  const http = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fleet.gatewayUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** Posts one entry as a gate does; resolves to its event_time when it was stored. */
  const ingest = async (category = 'motor'): Promise<number> => {
    sequence += 1;
    const eventTime = 1_763_000_000 + sequence;
    const answer = await http(
      'POST',
      '/retribusi/v1/ingest',
      { timestamp: eventTime, location_code: LOCATION, gate_code: 'gate01', category },
      { 'x-api-key': INGEST_KEY },
    );
    expect(answer.status).toBe(200);
    return eventTime;
  };
  const open = (query: string) => {
    const received: Received[] = [];
    const source = new EventSource(`${fleet.gatewayUrl}/retribusi/v1/realtime/stream?access_token=${token}&location_code=${LOCATION}${query}`);
    source.addEventListener('ingest', (event) => received.push({ id: Number(event.lastEventId), data: JSON.parse(event.data) as Received['data'] }));
    const opened = new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      setTimeout(() => reject(new Error('EventSource did not open')), 5_000);
    });
    return { source, received, opened };
  };
  const waitFor = async (predicate: () => boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const historyIds = async (): Promise<number[]> => {
    const list = await http('GET', `/retribusi/v1/realtime/events?location_code=${LOCATION}&limit=100`);
    return (list.body.data as Array<{ id: number }>).map((row) => row.id).sort((a, b) => a - b);
  };

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'retribusi-ingest', 'realtime', 'gateway'],
      // A short ping interval: the gateway's tick is also when it looks for live publishes that never came.
      // A short ack wait: an entry realtime took but never acked before its crash comes back soon.
      env: { RETRIBUSI_API_KEY: INGEST_KEY, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, SSE_PING_INTERVAL_MS: '1000', REALTIME_ACK_WAIT_SECONDS: '3' },
    });
    token = await retribusiLogin(fleet.gatewayUrl, 'admin', ADMIN_PASSWORD);
    expect((await http('POST', '/retribusi/v1/frontend/locations', { code: LOCATION, name: 'Kerkof RT', type: 'kerkof' })).status).toBe(201);
    expect(
      (await http('POST', '/retribusi/v1/frontend/gates', { location_code: LOCATION, gate_code: 'gate01', name: 'Gate 01', direction: 'in' })).status,
    ).toBe(201);
    for (const [category, price] of [
      ['motor', 2000],
      ['car', 5000],
    ] as const) {
      expect((await http('POST', '/retribusi/v1/frontend/tariffs', { location_code: LOCATION, gate_code: 'gate01', category, price })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('streams every ingested entry to an EventSource exactly as the document shows, with the ids of the history', async () => {
    const { source, received, opened } = open('');
    try {
      await opened;
      const times = [await ingest('motor'), await ingest('car'), await ingest('motor')];
      await waitFor(() => received.length === 3, 'three entries');
      expect(received.map((event) => event.data)).toEqual([
        { location_code: LOCATION, gate_code: 'gate01', category: 'motor', event_time: times[0] },
        { location_code: LOCATION, gate_code: 'gate01', category: 'car', event_time: times[1] },
        { location_code: LOCATION, gate_code: 'gate01', category: 'motor', event_time: times[2] },
      ]);
      expect(received.map((event) => event.id)).toEqual(await historyIds());
      const snapshot = await http(
        'GET',
        `/retribusi/v1/realtime/snapshot?location_code=${LOCATION}&date=${new Date(times[0] * 1000).toISOString().slice(0, 10)}`,
      );
      expect(snapshot.body.data).toEqual(expect.objectContaining({ total_count_today: 3, total_amount_today: 9000 }));
    } finally {
      source.close();
    }
  });

  it('resumes a new EventSource from last_id with exactly the entries it missed', async () => {
    const seen = await historyIds();
    const missed = [await ingest('car'), await ingest('motor')];
    const { source, received, opened } = open(`&last_id=${seen.at(-1)}`);
    try {
      await opened;
      await waitFor(() => received.length === 2, 'the two missed entries');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.map((event) => event.data.event_time)).toEqual(missed);
      expect(received.map((event) => event.id)).toEqual((await historyIds()).slice(-2));
    } finally {
      source.close();
    }
  });

  it('loses and doubles nothing on the stream when realtime is killed mid-flow and comes back', async () => {
    const { source, received, opened } = open(`&last_id=${(await historyIds()).at(-1)}`);
    try {
      await opened;
      const accepted: number[] = [];
      for (let index = 0; index < 10; index += 1) accepted.push(await ingest());
      // SIGKILL: no drain, no goodbye; entries keep arriving while it is down.
      await fleet.process('realtime')?.stop('SIGKILL');
      for (let index = 0; index < 10; index += 1) accepted.push(await ingest());
      await fleet.startApp('realtime');
      for (let index = 0; index < 10; index += 1) accepted.push(await ingest());

      await waitFor(() => received.length >= accepted.length, `${accepted.length} entries on the stream`, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // An entry realtime held unacked when it died is redelivered after newer ones, so it
      // gets a later id: every entry arrives once, in id order, not always in ingest order.
      expect(received.map((event) => event.data.event_time).sort((a, b) => a - b)).toEqual(accepted);
      const ids = received.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(ids).toEqual((await historyIds()).slice(-accepted.length));
    } finally {
      source.close();
    }
  });
});

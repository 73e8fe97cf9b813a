import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { REALTIME_SUBJECTS, type RealtimeEventV1, type RealtimeReplayReplyV1, type RealtimeReplayRequestV1 } from '@gerbang/contracts';
import type { AppProcess } from '@gerbang/runtime';
import { fakeService, freePort, rawRequest, retribusiLogin, startFleet, type TestFleet } from '@gerbang/testing';
import { EventSource } from 'eventsource';

const PING_MS = 1_000;
const PAGE_SIZE = 3;
const MAX_BUFFERED = 262_144;
const STREAM = '/retribusi/v1/realtime/stream';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
}

/** A raw SSE client over node:http: every byte is kept, so frame format and headers can be checked exactly. */
class SseClient {
  text = '';
  ended = false;
  errored = false;
  readonly closed: Promise<void>;
  private markClosed: () => void = () => undefined;

  private constructor(
    readonly status: number,
    readonly headers: IncomingMessage['headers'],
    private readonly outgoing: ClientRequest,
    readonly incoming: IncomingMessage,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (this.text += chunk));
    incoming.on('end', () => (this.ended = true));
    incoming.on('error', () => (this.errored = true));
    incoming.on('close', () => this.markClosed());
  }

  static open(url: string, headers: Record<string, string> = {}, options: { paused?: boolean } = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: { accept: 'text/event-stream', ...headers },
          agent: false,
        },
        (incoming) => {
          const client = new SseClient(incoming.statusCode ?? 0, incoming.headers, outgoing, incoming);
          if (options.paused) incoming.pause();
          resolve(client);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  get frames(): Frame[] {
    const complete = this.text.slice(0, this.text.lastIndexOf('\n\n') + 2);
    return complete
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        const frame: Frame = {};
        for (const line of block.split('\n')) {
          const colon = line.indexOf(': ');
          if (colon > 0) frame[line.slice(0, colon) as keyof Frame] = line.slice(colon + 2);
        }
        return frame;
      });
  }

  get ids(): number[] {
    return this.frames.filter((frame) => frame.event === 'ingest').map((frame) => Number(frame.id));
  }

  json<T>(): T {
    return JSON.parse(this.text) as T;
  }

  async waitFor(predicate: (client: SseClient) => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received:\n${this.text.slice(-2_000)}`);
      await sleep(20);
    }
  }

  async body(): Promise<string> {
    await this.closed;
    return this.text;
  }

  close(): void {
    this.outgoing.destroy();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('GET /retribusi/v1/realtime/stream', () => {
  let fleet: TestFleet;
  let nats: NatsConnection;
  let token: string;
  let gatewayLog = '';
  let replicaUrl = '';
  let replica: AppProcess | undefined;
  const clients: SseClient[] = [];
  const stops: Array<() => void> = [];

  // The realtime service's history, played by this test: ids only grow, `oldestKept` prunes.
  const history: RealtimeEventV1[] = [];
  let oldestKept = 1;
  let replayDown = false;
  let onReplay: ((request: RealtimeReplayRequestV1, reply: RealtimeReplayReplyV1) => void) | null = null;

  const answerReplay = (request: RealtimeReplayRequestV1): RealtimeReplayReplyV1 => {
    const kept = history.filter((event) => event.id >= oldestKept);
    const after = kept.filter((event) => event.id > request.afterId && (!request.locationCode || event.location_code === request.locationCode));
    const limit = request.limit ?? 500;
    return { events: after.slice(0, limit), oldestId: kept[0]?.id ?? null, latestId: history.at(-1)?.id ?? 0, hasMore: after.length > limit };
  };

  /** Stores an event as realtime would, and publishes it live unless the publish is "lost". */
  const commit = (location: string, options: { publish?: boolean; gate?: string } = {}): RealtimeEventV1 => {
    const event: RealtimeEventV1 = {
      id: (history.at(-1)?.id ?? 0) + 1,
      location_code: location,
      gate_code: options.gate ?? 'gate01',
      category: 'motor',
      event_time: 1_703_123_456 + history.length,
    };
    history.push(event);
    if (options.publish !== false) nats.publish(REALTIME_SUBJECTS.live, JSON.stringify(event));
    return event;
  };

  const url = (path: string, base = fleet.gatewayUrl) => `${base}${path}`;
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const open = async (path: string, headers: Record<string, string> = bearer(), options: { paused?: boolean; base?: string } = {}) => {
    const client = await SseClient.open(url(path, options.base), headers, options);
    clients.push(client);
    return client;
  };
  /** Opens a live stream and waits until it is registered (its first frame arrived). */
  const openLive = async (path: string, options: { base?: string } = {}) => {
    const client = await open(path, bearer(), options);
    expect(client.status).toBe(200);
    await client.waitFor((sse) => sse.text.startsWith('retry: '), 5_000, 'the retry frame');
    return client;
  };
  const metric = async (name: string, base = fleet.gatewayUrl) => {
    const text = await (await fetch(url('/metrics', base))).text();
    const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    return match ? Number(match[1]) : 0;
  };

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'gateway'],
      env: {
        LOG_LEVEL: 'debug',
        SSE_PING_INTERVAL_MS: String(PING_MS),
        SSE_REPLAY_PAGE_SIZE: String(PAGE_SIZE),
        SSE_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
        PRODUCT_HOSTS: 'crm.test=crm,retribusi.test=retribusi',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    fleet.process('gateway')?.child.stdout?.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString()));
    fleet.process('gateway')?.child.stderr?.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString()));
    nats = await connect({ servers: fleet.natsUrl });
    const replay = await fakeService<RealtimeReplayRequestV1>(nats, REALTIME_SUBJECTS.replay, ({ data }) => {
      if (replayDown) return { err: { code: 'service_unavailable', message: 'Service unavailable' } };
      const reply = answerReplay(data);
      // Runs after the reply is computed and before it is sent: what it publishes arrives during the replay.
      onReplay?.(data, reply);
      return { response: reply };
    });
    stops.push(replay.stop);
    token = await retribusiLogin(fleet.gatewayUrl, 'admin', 'Admin#12345');
    commit('kerkof_01', { publish: false });
  });

  afterEach(() => {
    clients.splice(0).forEach((client) => client.close());
    onReplay = null;
    replayDown = false;
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    stops.forEach((stop) => stop());
    await nats?.close();
    await fleet?.stop();
  });

  it('streams each entry exactly as the document shows, with headers that stop proxies buffering', async () => {
    const client = await open(`${STREAM}`, { ...bearer(), 'x-request-id': 'sse-format-1', origin: 'https://dashboard.example' });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['connection']).toBe('keep-alive');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['x-request-id']).toBe('sse-format-1');
    expect(client.headers['access-control-allow-origin']).toBe('*');
    expect(client.headers['x-content-type-options']).toBe('nosniff');
    await client.waitFor((sse) => sse.text === 'retry: 3000\n\n', 5_000, 'the retry frame');
    const head = await rawRequest(url(STREAM), { method: 'HEAD', headers: bearer() });
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'text/event-stream', '']);
    const event = commit('kerkof_01');
    await client.waitFor((sse) => sse.ids.length === 1, 5_000, 'the entry');
    expect(client.text).toBe(
      `retry: 3000\n\nid: ${event.id}\nevent: ingest\ndata: {"location_code":"kerkof_01","gate_code":"gate01","category":"motor","event_time":${event.event_time}}\n\n`,
    );
  });

  it('pings a stream that had no data for the ping interval, without an id', async () => {
    const client = await openLive(STREAM);
    await client.waitFor((sse) => sse.frames.some((frame) => frame.event === 'ping'), PING_MS * 3, 'a ping');
    const ping = client.frames.find((frame) => frame.event === 'ping') as Frame;
    expect(ping.id).toBeUndefined();
    expect(JSON.parse(ping.data as string)).toEqual({ time: expect.any(Number) });
    expect(client.text).toMatch(/\n\nevent: ping\ndata: \{"time":\d{10}\}\n\n$/);
  });

  it('refuses a missing or invalid token with 401 in the retribusi format', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }] as Array<Record<string, string>>) {
      const response = await fetch(url(STREAM), { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    }
    const wrongQueryToken = await fetch(url(`${STREAM}?access_token=wrong-token-ab12cd`));
    expect(wrongQueryToken.status).toBe(401);
  });

  it('accepts the token as access_token (EventSource) and never logs it', async () => {
    const client = await open(`${STREAM}?location_code=query_tok&access_token=${encodeURIComponent(token)}`, { 'x-request-id': 'sse-query-token' });
    expect(client.status).toBe(200);
    await client.waitFor((sse) => sse.text.startsWith('retry: '), 5_000, 'the retry frame');
    const event = commit('query_tok');
    await client.waitFor((sse) => sse.ids.includes(event.id), 5_000, 'the entry');
    client.close();
    // The stream's own log line (written when it closes) is there, with the path and without the query.
    await waitForLog(() => gatewayLog, /"requestId":"sse-query-token".*"path":"\/retribusi\/v1\/realtime\/stream".*"msg":"stream closed"/);
    expect(gatewayLog).not.toContain(token);
    expect(gatewayLog).not.toContain(token.split('.')[2]);
    expect(gatewayLog).not.toContain('wrong-token-ab12cd');
    expect(gatewayLog).not.toContain('access_token=');
  });

  it.each([
    [`${STREAM}?last_id=abc`, {}, { last_id: expect.any(String) }],
    [`${STREAM}?last_id=-4`, {}, { last_id: expect.any(String) }],
    [`${STREAM}`, { 'last-event-id': '12x' }, { 'Last-Event-ID': expect.any(String) }],
    [`${STREAM}?location_code=${encodeURIComponent('bad code!')}`, {}, { location_code: expect.any(String) }],
  ])('answers 422 in the retribusi format for %s', async (path, headers, fields) => {
    const response = await fetch(url(path), { headers: { ...bearer(), ...headers } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'validation_error', fields });
  });

  it('sends only the events of the location_code asked for', async () => {
    const client = await openLive(`${STREAM}?location_code=loc_b`);
    const events = ['loc_a', 'loc_b', 'loc_a', 'loc_b'].map((location) => commit(location));
    const expected = events.filter((event) => event.location_code === 'loc_b').map((event) => event.id);
    await client.waitFor((sse) => sse.ids.length === 2, 5_000, 'two loc_b entries');
    // The last loc_a event came after the first loc_b one: had it been sent, it would be here.
    await sleep(200);
    expect(client.ids).toEqual(expected);
  });

  it('resumes from last_id: replays in pages, then live; events published during the replay are neither lost nor doubled', async () => {
    const before = range(1, 5).map(() => commit('resume_loc', { publish: false }));
    const lastId = (before[0] as RealtimeEventV1).id;
    const duringReplay: number[] = [];
    onReplay = (request, reply) => {
      if (request.locationCode !== 'resume_loc') return;
      // While the first page is on its way two more are stored and published (later pages return them too);
      // as the last page leaves, one more that no page contains.
      if (request.afterId === lastId || !reply.hasMore) duringReplay.push(...[commit('resume_loc'), commit('resume_loc')].map((event) => event.id));
    };
    const client = await open(`${STREAM}?location_code=resume_loc&last_id=${lastId}`);
    expect(client.status).toBe(200);
    await client.waitFor((sse) => sse.ids.at(-1) === duringReplay.at(-1), 5_000, 'the replay and the events published meanwhile');
    onReplay = null;
    const live = commit('resume_loc');
    await client.waitFor((sse) => sse.ids.at(-1) === live.id, 5_000, 'the live entry');
    expect(duringReplay).toHaveLength(4);
    expect(client.ids).toEqual(range(lastId + 1, live.id));
    expect(client.frames.some((frame) => frame.event === 'reset')).toBe(false);
  });

  it('resumes from the Last-Event-ID header, which wins over last_id', async () => {
    const stored = range(1, 4).map(() => commit('header_loc', { publish: false }));
    const resumeAfter = (stored[1] as RealtimeEventV1).id;
    const client = await open(`${STREAM}?location_code=header_loc&last_id=1`, { ...bearer(), 'last-event-id': String(resumeAfter) });
    await client.waitFor((sse) => sse.ids.length === 2, 5_000, 'the replayed entries');
    expect(client.ids).toEqual([(stored[2] as RealtimeEventV1).id, (stored[3] as RealtimeEventV1).id]);
  });

  it('says so with a reset event when the id is older than the history kept, then continues from the oldest kept', async () => {
    const stored = range(1, 6).map(() => commit('pruned_loc', { publish: false }));
    const previousOldest = oldestKept;
    oldestKept = (stored[3] as RealtimeEventV1).id;
    try {
      const requested = (stored[0] as RealtimeEventV1).id;
      const client = await open(`${STREAM}?location_code=pruned_loc&last_id=${requested}`);
      await client.waitFor((sse) => sse.ids.length === 3, 5_000, 'the kept entries');
      const frames = client.frames.filter((frame) => frame.retry === undefined);
      expect(frames[0]).toEqual({ event: 'reset', data: JSON.stringify({ last_id: requested, oldest_id: oldestKept, latest_id: history.at(-1)?.id }) });
      expect(client.ids).toEqual(range(oldestKept, (stored[5] as RealtimeEventV1).id));
    } finally {
      oldestKept = previousOldest;
    }
  });

  it('resets a resume from an id beyond the history (it was rebuilt) and delivers what comes next', async () => {
    const latest = history.at(-1)?.id as number;
    const client = await open(`${STREAM}?last_id=${latest + 1_000}`);
    await client.waitFor((sse) => sse.frames.some((frame) => frame.event === 'reset'), 5_000, 'the reset');
    const next = commit('future_loc');
    await client.waitFor((sse) => sse.ids.includes(next.id), 5_000, 'the next entry');
    expect(client.frames.find((frame) => frame.event === 'reset')?.data).toBe(JSON.stringify({ last_id: latest + 1_000, oldest_id: 1, latest_id: latest }));
  });

  it('ends the stream with an error event when the history fails in the middle of a replay', async () => {
    const stored = range(1, 5).map(() => commit('failing_loc', { publish: false }));
    onReplay = (request) => {
      if (request.locationCode === 'failing_loc') replayDown = true;
    };
    const client = await open(`${STREAM}?location_code=failing_loc&last_id=${(stored[0] as RealtimeEventV1).id}`);
    expect(client.status).toBe(200);
    await client.closed;
    expect(client.ended).toBe(true);
    expect(client.ids).toEqual(stored.slice(1, 1 + PAGE_SIZE).map((event) => event.id));
    expect(client.frames.at(-1)).toEqual({ event: 'error', data: JSON.stringify({ error: 'service_unavailable', message: 'Service unavailable' }) });
  });

  it('ends a stream once its token is revoked (logout)', async () => {
    const second = await retribusiLogin(fleet.gatewayUrl, 'admin', 'Admin#12345');
    const client = await open(STREAM, { authorization: `Bearer ${second}` });
    await client.waitFor((sse) => sse.text.startsWith('retry: '), 5_000, 'the retry frame');
    const logout = await fetch(url('/auth/v1/logout'), {
      method: 'POST',
      headers: { authorization: `Bearer ${second}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(logout.status).toBe(200);
    await client.waitFor((sse) => sse.ended, PING_MS * 3, 'the end of the stream');
    expect((await fetch(url(STREAM), { headers: { authorization: `Bearer ${second}` } })).status).toBe(401);
  });

  it('answers 503 before streaming when the history cannot be read for a resume, and does not hang', async () => {
    replayDown = true;
    const started = Date.now();
    const response = await fetch(url(`${STREAM}?last_id=1`), { headers: bearer() });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'service_unavailable', message: expect.any(String) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fills a live message that never arrived from the history, in order, and finds a lost last publish within a ping interval', async () => {
    const client = await openLive(`${STREAM}?location_code=gap_loc`);
    const recoveredBefore = await metric('gerbang_sse_gap_events_recovered_total');
    const first = commit('gap_loc');
    commit('gap_loc', { publish: false });
    const third = commit('gap_loc');
    await client.waitFor((sse) => sse.ids.length === 3, 5_000, 'three entries');
    expect(client.ids).toEqual(range(first.id, third.id));
    const lost = commit('gap_loc', { publish: false });
    const waitStarted = Date.now();
    await client.waitFor((sse) => sse.ids.includes(lost.id), PING_MS * 4, 'the entry whose publish was lost');
    expect(Date.now() - waitStarted).toBeLessThan(PING_MS * 3);
    expect(client.ids).toEqual(range(first.id, lost.id));
    expect(await metric('gerbang_sse_gap_events_recovered_total')).toBeGreaterThanOrEqual(recoveredBefore + 2);
  });

  it('cuts off a client that stops reading at the buffer bound while a fast one keeps receiving everything', async () => {
    const droppedBefore = await metric('gerbang_sse_slow_clients_dropped_total');
    const fast = await openLive(`${STREAM}?location_code=bulk_loc`);
    const slow = await open(`${STREAM}?location_code=bulk_loc`, bearer(), { paused: true });
    await sleep(300);
    // 16 KiB per event: the slow socket's kernel buffers fill after a few hundred events.
    const gate = `g${'x'.repeat(16_383)}`;
    const published: number[] = [];
    while (published.length < 4_000 && (await metric('gerbang_sse_slow_clients_dropped_total')) === droppedBefore) {
      // Small bursts with pauses: the fast client reads between them.
      for (let index = 0; index < 4; index += 1) published.push(commit('bulk_loc', { gate }).id);
      await nats.flush();
      await sleep(10);
    }
    expect(await metric('gerbang_sse_slow_clients_dropped_total')).toBe(droppedBefore + 1);
    const last = published.at(-1) as number;
    await fast.waitFor((sse) => sse.ids.at(-1) === last, 20_000, 'every bulk entry on the fast stream');
    expect(fast.ids).toEqual(published);
    // The slow client finds its stream cut when it reads again: a prefix of the events, then the end.
    slow.incoming.resume();
    await slow.closed;
    const slowIds = slow.ids;
    expect(slowIds.length).toBeLessThan(published.length);
    expect(slowIds).toEqual(published.slice(0, slowIds.length));
  });

  it('is served on a host mapped to retribusi, and not on a host mapped to another product', async () => {
    const client = await open(STREAM, { ...bearer(), host: 'retribusi.test' });
    expect(client.status).toBe(200);
    const foreign = await rawRequest(url(STREAM), { headers: { ...bearer(), host: 'crm.test' } });
    expect(foreign.status).toBe(404);
    expect(foreign.json()).toEqual(expect.objectContaining({ status: 404, instance: STREAM }));
  });

  it('documents the stream in the retribusi OpenAPI document', async () => {
    const document = (await (await fetch(url('/docs/openapi.json'))).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }>; parameters: Array<{ name: string }> } }>;
    };
    const operation = document.paths[STREAM]?.get;
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(operation?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['last_id', 'location_code', 'access_token', 'Last-Event-ID']),
    );
  });

  describe('with a second gateway replica', () => {
    beforeAll(async () => {
      const port = await freePort();
      replica = await fleet.startApp('gateway', { PORT: String(port), SSE_MAX_CONNECTIONS: '3', LOG_LEVEL: 'warn' });
      replicaUrl = `http://127.0.0.1:${port}`;
    });

    it('delivers every event on both replicas', async () => {
      const onFirst = await openLive(`${STREAM}?location_code=replica_loc`);
      const onSecond = await openLive(`${STREAM}?location_code=replica_loc`, { base: replicaUrl });
      const events = [commit('replica_loc'), commit('replica_loc', { publish: false }), commit('replica_loc')];
      const expected = events.map((event) => event.id);
      await onFirst.waitFor((sse) => sse.ids.length === 3, 5_000, 'entries on the first replica');
      await onSecond.waitFor((sse) => sse.ids.length === 3, 5_000, 'entries on the second replica');
      expect(onFirst.ids).toEqual(expected);
      expect(onSecond.ids).toEqual(expected);
    });

    it('answers 503 in the retribusi format beyond SSE_MAX_CONNECTIONS', async () => {
      for (let index = 0; index < 3; index += 1) await openLive(STREAM, { base: replicaUrl });
      const refused = await fetch(url(STREAM, replicaUrl), { headers: bearer() });
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toEqual({ error: 'service_unavailable', message: expect.any(String) });
    });

    it('ends streams cleanly on shutdown; an EventSource reconnects to the other replica with Last-Event-ID, with no gap and no duplicate', async () => {
      const raw = await openLive(`${STREAM}?location_code=failover_loc`, { base: replicaUrl });
      const reconnects: Array<{ target: string; lastEventId: string | null }> = [];
      let replicaGone = false;
      const received: number[] = [];
      const source = new EventSource(url(`${STREAM}?location_code=failover_loc`, replicaUrl), {
        fetch: async (input, init) => {
          const target = replicaGone ? fleet.gatewayUrl : replicaUrl;
          const headers: Record<string, string> = { ...(init.headers as Record<string, string>), ...bearer() };
          reconnects.push({ target, lastEventId: headers['Last-Event-ID'] ?? null });
          try {
            return await fetch(String(input).replace(replicaUrl, target), { ...init, headers });
          } catch (error) {
            replicaGone = true;
            throw error;
          }
        },
      });
      source.addEventListener('ingest', (event) => received.push(Number(event.lastEventId)));
      try {
        await new Promise<void>((resolve, reject) => {
          source.onopen = () => resolve();
          setTimeout(() => reject(new Error('EventSource did not open')), 5_000);
        });
        const first = range(1, 3).map(() => commit('failover_loc').id);
        await waitUntil(() => received.length === 3, 5_000, 'the first entries');

        // Events keep coming while the replica shuts down and the client moves.
        let publishing = true;
        const publisher = (async () => {
          while (publishing) {
            commit('failover_loc');
            await sleep(40);
          }
        })();
        await sleep(200);
        const stopStarted = Date.now();
        // SIGTERM, as an orchestrator stops a pod.
        expect(await replica?.stop()).toBe(0);
        expect(Date.now() - stopStarted).toBeLessThan(5_000);
        await raw.closed;
        expect(raw.ended).toBe(true);
        expect(raw.text).toMatch(/retry: \d+\n\n$/);

        await waitUntil(() => reconnects.some((attempt) => attempt.target === fleet.gatewayUrl), 10_000, 'a reconnect to the other replica');
        await sleep(500);
        publishing = false;
        await publisher;
        const last = history.at(-1)?.id as number;
        await waitUntil(() => received.at(-1) === last, 10_000, 'every entry after the move');
        expect(received).toEqual(range(first[0] as number, last));
        const moved = reconnects.find((attempt) => attempt.target === fleet.gatewayUrl);
        expect(Number(moved?.lastEventId)).toBeGreaterThanOrEqual(first[2] as number);
      } finally {
        source.close();
      }
    });
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function waitForLog(log: () => string, pattern: RegExp, timeoutMs = 5_000): Promise<void> {
  await waitUntil(() => pattern.test(log()), timeoutMs, `a log line matching ${pattern}`);
}

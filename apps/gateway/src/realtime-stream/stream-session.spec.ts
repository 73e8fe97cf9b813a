import { createServer, get, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { RealtimeEventV1 } from '@gerbang/contracts';
import type { HubEvent, StreamCloseReason } from './realtime-hub.js';
import { httpChunk, ingestFrame, pingFrame } from './sse-frames.js';
import { StreamSession, type StreamSessionOptions } from './stream-session.js';

const event = (id: number, location = 'loc_a'): RealtimeEventV1 => ({
  id,
  location_code: location,
  gate_code: 'gate01',
  category: 'car',
  event_time: 1_703_123_456,
});
const hubEvent = (id: number, location = 'loc_a'): HubEvent => {
  const frame = ingestFrame(event(id, location));
  return { id, locationCode: location, frame, chunk: httpChunk(frame) };
};

/** A client: `reading` false keeps every chunk unacknowledged, like a socket nobody reads. */
function client(reading = true) {
  const chunks: string[] = [];
  const stalled: Array<() => void> = [];
  const state = { reading };
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      if (state.reading) callback();
      else stalled.push(() => callback());
    },
  });
  return {
    stream,
    chunks,
    ids: () => chunks.flatMap((chunk) => [...chunk.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]))),
    resume: () => {
      state.reading = true;
      stalled.splice(0).forEach((callback) => callback());
    },
  };
}

function session(response: Writable, overrides: Partial<StreamSessionOptions> = {}, begin = true) {
  const closes: StreamCloseReason[] = [];
  const created = new StreamSession({
    response,
    locationCode: null,
    lastSentId: 0,
    replaying: false,
    maxBufferedBytes: 1_000,
    pingIntervalMs: 1_000,
    expiresAt: null,
    isRevoked: () => false,
    onClose: (_session, reason) => closes.push(reason),
    ...overrides,
  });
  if (begin) created.begin('retry: 3000\n\n');
  return { session: created, closes };
}

describe('StreamSession', () => {
  it('writes each id once, in the order received', () => {
    const target = client();
    const { session: live } = session(target.stream);
    for (const id of [1, 2, 2, 1, 3]) live.receive(hubEvent(id), Date.now());
    expect(target.ids()).toEqual([1, 2, 3]);
    expect(target.chunks[0]).toBe('retry: 3000\n\n');
    expect(live.eventsSent).toBe(3);
  });

  it('holds live events while replaying and writes only those the replay did not', async () => {
    const target = client();
    const { session: resuming } = session(target.stream, { lastSentId: 10, replaying: true });
    resuming.receive(hubEvent(12), Date.now());
    resuming.receive(hubEvent(13), Date.now());
    expect(target.ids()).toEqual([]);
    expect(await resuming.sendReplayed([event(10), event(11), event(12)])).toBe(true);
    resuming.goLive();
    resuming.receive(hubEvent(13), Date.now());
    resuming.receive(hubEvent(14), Date.now());
    expect(target.ids()).toEqual([11, 12, 13, 14]);
  });

  it('skips replayed events of other locations', async () => {
    const target = client();
    const { session: filtered } = session(target.stream, { locationCode: 'loc_b', lastSentId: 0, replaying: true });
    await filtered.sendReplayed([event(1, 'loc_a'), event(2, 'loc_b')]);
    expect(target.ids()).toEqual([2]);
  });

  it('waits for a slow reader during a replay instead of cutting it off', async () => {
    const target = client(false);
    const { session: resuming, closes } = session(target.stream, { replaying: true });
    const replayed = resuming.sendReplayed(Array.from({ length: 20 }, (_, index) => event(index + 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(target.ids().length).toBeLessThan(20);
    target.resume();
    expect(await replayed).toBe(true);
    expect(target.ids()).toHaveLength(20);
    expect(closes).toEqual([]);
  });

  it('cuts off a live reader whose backlog passes the bound', () => {
    const target = client(false);
    const { session: live, closes } = session(target.stream);
    let id = 0;
    while (!live.closed && id < 100) live.receive(hubEvent((id += 1)), Date.now());
    expect(closes).toEqual(['slow']);
    expect(target.stream.destroyed).toBe(true);
    expect(id).toBeLessThan(20);
  });

  it('cuts off a stream whose held live events pass the bound during a replay', () => {
    const target = client();
    const { session: resuming, closes } = session(target.stream, { replaying: true, maxBufferedBytes: 300 });
    for (let id = 1; id <= 5; id += 1) resuming.receive(hubEvent(id), Date.now());
    expect(closes).toEqual(['slow']);
  });

  it('pings only when idle for the interval, and ends when the token expires or is revoked', () => {
    const target = client();
    const revoked = { value: false };
    const { session: live, closes } = session(target.stream, { expiresAt: Math.floor(Date.now() / 1000) + 60, isRevoked: () => revoked.value });
    const ping = () => pingFrame(1_703_123_456);
    const start = Date.now();
    live.tick(start + 500, ping);
    expect(target.chunks.filter((chunk) => chunk.startsWith('event: ping'))).toHaveLength(0);
    live.tick(start + 1_100, ping);
    expect(target.chunks.at(-1)).toBe('event: ping\ndata: {"time":1703123456}\n\n');
    live.receive(hubEvent(1), start + 1_500);
    live.tick(start + 2_200, ping);
    expect(target.chunks.filter((chunk) => chunk.startsWith('event: ping'))).toHaveLength(1);
    revoked.value = true;
    live.tick(start + 2_300, ping);
    expect(closes).toEqual(['revoked']);

    const other = client();
    const { session: expiring, closes: expiringCloses } = session(other.stream, { expiresAt: Math.floor(Date.now() / 1000) + 60 });
    expiring.tick(Date.now() + 61_000, ping);
    expect(expiringCloses).toEqual(['expired']);
  });

  it('ends the response with its farewell, and leaves an unstarted response to the caller', async () => {
    const target = client();
    const { session: live } = session(target.stream, { farewell: (reason) => (reason === 'shutdown' ? 'retry: 500\n\n' : undefined) });
    live.close('shutdown');
    await new Promise((resolve) => setImmediate(resolve));
    expect(target.chunks.at(-1)).toBe('retry: 500\n\n');
    expect(target.stream.writableEnded).toBe(true);

    const untouched = client();
    const { session: pending, closes } = session(untouched.stream, { lastSentId: 5, replaying: true }, false);
    pending.close('replay_failed');
    expect(closes).toEqual(['replay_failed']);
    expect(untouched.stream.writableEnded).toBe(false);
    untouched.stream.destroy();
    expect(closes).toEqual(['replay_failed']);
  });

  describe('over a real HTTP response', () => {
    /** A server whose one stream gets: the first frame, events 1-2, a ping, event 3, then the end. */
    async function streamServer(): Promise<Server> {
      const server = createServer((_request, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const { session: live } = session(response, { maxBufferedBytes: 1_000_000 });
        live.receive(hubEvent(1), Date.now());
        live.receive(hubEvent(2), Date.now());
        live.tick(Date.now() + 5_000, () => pingFrame(1_703_123_456));
        live.receive(hubEvent(3), Date.now());
        live.close('shutdown');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }
    const expected = ['retry: 3000\n\n', hubEvent(1).frame, hubEvent(2).frame, pingFrame(1_703_123_456), hubEvent(3).frame].join('');

    it('sends a chunked HTTP/1.1 body that decodes to the frames in order', async () => {
      const server = await streamServer();
      try {
        const { port } = server.address() as AddressInfo;
        const body = await new Promise<string>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: '/' }, (response) => {
            expect(response.headers['transfer-encoding']).toBe('chunked');
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (part: string) => (text += part));
            response.on('end', () => resolve(text));
            response.on('error', reject);
          }).on('error', reject);
        });
        expect(body).toBe(expected);
      } finally {
        server.close();
      }
    });

    it('sends the bare frames to an HTTP/1.0 client, which cannot read chunks', async () => {
      const server = await streamServer();
      try {
        const { port } = server.address() as AddressInfo;
        const raw = await new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
          let text = '';
          socket.setEncoding('utf8');
          socket.on('data', (part: string) => (text += part));
          socket.on('close', () => resolve(text));
          socket.on('error', reject);
        });
        expect(raw.startsWith('HTTP/1.1 200')).toBe(true);
        expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe(expected);
      } finally {
        server.close();
      }
    });
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import type { RealtimeEventV1, RealtimeReplayRequestV1 } from '@gerbang/contracts';
import { pino } from 'pino';
import { RealtimeHub, type HubEvent, type HubSubscriber, type StreamCloseReason } from './realtime-hub.js';

const event = (id: number, location = 'loc_a'): RealtimeEventV1 => ({
  id,
  location_code: location,
  gate_code: 'gate01',
  category: 'motor',
  event_time: 1_703_123_456 + id,
});

class Recorder implements HubSubscriber {
  readonly ids: number[] = [];
  readonly frames: string[] = [];
  closedWith: StreamCloseReason | null = null;
  pings = 0;
  constructor(readonly locationCode: string | null = null) {}
  receive(hubEvent: HubEvent): boolean {
    this.ids.push(hubEvent.id);
    this.frames.push(hubEvent.frame.toString());
    return true;
  }
  tick(_now: number, ping: () => Buffer): void {
    if (ping().toString().startsWith('event: ping')) this.pings += 1;
  }
  close(reason: StreamCloseReason): void {
    this.closedWith = reason;
  }
}

/** A history the fake replay answers from; `available` false plays a realtime service that is down. */
function history(initial: RealtimeEventV1[] = []) {
  const events = [...initial];
  const requests: RealtimeReplayRequestV1[] = [];
  const state = { available: true, events, requests };
  const replay = async (request: RealtimeReplayRequestV1) => {
    requests.push(request);
    if (!state.available) return { ok: false as const, error: { code: 'service_unavailable' as const, message: 'down' } };
    const after = events.filter((entry) => entry.id > request.afterId && (!request.locationCode || entry.location_code === request.locationCode));
    const limit = request.limit ?? 500;
    return {
      ok: true as const,
      value: {
        events: after.slice(0, limit),
        oldestId: events[0]?.id ?? null,
        latestId: events.at(-1)?.id ?? 0,
        hasMore: after.length > limit,
      },
    };
  };
  return { state, replay };
}

const settle = async (predicate: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('RealtimeHub', () => {
  const hubs: RealtimeHub[] = [];
  const makeHub = (replay: ReturnType<typeof history>['replay'], options: { pageSize?: number; pingIntervalMs?: number; maxWaiting?: number } = {}) => {
    const hub = new RealtimeHub({
      replay,
      pageSize: options.pageSize ?? 2,
      pingIntervalMs: options.pingIntervalMs ?? 60_000,
      logger: pino({ level: 'silent' }),
      tickMs: 20,
      maxWaiting: options.maxWaiting,
    });
    hubs.push(hub);
    return hub;
  };
  afterEach(() => hubs.splice(0).forEach((hub) => hub.stop()));
  /** A started hub that caught up with the history, with one subscriber for every location. */
  const running = async (initial: RealtimeEventV1[], options: Parameters<typeof makeHub>[1] = {}) => {
    const source = history(initial);
    const hub = makeHub(source.replay, options);
    hub.start();
    await settle(() => hub.position === (initial.at(-1)?.id ?? 0));
    const subscriber = new Recorder();
    hub.add(subscriber);
    return { source, hub, subscriber };
  };

  it('starts where the history stands and fans out by location, one encoded frame per event', async () => {
    const { replay } = history([event(1), event(2)]);
    const hub = makeHub(replay);
    hub.start();
    await settle(() => hub.position === 2);
    const all = new Recorder();
    const onlyB = new Recorder('loc_b');
    hub.add(all);
    hub.add(onlyB);
    hub.onLive(event(3, 'loc_a'));
    hub.onLive(event(4, 'loc_b'));
    expect(all.ids).toEqual([3, 4]);
    expect(onlyB.ids).toEqual([4]);
    expect(onlyB.frames[0]).toBe('id: 4\nevent: ingest\ndata: {"location_code":"loc_b","gate_code":"gate01","category":"motor","event_time":1703123460}\n\n');
    expect(hub.size).toBe(2);
    hub.remove(onlyB);
    hub.remove(onlyB);
    expect(hub.size).toBe(1);
  });

  it('drops duplicates and fills a skipped id from the history, in order', async () => {
    const { source, hub, subscriber } = await running([event(1)]);
    source.state.events.push(event(2), event(3), event(4), event(5), event(6));
    hub.onLive(event(2));
    hub.onLive(event(2));
    // 3, 4 and 5 never arrive live.
    hub.onLive(event(6));
    await settle(() => subscriber.ids.length === 5);
    expect(subscriber.ids).toEqual([2, 3, 4, 5, 6]);
    // Pages of two from the last delivered id.
    expect(source.state.requests.slice(1).map((request) => request.afterId)).toEqual([2, 4]);
  });

  it('treats ids the history lacks below a published id as never stored', async () => {
    const { source, hub, subscriber } = await running([event(1)]);
    source.state.events.push(event(4));
    hub.onLive(event(4));
    await settle(() => subscriber.ids.length === 1);
    hub.onLive(event(5));
    expect(subscriber.ids).toEqual([4, 5]);
  });

  it('holds live events while the history is down and delivers everything once it answers', async () => {
    const { source, hub, subscriber } = await running([event(1)], { pingIntervalMs: 200 });
    source.state.available = false;
    source.state.events.push(event(2), event(3), event(4));
    hub.onLive(event(3));
    hub.onLive(event(4));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(subscriber.ids).toEqual([]);
    source.state.available = true;
    await settle(() => subscriber.ids.length === 3);
    expect(subscriber.ids).toEqual([2, 3, 4]);
  });

  it('gives up a gap the history cannot fill once too many live events wait', async () => {
    const { source, hub, subscriber } = await running([event(1)], { maxWaiting: 2 });
    source.state.available = false;
    hub.onLive(event(3));
    hub.onLive(event(4));
    hub.onLive(event(5));
    await settle(() => subscriber.ids.length === 3);
    expect(subscriber.ids).toEqual([3, 4, 5]);
  });

  it('finds an event whose live publish was lost on the next check, and pings idle subscribers', async () => {
    const { source, subscriber } = await running([event(1)], { pingIntervalMs: 100 });
    source.state.events.push(event(2, 'loc_b'));
    await settle(() => subscriber.ids.length === 1, 1_000);
    expect(subscriber.ids).toEqual([2]);
    expect(subscriber.pings).toBeGreaterThan(0);
  });

  it('delivers live events that arrive before the history answered where it stands', async () => {
    const source = history([event(1), event(2)]);
    const hub = makeHub(source.replay);
    const subscriber = new Recorder();
    hub.add(subscriber);
    hub.start();
    // The start probe is in flight: 3 waits, then is delivered after the probe.
    source.state.events.push(event(3));
    hub.onLive(event(3));
    await settle(() => subscriber.ids.length === 1);
    expect(subscriber.ids).toEqual([3]);
  });

  it('ends every stream when the history was rewound, and on stop', async () => {
    const source = history([event(1), event(2), event(3)]);
    const hub = makeHub(source.replay, { pingIntervalMs: 100 });
    hub.start();
    await settle(() => hub.position === 3);
    const subscriber = new Recorder('loc_a');
    hub.add(subscriber);
    source.state.events.splice(0, 3, event(1));
    await settle(() => subscriber.closedWith !== null, 1_000);
    expect(subscriber.closedWith).toBe('history_rewound');
    expect(hub.position).toBe(1);
    const other = new Recorder();
    hub.add(other);
    hub.stop();
    expect(other.closedWith).toBe('shutdown');
    hub.onLive(event(2));
    expect(other.ids).toEqual([]);
  });
});

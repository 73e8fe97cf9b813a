import { describe, expect, it } from '@jest/globals';
import { parseRealtimeEvent, parseReplayReply } from './realtime-payloads.js';
import { errorFrame, ingestFrame, resetFor, resetFrame } from './sse-frames.js';

const stored = { id: 12345, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', event_time: 1703123456 };

describe('realtime payloads and frames', () => {
  it('reads a bare or Nest-wrapped event and renders the document frame, extra fields dropped', () => {
    expect(parseRealtimeEvent({ ...stored, price: 5000 })).toEqual(stored);
    expect(parseRealtimeEvent({ pattern: 'retribusi.realtime.event.v1', data: stored })).toEqual(stored);
    expect(ingestFrame({ ...stored, gate_code: 'gate\n01' }).toString()).toBe(
      'id: 12345\nevent: ingest\ndata: {"location_code":"kerkof_01","gate_code":"gate\\n01","category":"motor","event_time":1703123456}\n\n',
    );
  });

  it.each([null, 'x', { ...stored, id: 0 }, { ...stored, id: '7' }, { ...stored, location_code: 5 }, { ...stored, event_time: 'now' }])(
    'refuses the malformed event %j',
    (value) => expect(parseRealtimeEvent(value)).toBeNull(),
  );

  it('reads a replay reply in id order and refuses one outside the contract', () => {
    const reply = {
      events: [
        { ...stored, id: 3 },
        { ...stored, id: 2 },
      ],
      oldestId: 1,
      latestId: 3,
      hasMore: false,
    };
    expect(parseReplayReply(reply)?.events.map((event) => event.id)).toEqual([2, 3]);
    expect(parseReplayReply({ ...reply, oldestId: null })?.oldestId).toBeNull();
    expect(parseReplayReply({ ...reply, events: [{ id: 1 }] })).toBeNull();
    expect(parseReplayReply({ ...reply, hasMore: 'no' })).toBeNull();
    expect(parseReplayReply({ events: [] })).toBeNull();
  });

  it('asks for a reset when the id is older than the history kept or beyond it', () => {
    const kept = { events: [], oldestId: 100, latestId: 200, hasMore: false };
    expect(resetFor(99, kept)).toBeNull();
    expect(resetFor(0, { ...kept, oldestId: 1 })).toBeNull();
    expect(resetFor(50, kept)).toEqual({ last_id: 50, oldest_id: 100, latest_id: 200 });
    expect(resetFor(300, kept)).toEqual({ last_id: 300, oldest_id: 100, latest_id: 200 });
    expect(resetFor(5, { ...kept, oldestId: null, latestId: 9 })).toEqual({ last_id: 5, oldest_id: null, latest_id: 9 });
    expect(resetFor(0, { ...kept, oldestId: null, latestId: 0 })).toBeNull();
    expect(resetFrame({ last_id: 50, oldest_id: 100, latest_id: 200 })).toBe('event: reset\ndata: {"last_id":50,"oldest_id":100,"latest_id":200}\n\n');
    expect(errorFrame({ error: 'service_unavailable', message: 'x' })).toBe('event: error\ndata: {"error":"service_unavailable","message":"x"}\n\n');
  });
});

import type { RealtimeEventV1, RealtimeReplayReplyV1 } from '@gerbang/contracts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Reads one realtime event as published on the live subject or returned by replay. A Nest
 * `{pattern, data}` envelope is unwrapped, so the publisher may use either a bare publish or
 * a Nest client. Anything malformed is null: it must never reach a client frame.
 */
export function parseRealtimeEvent(value: unknown): RealtimeEventV1 | null {
  const candidate = isRecord(value) && typeof value['pattern'] === 'string' && isRecord(value['data']) ? value['data'] : value;
  if (!isRecord(candidate)) return null;
  const { id, location_code, gate_code, category, event_time } = candidate;
  if (!isId(id) || id < 1) return null;
  if (typeof location_code !== 'string' || typeof gate_code !== 'string' || typeof category !== 'string') return null;
  if (typeof event_time !== 'number' || !Number.isFinite(event_time)) return null;
  return { id, location_code, gate_code, category, event_time };
}

/** Reads a replay reply; null when it breaks the contract (then the caller treats it as a failed request). */
export function parseReplayReply(value: unknown): RealtimeReplayReplyV1 | null {
  if (!isRecord(value) || !Array.isArray(value['events']) || typeof value['hasMore'] !== 'boolean' || !isId(value['latestId'])) return null;
  const oldestId = value['oldestId'];
  if (oldestId !== null && !isId(oldestId)) return null;
  const events: RealtimeEventV1[] = [];
  for (const entry of value['events']) {
    const event = parseRealtimeEvent(entry);
    if (!event) return null;
    events.push(event);
  }
  // Oldest first is the contract; sorting protects the no-gap, no-duplicate logic from a reply that is not.
  events.sort((a, b) => a.id - b.id);
  return { events, oldestId, latestId: value['latestId'], hasMore: value['hasMore'] };
}

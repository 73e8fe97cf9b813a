import type { RealtimeEventV1, RealtimeReplayReplyV1 } from '@gerbang/contracts';
import { optionalDate, zonedParts, type Query } from '@gerbang/retribusi';

/** Replay answers this many events when the caller names no limit... */
export const REPLAY_DEFAULT_LIMIT = 500;
/** ...and never more than this many, whatever it asks. */
export const REPLAY_MAX_LIMIT = 1_000;

export function replayLimit(requested: number | undefined): number {
  return Math.min(requested ?? REPLAY_DEFAULT_LIMIT, REPLAY_MAX_LIMIT);
}

/** What the replay statement returns: the kept id range and up to limit + 1 events. */
export interface ReplayRow {
  oldest_id: string | null;
  latest_id: string | null;
  events: RealtimeEventV1[];
}

/** The reply of at most `limit` events; one more found means the caller should ask again. */
export function replayReply(row: ReplayRow, limit: number): RealtimeReplayReplyV1 {
  return {
    events: row.events.slice(0, limit),
    oldestId: row.oldest_id === null ? null : Number(row.oldest_id),
    latestId: row.latest_id === null ? 0 : Number(row.latest_id),
    hasMore: row.events.length > limit,
  };
}

/** The snapshot's day: `date` when given (a 422 when not YYYY-MM-DD), otherwise today in the business zone. */
export function snapshotDate(query: Query, nowSeconds: number, timeZone: string): string {
  return optionalDate(query, 'date') ?? zonedParts(nowSeconds, timeZone).date;
}

/** One row of GET /retribusi/v1/realtime/events, as the document shows it. */
export interface RealtimeEventListItem {
  id: number;
  location_code: string;
  gate_code: string;
  category: string;
  /** Unix seconds. */
  event_time: number;
  /** Every stored entry counts one. */
  total_count_delta: 1;
  /** "YYYY-MM-DD HH:MM:SS" in the business zone. */
  created_at: string;
}

export interface EventRow {
  id: string;
  location_code: string;
  gate_code: string;
  category: string;
  event_time: string;
}

/** A stored row as published live (pg returns bigint as text). */
export function toRealtimeEvent(row: EventRow): RealtimeEventV1 {
  return { id: Number(row.id), location_code: row.location_code, gate_code: row.gate_code, category: row.category, event_time: Number(row.event_time) };
}

export function toListItem(row: EventRow & { created_at: string }): RealtimeEventListItem {
  return { ...toRealtimeEvent(row), total_count_delta: 1, created_at: row.created_at };
}

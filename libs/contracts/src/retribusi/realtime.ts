/**
 * Contract between the realtime service and the gateway's SSE streams.
 *
 * realtime reads RETRIBUSI_EVENTS (durable consumer `retribusi-realtime`), stores each entry
 * once in realtime_events (ids only grow, and are committed in id order so a reader that has
 * seen id N has seen every id below it), then publishes the stored row on the live subject.
 * The live subject is core NATS: lossy by design. A gateway that sees a gap in `id` (or that
 * starts a stream from `last_id`) fills it from the replay subject, so a client never misses
 * or repeats an event.
 */
export const REALTIME_SUBJECTS = {
  /** Event (core NATS): one stored realtime event. Payload: RealtimeEventV1. */
  live: 'retribusi.realtime.event.v1',
  /** Request-reply: events after an id, oldest first. Payload: RealtimeReplayRequestV1 -> RealtimeReplayReplyV1. */
  replay: 'retribusi.realtime.replay.v1',
  /** Request-reply: GET /retribusi/v1/realtime/events (ServiceRequest -> ServiceReply). */
  eventsList: 'retribusi.realtime.list.v1',
  /** Request-reply: GET /retribusi/v1/realtime/snapshot (ServiceRequest -> ServiceReply). */
  snapshot: 'retribusi.realtime.snapshot.v1',
} as const;

/** The durable consumer realtime reads RETRIBUSI_EVENTS with. */
export const REALTIME_CONSUMER = 'retribusi-realtime';

/** The SSE event name the document shows for an entry. */
export const REALTIME_SSE_EVENT = 'ingest';

/** One realtime event, as published live and as returned by replay. */
export interface RealtimeEventV1 {
  /** realtime_events.id: the SSE `id:` line. */
  id: number;
  location_code: string;
  gate_code: string;
  category: string;
  /** Unix seconds, when the gate saw the entry. */
  event_time: number;
}

export interface RealtimeReplayRequestV1 {
  /** Return events with id > afterId. */
  afterId: number;
  /** Only this location's events (the stream's location_code filter). */
  locationCode?: string;
  /** At most this many events (the service caps it, default 500). */
  limit?: number;
}

export interface RealtimeReplayReplyV1 {
  events: RealtimeEventV1[];
  /**
   * The smallest id still kept, or null when nothing is kept. When afterId + 1 is below it,
   * events were pruned and the stream must send a `reset` event before going on.
   */
  oldestId: number | null;
  /** The largest id stored when the reply was made (across every location), or 0. */
  latestId: number;
  /** True when more events after the last one returned exist (ask again). */
  hasMore: boolean;
}

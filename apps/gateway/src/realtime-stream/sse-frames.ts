import { REALTIME_SSE_EVENT, type RealtimeEventV1, type RealtimeReplayReplyV1 } from '@gerbang/contracts';

/**
 * SSE frames of the realtime stream. An entry's frame is encoded once per event and the same
 * Buffer is written to every connection, so fan-out costs no serialisation per client. Data is
 * JSON on one line (JSON.stringify escapes newlines), so no field can break a frame.
 */
export function ingestFrame(event: RealtimeEventV1): Buffer {
  // Keys in the order the document shows them.
  const data = JSON.stringify({
    location_code: event.location_code,
    gate_code: event.gate_code,
    category: event.category,
    event_time: event.event_time,
  });
  return Buffer.from(`id: ${event.id}\nevent: ${REALTIME_SSE_EVENT}\ndata: ${data}\n\n`);
}

/** Keep-alive for idle streams: a named event (ignored by `onmessage`) with no id, so it never moves Last-Event-ID. */
export function pingFrame(unixSeconds: number): Buffer {
  return Buffer.from(`event: ping\ndata: {"time":${unixSeconds}}\n\n`);
}

/** The reconnect delay EventSource should use. */
export function retryFrame(milliseconds: number): string {
  return `retry: ${Math.max(0, Math.round(milliseconds))}\n\n`;
}

export interface StreamReset {
  /** The id the client asked to resume after. */
  last_id: number;
  /** The oldest id still kept (null when nothing is kept). */
  oldest_id: number | null;
  /** The newest id stored. */
  latest_id: number;
}

/** The reset a resume needs: the requested id is below the oldest kept, or beyond the newest stored (the history was rebuilt). */
export function resetFor(lastId: number, reply: RealtimeReplayReplyV1): StreamReset | null {
  const pruned = reply.oldestId === null ? reply.latestId > lastId : lastId + 1 < reply.oldestId;
  const beyond = lastId > reply.latestId;
  return pruned || beyond ? { last_id: lastId, oldest_id: reply.oldestId, latest_id: reply.latestId } : null;
}

/** Sent before going on when events after the requested id are no longer kept. */
export function resetFrame(reset: StreamReset): string {
  return `event: reset\ndata: ${JSON.stringify(reset)}\n\n`;
}

/** Ends a stream that cannot go on (the body is the product's error body). */
export function errorFrame(body: unknown): string {
  return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
}

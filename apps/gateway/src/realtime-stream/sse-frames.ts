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

/**
 * A frame as one HTTP/1.1 chunk (size line, frame, CRLF). Built once per event so that live
 * fan-out writes each chunked stream's socket once, without the response's per-write framing
 * (four buffers, a cork and a tick per client): at 10,000 streams that is most of the
 * gateway's cost of an event besides the system calls themselves.
 */
export function httpChunk(frame: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`, 'latin1'), frame, CRLF]);
}

const CRLF = Buffer.from('\r\n', 'latin1');

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

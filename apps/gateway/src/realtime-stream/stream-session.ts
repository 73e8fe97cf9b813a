import { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { RealtimeEventV1 } from '@gerbang/contracts';
import type { HubEvent, HubSubscriber, StreamCloseReason } from './realtime-hub.js';
import { ingestFrame } from './sse-frames.js';
import { slowClientsDropped, streamsClosed } from './stream-metrics.js';

export interface StreamSessionOptions {
  /** The HTTP response (any Writable in unit tests). */
  response: Writable;
  locationCode: string | null;
  /** Resume after this id (0 for a live-only stream). */
  lastSentId: number;
  /** Whether the stream replays history first (live events are held until it is done). */
  replaying: boolean;
  maxBufferedBytes: number;
  pingIntervalMs: number;
  /** Unix seconds at which the credential expires: the stream ends then. */
  expiresAt: number | null;
  isRevoked: () => boolean;
  /** Extra bytes written when the stream ends for a reason (e.g. a `retry:` hint on shutdown). */
  farewell?: (reason: StreamCloseReason) => string | undefined;
  onClose: (session: StreamSession, reason: StreamCloseReason) => void;
}

/**
 * One SSE connection. Delivery is deduplicated strictly by id (`lastSentId`), so replayed and
 * live copies of an event reach the client once. While replaying, live events are held (they
 * are shared frames, so holding costs only references) and written after the replay, skipping
 * those it already sent. Live writes never wait: when the client lets more than
 * `maxBufferedBytes` pile up, the connection is cut and the client resumes with Last-Event-ID,
 * so one slow reader never delays the others.
 */
export class StreamSession implements HubSubscriber {
  readonly locationCode: string | null;
  lastSentId: number;
  eventsSent = 0;
  closeReason: StreamCloseReason | null = null;
  private live: boolean;
  /** Whether the response has begun (before that, closing leaves the response to the caller). */
  private started = false;
  private held: HubEvent[] = [];
  private heldBytes = 0;
  private lastWriteAt = Date.now();
  /** Once the head of a chunked HTTP/1.1 response is out: its socket, which live events are written to pre-framed. */
  private socket: Writable | null = null;

  constructor(private readonly options: StreamSessionOptions) {
    this.locationCode = options.locationCode;
    this.lastSentId = options.lastSentId;
    this.live = !options.replaying;
    options.response.on('close', () => this.close('client'));
    // A write to a socket the client already closed errors; the close above handles it.
    options.response.on('error', () => this.close('client'));
  }

  get closed(): boolean {
    return this.closeReason !== null;
  }

  receive(event: HubEvent, now: number): boolean {
    if (this.closeReason !== null) return false;
    if (!this.live) {
      this.held.push(event);
      this.heldBytes += event.frame.length;
      if (this.heldBytes > this.options.maxBufferedBytes) this.close('slow');
      return false;
    }
    if (event.id <= this.lastSentId) return false;
    this.lastSentId = event.id;
    this.eventsSent += 1;
    const socket = this.socket;
    if (socket === null) return this.write(event.frame, now);
    // Ended by the server after the client half-closed, before the response heard of it.
    if (!socket.writable) {
      this.close('client');
      return false;
    }
    // The same bytes the response would send for event.frame, in one write.
    socket.write(event.chunk);
    return this.wrote(now);
  }

  tick(now: number, ping: () => Buffer): void {
    if (this.closeReason !== null) return;
    if (this.options.expiresAt !== null && now >= this.options.expiresAt * 1000) return this.close('expired');
    if (this.options.isRevoked()) return this.close('revoked');
    if (this.live && now - this.lastWriteAt >= this.options.pingIntervalMs) this.write(ping(), now);
  }

  /** The response headers are out: writes the first frame; from now on closing ends the response. */
  begin(firstFrame: string): void {
    this.started = true;
    this.send(firstFrame);
    this.socket = directSocket(this.options.response);
  }

  /** Writes a control frame (retry, reset). */
  send(chunk: string | Buffer): void {
    if (this.closeReason === null) this.write(chunk, Date.now());
  }

  /**
   * Writes replayed events in order, waiting for the client whenever its buffer is over the
   * bound (a replay may be long; it must not be cut for being fast). False once the stream closed.
   */
  async sendReplayed(events: RealtimeEventV1[]): Promise<boolean> {
    for (const event of events) {
      if (this.closeReason !== null) return false;
      if (event.id <= this.lastSentId) continue;
      if (this.locationCode !== null && event.location_code !== this.locationCode) continue;
      this.options.response.write(ingestFrame(event));
      this.lastSentId = event.id;
      this.eventsSent += 1;
      if (this.options.response.writableLength > this.options.maxBufferedBytes) await this.drained();
    }
    this.lastWriteAt = Date.now();
    return this.closeReason === null;
  }

  /** Replay done: writes the live events held meanwhile (those not replayed) and goes live. */
  goLive(): void {
    if (this.live) return;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.live = true;
    const now = Date.now();
    for (const event of held) this.receive(event, now);
  }

  /** Ends the stream with a last frame (an error event). */
  fail(frame: string, reason: StreamCloseReason): void {
    if (this.closeReason !== null) return;
    this.options.response.write(frame);
    this.close(reason);
  }

  close(reason: StreamCloseReason): void {
    if (this.closeReason !== null) return;
    this.closeReason = reason;
    this.held = [];
    if (reason === 'slow') slowClientsDropped.inc();
    // Before the response began, the caller answers (or drops) the request itself.
    if (this.started) this.endResponse(reason);
    streamsClosed.inc({ reason });
    this.options.onClose(this, reason);
  }

  private endResponse(reason: StreamCloseReason): void {
    const response = this.options.response;
    if (reason === 'slow') {
      response.destroy();
    } else if (reason !== 'client') {
      const socket = (response as { socket?: { end(): void } | null }).socket;
      // The socket is closed after the last chunk, so a keep-alive connection does not hold up shutdown.
      response.end(this.options.farewell?.(reason) ?? '', () => socket?.end());
    }
  }

  private write(chunk: string | Buffer, now: number): boolean {
    this.options.response.write(chunk);
    return this.wrote(now);
  }

  /** After any write: cuts the client off when more than the bound waits for it (the response's count includes its socket's). */
  private wrote(now: number): boolean {
    this.lastWriteAt = now;
    if (this.options.response.writableLength > this.options.maxBufferedBytes) {
      this.close('slow');
      return false;
    }
    return true;
  }

  /** Resolves when the client has read the backlog, the stream closed, or it stalled for three ping intervals (then it is cut). */
  private drained(): Promise<void> {
    const response = this.options.response;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(stall);
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      const stall = setTimeout(() => {
        this.close('slow');
        done();
      }, this.options.pingIntervalMs * 3);
      stall.unref();
      response.once('drain', done);
      response.once('close', done);
    });
  }
}

/**
 * The socket of a response whose head is out and whose body is chunked, or null (any other
 * Writable, HTTP/1.0 without chunking, a response not yet or no longer on its socket). Writing
 * there directly keeps the order of the response's own writes: both end in the socket's queue.
 */
function directSocket(response: Writable): Writable | null {
  if (!(response instanceof ServerResponse) || !response.headersSent || !response.chunkedEncoding || response.writableEnded) return null;
  const socket = response.socket;
  return socket && socket.writable ? socket : null;
}

import type { RealtimeEventV1, RealtimeReplayReplyV1, RealtimeReplayRequestV1 } from '@gerbang/contracts';
import type { RequestOutcome } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { httpChunk, ingestFrame, pingFrame } from './sse-frames.js';
import { gapEventsRecovered, openStreams, streamEventsSent } from './stream-metrics.js';

/** One stored event, encoded once for every stream. */
export interface HubEvent {
  readonly id: number;
  readonly locationCode: string;
  readonly frame: Buffer;
  /** The frame as one HTTP/1.1 chunk, for streams written straight to their socket. */
  readonly chunk: Buffer;
}

export type StreamCloseReason = 'client' | 'slow' | 'expired' | 'revoked' | 'shutdown' | 'replay_failed' | 'history_rewound';

/** A connection as the hub sees it. */
export interface HubSubscriber {
  /** null: every location. */
  readonly locationCode: string | null;
  /** Returns true when the event's frame was written to the client. */
  receive(event: HubEvent, now: number): boolean;
  /** The shared tick: pings when idle, ends the stream when its credential lapsed. */
  tick(now: number, ping: () => Buffer): void;
  close(reason: StreamCloseReason): void;
}

export type ReplayFunction = (request: RealtimeReplayRequestV1) => Promise<RequestOutcome<RealtimeReplayReplyV1>>;

export interface RealtimeHubOptions {
  replay: ReplayFunction;
  /** Events per replay request. */
  pageSize: number;
  /** Idle streams are pinged this often, and as often the hub asks the history whether it missed something. */
  pingIntervalMs: number;
  logger: Logger;
  /** Resolution of the shared tick (default: a tenth of the ping interval, 50 ms to 1 s). */
  tickMs?: number;
  /** Live events held while the history cannot fill a gap; beyond it the gap is given up (logged). */
  maxWaiting?: number;
}

/**
 * The gateway's one view of the realtime feed: a single live subscription per process (no queue
 * group, so every replica sees every event) fanned out in-process to its streams, indexed by
 * location_code.
 *
 * The live subject is lossy, so the hub delivers events strictly in id order and without holes:
 * when a live event skips ids it first fetches the missing ones from the replay subject (the
 * history commits ids in order, so what replay does not return below a published id never
 * existed). On every ping interval it also compares its last id with the history's latest, so an
 * event whose live publish was lost entirely still reaches clients within one interval. Streams
 * that resume from an id rely on this order: whatever they miss from replay reaches them here.
 */
export class RealtimeHub {
  private readonly everywhere = new Set<HubSubscriber>();
  private readonly byLocation = new Map<string, Set<HubSubscriber>>();
  /** The last id delivered to the streams; null until the hub learned where the history stands. */
  private lastId: number | null = null;
  /** Live events that arrived while a gap was being filled. */
  private readonly waiting: RealtimeEventV1[] = [];
  private busy = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private lastCheckAt = 0;
  private failures = 0;
  private readonly tickMs: number;
  private readonly maxWaiting: number;
  private count = 0;

  constructor(private readonly options: RealtimeHubOptions) {
    this.tickMs = options.tickMs ?? Math.min(1_000, Math.max(50, Math.round(options.pingIntervalMs / 10)));
    this.maxWaiting = options.maxWaiting ?? 10_000;
  }

  /** Streams held, including those still replaying. */
  get size(): number {
    return this.count;
  }

  /** The last id delivered, for tests and diagnostics. */
  get position(): number | null {
    return this.lastId;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    this.lastCheckAt = Date.now();
    void this.check();
  }

  /** Stops the feed and ends every stream with the reason. */
  stop(reason: StreamCloseReason = 'shutdown'): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const subscriber of this.subscribers()) subscriber.close(reason);
  }

  add(subscriber: HubSubscriber): void {
    const set = subscriber.locationCode === null ? this.everywhere : this.locationSet(subscriber.locationCode);
    if (set.has(subscriber)) return;
    set.add(subscriber);
    this.count += 1;
    openStreams.inc();
  }

  remove(subscriber: HubSubscriber): void {
    const code = subscriber.locationCode;
    const set = code === null ? this.everywhere : this.byLocation.get(code);
    if (!set?.delete(subscriber)) return;
    if (code !== null && set.size === 0) this.byLocation.delete(code);
    this.count -= 1;
    openStreams.dec();
  }

  /** One message from the live subject. */
  onLive(event: RealtimeEventV1): void {
    if (this.stopped) return;
    if (!this.busy && this.waiting.length === 0) {
      if (this.lastId === null || event.id === this.lastId + 1) return this.publish(event);
      if (event.id <= this.lastId) return;
    }
    this.waiting.push(event);
    void this.repair();
  }

  private locationSet(code: string): Set<HubSubscriber> {
    let set = this.byLocation.get(code);
    if (!set) {
      set = new Set();
      this.byLocation.set(code, set);
    }
    return set;
  }

  private *subscribers(): Iterable<HubSubscriber> {
    yield* [...this.everywhere];
    for (const set of [...this.byLocation.values()]) yield* [...set];
  }

  private publish(event: RealtimeEventV1): void {
    this.lastId = event.id;
    const frame = ingestFrame(event);
    const hubEvent: HubEvent = { id: event.id, locationCode: event.location_code, frame, chunk: httpChunk(frame) };
    const now = Date.now();
    let written = 0;
    for (const subscriber of this.everywhere) if (subscriber.receive(hubEvent, now)) written += 1;
    const local = this.byLocation.get(event.location_code);
    if (local) for (const subscriber of local) if (subscriber.receive(hubEvent, now)) written += 1;
    if (written > 0) streamEventsSent.inc(written);
  }

  /** Delivers waiting live events in id order, filling each gap from the history first. */
  private async repair(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      while (this.waiting.length > 0 && !this.stopped) {
        this.waiting.sort((a, b) => a.id - b.id);
        const next = this.waiting[0] as RealtimeEventV1;
        if (this.lastId === null || next.id <= this.lastId + 1) {
          this.waiting.shift();
          if (this.lastId === null || next.id > this.lastId) this.publish(next);
          continue;
        }
        if (await this.fill(next.id - 1)) {
          this.failures = 0;
          continue;
        }
        this.failures += 1;
        if (this.waiting.length > this.maxWaiting) {
          this.options.logger.error(
            { fromId: this.lastId + 1, toId: next.id - 1 },
            'realtime history unavailable for too long: live events resume past a gap (clients resuming later still get them)',
          );
          this.lastId = next.id - 1;
          continue;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** Math.min(this.failures, 10), this.options.pingIntervalMs)).unref());
      }
    } finally {
      this.busy = false;
    }
  }

  /** Replays from the last delivered id up to `target`. False when the history did not answer. */
  private async fill(target: number): Promise<boolean> {
    while (this.lastId !== null && this.lastId < target && !this.stopped) {
      const before = this.lastId;
      const page = await this.options.replay({ afterId: before, limit: this.options.pageSize });
      if (!page.ok) {
        this.options.logger.warn({ afterId: before, error: page.error.code }, 'realtime replay failed while filling a gap');
        return false;
      }
      let recovered = 0;
      for (const event of page.value.events) {
        if (event.id > (this.lastId as number)) {
          this.publish(event);
          recovered += 1;
        }
      }
      gapEventsRecovered.inc(recovered);
      if (!page.value.hasMore) {
        // Ids are committed in order: below a published id, what replay lacks never existed.
        if ((this.lastId as number) < target) this.lastId = target;
        return true;
      }
      if (this.lastId === before) return false;
    }
    return true;
  }

  /** Asks the history for its latest id: learns the starting point, notices lost publishes and rewound history. */
  private async check(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      const probe = await this.options.replay({ afterId: this.lastId ?? 0, limit: 1 });
      if (!probe.ok || this.stopped) return;
      const latest = probe.value.latestId;
      if (this.lastId === null) {
        // Start where the history stands; live events that came in meanwhile are delivered after it.
        const earliestWaiting = this.waiting.reduce((lowest, event) => Math.min(lowest, event.id), Number.POSITIVE_INFINITY);
        this.lastId = Math.min(latest, earliestWaiting - 1);
      } else if (latest > 0 && latest < this.lastId) {
        this.options.logger.warn({ lastId: this.lastId, latestId: latest }, 'realtime history was rewound: ending streams so clients resume');
        this.lastId = latest;
        this.waiting.length = 0;
        for (const subscriber of this.subscribers()) subscriber.close('history_rewound');
      } else if (latest > this.lastId) {
        await this.fill(latest);
      }
    } finally {
      this.busy = false;
      if (this.waiting.length > 0) void this.repair();
    }
  }

  private tick(): void {
    const now = Date.now();
    let ping: Buffer | undefined;
    const pingOnce = () => (ping ??= pingFrame(Math.floor(now / 1000)));
    for (const subscriber of this.subscribers()) subscriber.tick(now, pingOnce);
    if (!this.busy && now - this.lastCheckAt >= this.options.pingIntervalMs) {
      this.lastCheckAt = now;
      void this.check();
    }
  }
}

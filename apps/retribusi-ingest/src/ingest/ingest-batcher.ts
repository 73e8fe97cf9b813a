import { Injectable } from '@nestjs/common';
import { EntryEventStore, type NewEntryEvent, type StoreOutcome } from './entry-event.store.js';

interface Pending {
  event: NewEntryEvent;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

/** Most events one INSERT carries; the batch endpoint's own limit. */
const MAX_BATCH = 1000;
/** INSERTs in flight at once; while they run, new events queue up for the next one. */
const MAX_IN_FLIGHT = 4;

/**
 * Group commit for single-event ingest: events that arrive while earlier INSERTs are in
 * flight are written together in the next one, so under load one round trip and one
 * commit carry many events, while a lone event is written at once. Every caller still
 * gets its answer only after the commit that holds its event.
 */
@Injectable()
export class IngestBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly store: EntryEventStore) {}

  store1(event: NewEntryEvent): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    // Events decoded in the same I/O turn join one INSERT.
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      // Two requests with one key in one INSERT: the store writes the first and answers the other as its repeat.
      const outcomes = await this.store.insertMany(batch.map((item) => item.event));
      batch.forEach((item, index) => item.resolve(outcomes[index] as StoreOutcome));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

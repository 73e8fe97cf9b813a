/**
 * retribusi-ingest subjects, `retribusi.<resource>.<action>.v1`. Request-reply unless marked
 * as an event. A published subject is never renamed without a migration plan: old and new
 * names are served side by side until every caller has moved.
 *
 * No request-reply subject may start with `retribusi.entry.`: that prefix belongs to the
 * RETRIBUSI_EVENTS JetStream stream, which would capture (and answer) such requests.
 */
export const RETRIBUSI_SUBJECTS = {
  ingestSubmit: 'retribusi.ingest.submit.v1',
  /** ingestSubmit for many requests at once (CoalescedRequest → CoalescedReply). */
  ingestSubmitCoalesced: 'retribusi.ingest.submit-coalesced.v1',
  ingestSubmitBatch: 'retribusi.ingest.submit-batch.v1',

  locationsList: 'retribusi.locations.list.v1',
  locationsGet: 'retribusi.locations.get.v1',
  locationsCreate: 'retribusi.locations.create.v1',
  locationsUpdate: 'retribusi.locations.update.v1',
  locationsDelete: 'retribusi.locations.delete.v1',

  gatesList: 'retribusi.gates.list.v1',
  gatesGet: 'retribusi.gates.get.v1',
  gatesCreate: 'retribusi.gates.create.v1',
  gatesUpdate: 'retribusi.gates.update.v1',
  gatesDelete: 'retribusi.gates.delete.v1',

  tariffsList: 'retribusi.tariffs.list.v1',
  tariffsGet: 'retribusi.tariffs.get.v1',
  tariffsCreate: 'retribusi.tariffs.create.v1',
  tariffsUpdate: 'retribusi.tariffs.update.v1',
  tariffsDelete: 'retribusi.tariffs.delete.v1',

  streamsList: 'retribusi.streams.list.v1',
  auditLogsList: 'retribusi.audit-logs.list.v1',
  entryEventsList: 'retribusi.entry-events.list.v1',

  dailySummaryList: 'retribusi.daily-summary.list.v1',
  dailySummaryRecompute: 'retribusi.daily-summary.recompute.v1',
  hourlySummaryGet: 'retribusi.hourly-summary.get.v1',
  dashboardDaily: 'retribusi.dashboard.daily.v1',
  dashboardByCategory: 'retribusi.dashboard.by-category.v1',
  dashboardSummary: 'retribusi.dashboard.summary.v1',

  /** Event (JetStream, stream RETRIBUSI_EVENTS): an entry event was stored. Payload: RetribusiEntryCreatedV1. */
  entryCreated: 'retribusi.entry.created.v1',
  /**
   * Event (JetStream, stream RETRIBUSI_EVENTS): the entry events one ingest transaction
   * stored. Payload: RetribusiEntriesCreatedV1. This is what retribusi-ingest publishes: one
   * message per commit rather than one per event. Readers of entry events take both subjects
   * (RETRIBUSI_ENTRY_EVENTS_FILTER) and treat each entry exactly like a lone entryCreated.
   */
  entriesCreated: 'retribusi.entry.batch-created.v1',
} as const;

/** What a durable reader of entry events filters on: entryCreated and entriesCreated. */
export const RETRIBUSI_ENTRY_EVENTS_FILTER = 'retribusi.entry.>';

export type RetribusiSubject = (typeof RETRIBUSI_SUBJECTS)[keyof typeof RETRIBUSI_SUBJECTS];

/**
 * The JetStream stream that keeps retribusi's must-not-lose events. Every message carries
 * `Nats-Msg-Id` (`retribusi-entries-<first entry id>` for a batch, `retribusi-entry-<id>` for
 * one entry), so a republish within the duplicate window is dropped by the server; consumers
 * are idempotent on `entryId` beyond it.
 */
export const RETRIBUSI_EVENTS_STREAM = {
  name: 'RETRIBUSI_EVENTS',
  subjects: ['retribusi.entry.>'],
} as const;

/** Durable consumer names on RETRIBUSI_EVENTS, one per reader; never reuse one for another purpose. */
export const RETRIBUSI_CONSUMERS = {
  /** retribusi-ingest: daily and hourly summaries. */
  aggregator: 'retribusi-aggregator',
} as const;

/** The categories a gate counts, in the order dashboards show them. */
export const RETRIBUSI_CATEGORIES = ['person_walk', 'motor', 'car'] as const;
export type RetribusiCategory = (typeof RETRIBUSI_CATEGORIES)[number];

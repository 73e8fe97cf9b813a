import type { RouteDefinition } from '../common/routes.js';
import { RETRIBUSI_READ_ROLES } from './ingest-routes.js';

/**
 * Names the SSE stream operation (OpenAPI operation id, access rules). No service answers it:
 * the gateway holds the stream itself, fed by REALTIME_SUBJECTS.live and .replay.
 */
export const REALTIME_STREAM_SUBJECT = 'retribusi.realtime.stream.v1';

/** A location code the stream filter accepts (the same shape retribusi-ingest stores). */
export const REALTIME_STREAM_LOCATION_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const ingestFrames = [
  'retry: 3000',
  '',
  'id: 12345',
  'event: ingest',
  'data: {"location_code":"kerkof_01","gate_code":"gate01","category":"motor","event_time":1703123456}',
  '',
  'id: 12346',
  'event: ingest',
  'data: {"location_code":"kerkof_01","gate_code":"gate01","category":"car","event_time":1703123457}',
  '',
  'event: ping',
  'data: {"time":1703123467}',
  '',
].join('\n');

const resetFrame = ['event: reset', 'data: {"last_id":120,"oldest_id":5000,"latest_id":12346}', ''].join('\n');

/** GET /retribusi/v1/realtime/stream (spec/retribusi-api.md "SSE Stream"). */
export const RETRIBUSI_STREAM_ROUTE: RouteDefinition = {
  product: 'retribusi',
  method: 'GET',
  path: '/retribusi/v1/realtime/stream',
  subject: REALTIME_STREAM_SUBJECT,
  access: { kind: 'user', roles: RETRIBUSI_READ_ROLES },
  summary: 'Server-Sent Events (SSE) stream untuk real-time updates',
  tags: ['Retribusi - Realtime'],
  responseContentType: 'text/event-stream',
  description: [
    'Each stored entry is one `ingest` event whose `id` is its realtime event id. The connection stays open;',
    'when it had no data for 10 s it receives `event: ping` with `{"time": <unix seconds>}` (no `id`, so it never moves the resume point).',
    '',
    'Resume: send the last id received as `Last-Event-ID` (EventSource does so when it reconnects) or as `last_id`;',
    'the stream replays every later event, then goes live, with no gap and no duplicate. When that id is older than the',
    'history kept, the stream first sends `event: reset` with `{"last_id", "oldest_id", "latest_id"}` and continues from the',
    'oldest event kept. If the history cannot be read mid-replay the stream sends `event: error` and ends; reconnect to resume.',
    '',
    "Browsers' EventSource cannot send headers: the token may be given as the `access_token` query parameter instead",
    '(it is never logged). A client that does not read fast enough is disconnected and resumes with `Last-Event-ID`.',
    'When the gateway shuts down, streams end cleanly with a short `retry:` hint so clients reconnect to another replica.',
  ].join('\n'),
  queryParameters: [
    {
      name: 'last_id',
      description: 'Resume after this event id (Last-Event-ID wins when both are sent)',
      schema: { type: 'integer', minimum: 0 },
      example: 12344,
    },
    {
      name: 'location_code',
      description: 'Only events of this location',
      schema: { type: 'string', pattern: REALTIME_STREAM_LOCATION_CODE.source },
      example: 'kerkof_01',
    },
    { name: 'access_token', description: 'The bearer token, for clients that cannot send Authorization (EventSource)', schema: { type: 'string' } },
  ],
  headerParameters: [
    { name: 'Last-Event-ID', description: 'Resume after this event id (sent by EventSource on reconnect)', schema: { type: 'integer', minimum: 0 } },
    { name: 'Accept', description: 'text/event-stream', schema: { type: 'string' }, example: 'text/event-stream' },
  ],
  responses: {
    200: {
      description: 'An open event stream (Content-Type: text/event-stream, Cache-Control: no-cache, Connection: keep-alive)',
      contentType: 'text/event-stream',
      schema: { type: 'string' },
      examples: {
        live: { summary: 'Entries, then a ping when idle', value: ingestFrames },
        reset: { summary: 'Resume from an id older than the history kept', value: resetFrame },
      },
    },
    503: {
      description: 'Too many open streams on this gateway, or the realtime history is unavailable (when resuming)',
      example: { error: 'service_unavailable', message: 'Too many open streams, try again later' },
    },
  },
};

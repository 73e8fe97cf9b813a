import type { RouteAccess, RouteDefinition, RouteParameterDoc } from '../common/routes.js';
import { RETRIBUSI_READ_ROLES } from './ingest-routes.js';
import { REALTIME_SUBJECTS } from './realtime.js';
import { RETRIBUSI_STREAM_ROUTE } from './stream-route.js';
import { RETRIBUSI_CATEGORIES } from './subjects.js';

const read: RouteAccess = { kind: 'user', roles: RETRIBUSI_READ_ROLES };
const tags = ['Retribusi - Realtime'];
const envelope = (data: unknown, meta?: unknown) => ({ success: true, data, ...(meta ? { meta } : {}), timestamp: 1703123456 });

const code = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
const date = { type: 'string', format: 'date' };
const locationFilter: RouteParameterDoc = { name: 'location_code', description: 'Only this location', schema: code, example: 'kerkof_01' };

/**
 * spec/retribusi-api.md "Retribusi - Realtime": events list and snapshot (answered by the
 * realtime service) and the SSE stream (held by the gateway).
 */
export const RETRIBUSI_REALTIME_ROUTES: RouteDefinition[] = [
  RETRIBUSI_STREAM_ROUTE,
  {
    product: 'retribusi',
    method: 'GET',
    path: '/retribusi/v1/realtime/snapshot',
    subject: REALTIME_SUBJECTS.snapshot,
    access: read,
    summary: 'Get snapshot data untuk real-time dashboard cards',
    tags,
    description:
      'Totals of one business-zone day (`BUSINESS_TIMEZONE`, default Asia/Jakarta) by the time the gate saw each entry. ' +
      'Each `by_gate` row also names its `location_code`, since gate codes repeat across locations.',
    queryParameters: [{ name: 'date', description: 'YYYY-MM-DD (default: today)', schema: date, example: '2025-01-17' }, locationFilter],
    responseExample: envelope({
      total_count_today: 180,
      total_amount_today: 900000,
      by_gate: [{ location_code: 'kerkof_01', gate_code: 'gate01', total_count: 100, total_amount: 500000 }],
      by_category: [{ category: 'motor', total_count: 100, total_amount: 500000 }],
    }),
  },
  {
    product: 'retribusi',
    method: 'GET',
    path: '/retribusi/v1/realtime/events',
    subject: REALTIME_SUBJECTS.eventsList,
    access: read,
    summary: 'Get list of realtime events (history events untuk SSE) dengan pagination dan filter',
    tags,
    description:
      'Newest first. `event_time` is a Unix timestamp (integer); `created_at` is when the event was stored, in the business zone. ' +
      '`id` is the SSE event id (`last_id` of the stream). Events are kept `REALTIME_RETENTION_DAYS` days (default 7).',
    queryParameters: [
      { name: 'page', description: 'Page number (default 1)', schema: { type: 'integer', minimum: 1 }, example: 1 },
      { name: 'limit', description: 'Items per page (default 20, max 100)', schema: { type: 'integer', minimum: 1, maximum: 100 }, example: 20 },
      locationFilter,
      { name: 'gate_code', description: 'Only this gate', schema: code, example: 'gate01' },
      { name: 'category', description: 'Only this category', schema: { type: 'string', enum: [...RETRIBUSI_CATEGORIES] } },
      { name: 'start_date', description: 'First day (YYYY-MM-DD, business zone) of the gate time', schema: date, example: '2025-01-17' },
      { name: 'end_date', description: 'Last day (YYYY-MM-DD, business zone) of the gate time, included', schema: date, example: '2025-01-17' },
    ],
    responseExample: envelope(
      [
        {
          id: 12345,
          location_code: 'kerkof_01',
          gate_code: 'gate01',
          category: 'motor',
          event_time: 1703123456,
          total_count_delta: 1,
          created_at: '2025-01-17 10:30:01',
        },
      ],
      { page: 1, limit: 20, total: 1000, pages: 50 },
    ),
  },
];

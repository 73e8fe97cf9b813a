import type { HttpMethod, RouteAccess, RouteDefinition } from '../common/routes.js';
import { RETRIBUSI_CATEGORIES, RETRIBUSI_SUBJECTS } from './subjects.js';

/** spec/retribusi-api.md roles: viewer reads, operator also writes (POST, PUT), admin also deletes. */
export const RETRIBUSI_READ_ROLES = ['viewer', 'operator', 'admin'];
export const RETRIBUSI_WRITE_ROLES = ['operator', 'admin'];
export const RETRIBUSI_ADMIN_ROLES = ['admin'];

/** Most events one POST /retribusi/v1/ingest/batch may carry. */
export const RETRIBUSI_INGEST_BATCH_LIMIT = 1000;

const read: RouteAccess = { kind: 'user', roles: RETRIBUSI_READ_ROLES };
const write: RouteAccess = { kind: 'user', roles: RETRIBUSI_WRITE_ROLES };
const admin: RouteAccess = { kind: 'user', roles: RETRIBUSI_ADMIN_ROLES };
const ingestKey: RouteAccess = { kind: 'api-key', header: 'x-api-key', scope: 'retribusi:ingest' };

const pageMeta = { page: 1, limit: 20, total: 1, pages: 1 };
const location = { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof', is_active: 1 };
const gate = { location_code: 'kerkof_01', gate_code: 'gate01', name: 'Gate 01', direction: 'in', camera: 'https://example.com/stream.m3u8', is_active: 1 };
const tariff = { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', price: 5000 };
const envelope = (data: unknown, meta?: unknown) => ({ success: true, data, ...(meta ? { meta } : {}), timestamp: 1703123456 });
const series = (labels: string[], count: number[], amount: number[]) => envelope({ labels, series: { total_count: count, total_amount: amount } });

const code = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
const isActive = { type: 'integer', enum: [0, 1], example: 1 };
const camera = {
  type: 'string',
  nullable: true,
  description: 'HLS/HTTP(S) URL, RTSP URL or a camera id (camera_001)',
  example: 'rtsp://192.168.1.100:554/stream1',
};
const ingestEvent = {
  type: 'object',
  required: ['timestamp', 'location_code', 'gate_code', 'category'],
  properties: {
    timestamp: {
      oneOf: [
        { type: 'integer', description: 'Unix seconds' },
        {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$',
          description: 'YYYY-MM-DD HH:MM:SS in the business time zone (BUSINESS_TIMEZONE)',
        },
      ],
      description:
        "When the gate saw the entry: Unix seconds, or the datetime YYYY-MM-DD HH:MM:SS on the business time zone's clock; from 2000-01-01 to at most one day ahead",
      example: 1703123456,
    },
    location_code: { ...code, example: 'kerkof_01' },
    gate_code: { ...code, example: 'gate01' },
    category: { type: 'string', enum: [...RETRIBUSI_CATEGORIES] },
    event_id: {
      type: 'string',
      description:
        'Gerbang extension: a repeated event_id from the same gate is counted once (duplicate: true); the same id with another category or timestamp gets 409 conflict',
      example: 'gate01-000123',
    },
  },
};

function route(
  method: HttpMethod,
  path: string,
  subject: string,
  access: RouteAccess,
  summary: string,
  tags: string[],
  extra: Partial<RouteDefinition> = {},
): RouteDefinition {
  return { product: 'retribusi', method, path, subject, access, summary, tags, ...extra };
}

const S = RETRIBUSI_SUBJECTS;
const crud = ['Retribusi - Frontend CRUD'];
const summaryTag = ['Retribusi - Summary'];
const dashboardTag = ['Retribusi - Dashboard'];

/** The routes retribusi-ingest answers (spread into RETRIBUSI_ROUTES). */
export const RETRIBUSI_INGEST_ROUTES: RouteDefinition[] = [
  route('POST', '/retribusi/v1/ingest', S.ingestSubmit, ingestKey, 'Endpoint untuk mesin/IoT mengirim event data', ['Retribusi - Ingest'], {
    requestSchema: ingestEvent,
    responseExample: envelope({ stored: true }),
    coalescedSubject: S.ingestSubmitCoalesced,
    rateBudget: 'ingest',
    description:
      'Answered once the event is committed. It is priced with the tariff in force at its `timestamp`. A repeated `event_id` (or `Idempotency-Key` header) from the same gate answers `{"stored": true, "duplicate": true}` and counts once.',
    headerParameters: [
      { name: 'Idempotency-Key', description: 'Makes a retried event count once when the body has no event_id', schema: { type: 'string', maxLength: 190 } },
    ],
    responses: {
      404: {
        description: 'The location or gate is unknown or inactive, or the gate has no tariff for the category',
        example: { error: 'not_found', message: 'Gate not found' },
      },
      409: {
        description: 'The event_id or Idempotency-Key already names another event of this gate (other category or timestamp)',
        example: { error: 'conflict', message: 'Event id already used for a different event' },
      },
    },
  }),
  route(
    'POST',
    '/retribusi/v1/ingest/batch',
    S.ingestSubmitBatch,
    ingestKey,
    'Gerbang extension: up to 1,000 events in one request, one result per event',
    ['Retribusi - Ingest'],
    {
      requestSchema: { type: 'object', required: ['events'], properties: { events: { type: 'array', maxItems: 1000, items: ingestEvent } } },
      rateBudget: 'ingest',
      headerParameters: [
        {
          name: 'Idempotency-Key',
          description: 'Makes a retried batch count once: it keys each event without an event_id by the key and its position in the batch',
          schema: { type: 'string', maxLength: 190 },
        },
      ],
      responseExample: envelope({
        results: [
          { index: 0, stored: true },
          { index: 1, stored: true, duplicate: true },
          { index: 2, stored: false, error: { code: 'not_found', message: 'Gate not found' } },
          { index: 3, stored: false, error: { code: 'conflict', message: 'Event id already used for a different event' } },
        ],
        stored: 1,
        duplicates: 1,
        failed: 2,
      }),
    },
  ),

  route('GET', '/retribusi/v1/frontend/locations', S.locationsList, read, 'Get list of locations dengan pagination', crud, {
    responseExample: envelope([location], pageMeta),
  }),
  route('GET', '/retribusi/v1/frontend/locations/:code', S.locationsGet, read, 'Get detail location berdasarkan code', crud, {
    responseExample: envelope(location),
  }),
  route('POST', '/retribusi/v1/frontend/locations', S.locationsCreate, write, 'Create new location', crud, {
    successStatus: 201,
    requestSchema: {
      type: 'object',
      required: ['code', 'name', 'type'],
      properties: {
        code: { ...code, example: 'kerkof_02' },
        name: { type: 'string', example: 'Kerkof 02' },
        type: { type: 'string', example: 'kerkof' },
        is_active: isActive,
      },
    },
    responseExample: envelope({ ...location, code: 'kerkof_02', name: 'Kerkof 02' }),
  }),
  route('PUT', '/retribusi/v1/frontend/locations/:code', S.locationsUpdate, write, 'Update location (code tidak bisa diubah)', crud, {
    requestSchema: {
      type: 'object',
      properties: { name: { type: 'string', example: 'Kerkof 02 Updated' }, type: { type: 'string', example: 'kerkof' }, is_active: isActive },
    },
    responseExample: envelope({ ...location, code: 'kerkof_02', name: 'Kerkof 02 Updated' }),
  }),
  route('DELETE', '/retribusi/v1/frontend/locations/:code', S.locationsDelete, admin, 'Soft delete location (set is_active = 0)', crud, {
    responseExample: envelope({ deleted: true }),
  }),

  route('GET', '/retribusi/v1/frontend/gates', S.gatesList, read, 'Get list of gates dengan pagination', crud, { responseExample: envelope([gate], pageMeta) }),
  route('GET', '/retribusi/v1/frontend/gates/:location_code/:gate_code', S.gatesGet, read, 'Get detail gate berdasarkan location_code dan gate_code', crud, {
    responseExample: envelope(gate),
  }),
  route('POST', '/retribusi/v1/frontend/gates', S.gatesCreate, write, 'Create new gate', crud, {
    successStatus: 201,
    requestSchema: {
      type: 'object',
      required: ['location_code', 'gate_code', 'name', 'direction'],
      properties: {
        location_code: { ...code, example: 'kerkof_01' },
        gate_code: { ...code, example: 'gate02' },
        name: { type: 'string', example: 'Gate 02' },
        direction: { type: 'string', enum: ['in', 'out'] },
        camera,
        is_active: isActive,
      },
    },
    responseExample: envelope({ ...gate, gate_code: 'gate02', name: 'Gate 02', direction: 'out', camera: 'rtsp://192.168.1.100:554/stream1' }),
  }),
  route(
    'PUT',
    '/retribusi/v1/frontend/gates/:location_code/:gate_code',
    S.gatesUpdate,
    write,
    'Update gate (location_code dan gate_code tidak bisa diubah)',
    crud,
    {
      requestSchema: {
        type: 'object',
        properties: { name: { type: 'string', example: 'Gate 02 Updated' }, direction: { type: 'string', enum: ['in', 'out'] }, camera, is_active: isActive },
      },
      responseExample: envelope({
        ...gate,
        gate_code: 'gate02',
        name: 'Gate 02 Updated',
        direction: 'out',
        camera: 'http://192.168.1.100:8080/hls/stream.m3u8',
      }),
    },
  ),
  route('DELETE', '/retribusi/v1/frontend/gates/:location_code/:gate_code', S.gatesDelete, admin, 'Soft delete gate (set is_active = 0)', crud, {
    responseExample: envelope({ deleted: true }),
  }),

  route('GET', '/retribusi/v1/frontend/tariffs', S.tariffsList, read, 'Get list of tariffs dengan pagination', crud, {
    responseExample: envelope([{ ...tariff, location_name: 'Kerkof 01', gate_name: 'Gate 01' }], pageMeta),
  }),
  route('GET', '/retribusi/v1/frontend/tariffs/:location_code/:gate_code/:category', S.tariffsGet, read, 'Get detail tariff', crud, {
    responseExample: envelope(tariff),
  }),
  route('POST', '/retribusi/v1/frontend/tariffs', S.tariffsCreate, write, 'Create new tariff', crud, {
    successStatus: 201,
    requestSchema: {
      type: 'object',
      required: ['location_code', 'gate_code', 'category', 'price'],
      properties: {
        location_code: { ...code, example: 'kerkof_01' },
        gate_code: { ...code, example: 'gate01' },
        category: { type: 'string', enum: [...RETRIBUSI_CATEGORIES] },
        price: { type: 'integer', minimum: 0, example: 5000 },
      },
    },
    responseExample: envelope(tariff),
  }),
  route(
    'PUT',
    '/retribusi/v1/frontend/tariffs/:location_code/:gate_code/:category',
    S.tariffsUpdate,
    write,
    'Update tariff price (location_code, gate_code, category tidak bisa diubah)',
    crud,
    {
      requestSchema: { type: 'object', required: ['price'], properties: { price: { type: 'integer', minimum: 0, example: 6000 } } },
      responseExample: envelope({ ...tariff, price: 6000 }),
    },
  ),
  route('DELETE', '/retribusi/v1/frontend/tariffs/:location_code/:gate_code/:category', S.tariffsDelete, admin, 'Hard delete tariff (permanent delete)', crud, {
    responseExample: envelope({ deleted: true }),
  }),

  route('GET', '/retribusi/v1/frontend/streams', S.streamsList, read, 'Get list of streams (alias untuk gates)', crud, {
    responseExample: envelope([gate], pageMeta),
  }),
  route('GET', '/retribusi/v1/frontend/audit-logs', S.auditLogsList, read, 'Get audit trail history dengan pagination dan filter', crud, {
    responseExample: envelope(
      [
        {
          id: 123,
          actor_user_id: 1,
          actor_username: 'admin',
          actor_role: 'admin',
          action: 'update',
          entity: 'locations',
          entity_key: 'kerkof_01',
          before_json: location,
          after_json: { ...location, name: 'Kerkof 01 Updated' },
          ip_address: '192.168.1.100',
          user_agent: 'Mozilla/5.0...',
          created_at: '2025-01-17 10:30:00',
        },
      ],
      pageMeta,
    ),
  }),
  route('GET', '/retribusi/v1/frontend/entry-events', S.entryEventsList, read, 'Get list of raw entry events dengan pagination dan filter', crud, {
    responseExample: envelope(
      [
        {
          id: 12345,
          location_code: 'kerkof_01',
          gate_code: 'gate01',
          category: 'motor',
          event_time: '2025-01-17 10:30:00',
          source_ip: '192.168.1.100',
          created_at: '2025-01-17 10:30:01',
        },
      ],
      pageMeta,
    ),
  }),

  route('POST', '/retribusi/v1/admin/summary/daily', S.dailySummaryRecompute, admin, 'Trigger manual aggregation untuk daily summary', summaryTag, {
    requestSchema: { type: 'object', required: ['date'], properties: { date: { type: 'string', format: 'date', example: '2025-12-16' } } },
    responseExample: envelope({ rows_processed: 150, date: '2025-12-16' }),
  }),
  route('GET', '/retribusi/v1/summary/daily', S.dailySummaryList, read, 'Get daily summary data', summaryTag, {
    responseExample: envelope([
      { summary_date: '2025-12-16', location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', total_count: 100, total_amount: 500000 },
    ]),
  }),
  route('GET', '/retribusi/v1/summary/hourly', S.hourlySummaryGet, read, 'Get hourly summary data untuk chart (24 jam)', summaryTag, {
    responseExample: series(
      Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')),
      Array.from({ length: 24 }, () => 10),
      Array.from({ length: 24 }, () => 50000),
    ),
  }),
  route('GET', '/retribusi/v1/dashboard/daily', S.dashboardDaily, read, 'Get daily chart data (line chart)', dashboardTag, {
    responseExample: series(['2025-12-01', '2025-12-02', '2025-12-03'], [100, 150, 200], [500000, 750000, 1000000]),
  }),
  route('GET', '/retribusi/v1/dashboard/by-category', S.dashboardByCategory, read, 'Get chart data grouped by category (bar/donut chart)', dashboardTag, {
    responseExample: series([...RETRIBUSI_CATEGORIES], [50, 100, 30], [100000, 500000, 300000]),
  }),
  route('GET', '/retribusi/v1/dashboard/summary', S.dashboardSummary, read, 'Get summary statistics (stat cards)', dashboardTag, {
    responseExample: envelope({
      total_count_today: 180,
      total_amount_today: 900000,
      by_gate: [{ location_code: 'kerkof_01', gate_code: 'gate01', total_count: 100, total_amount: 500000 }],
      by_category: [{ category: 'motor', total_count: 100, total_amount: 500000 }],
    }),
  }),
];

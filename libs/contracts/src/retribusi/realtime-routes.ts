import type { RouteDefinition } from '../common/routes.js';
import { RETRIBUSI_STREAM_ROUTE } from './stream-route.js';

/**
 * spec/retribusi-api.md "Retribusi - Realtime": events list and snapshot (answered by the
 * realtime service) and the SSE stream (held by the gateway). Filled by the realtime work.
 */
export const RETRIBUSI_REALTIME_ROUTES: RouteDefinition[] = [RETRIBUSI_STREAM_ROUTE];

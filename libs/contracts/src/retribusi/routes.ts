import type { RouteDefinition } from '../common/routes.js';
import { AUTH_SUBJECTS } from '../auth/subjects.js';
import { RETRIBUSI_INGEST_ROUTES } from './ingest-routes.js';
import { RETRIBUSI_REALTIME_ROUTES } from './realtime-routes.js';

/** spec/retribusi-api.md, served at the gateway root. */
export const RETRIBUSI_ROUTES: RouteDefinition[] = [
  {
    product: 'retribusi',
    method: 'POST',
    path: '/auth/v1/login',
    subject: AUTH_SUBJECTS.login,
    access: { kind: 'public' },
    summary: 'Login untuk mendapatkan JWT token',
    tags: ['Authentication'],
    rateLimit: { max: 10, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['username', 'password'],
      properties: { username: { type: 'string', example: 'admin' }, password: { type: 'string', example: 'password123' } },
    },
    responseExample: {
      success: true,
      data: { token: 'eyJhbGciOiJFUzI1NiIs...', expires_in: 3600, user: { id: 1, username: 'admin', role: 'admin' } },
      timestamp: 1703123456,
    },
  },
  {
    product: 'retribusi',
    method: 'POST',
    path: '/auth/v1/refresh',
    subject: AUTH_SUBJECTS.refresh,
    access: { kind: 'public' },
    summary: 'Gerbang extension: exchange the refresh token from login for a new token pair (the old refresh token stops working)',
    tags: ['Authentication'],
    rateLimit: { max: 30, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['refresh_token'],
      properties: { refresh_token: { type: 'string', example: 'grt_3q2-7wEXAMPLEk8w5QGx0mM4nVb1fWc2h9Zt6yL0pRs' } },
    },
    responseExample: {
      success: true,
      data: {
        token: 'eyJhbGciOiJFUzI1NiIs...',
        expires_in: 3600,
        refresh_token: 'grt_Xb9-EXAMPLE0k2mW4nQ7fPz1hV6cT3yR8sL5aJdGe',
        refresh_expires_in: 2592000,
        user: { id: 1, username: 'admin', role: 'admin' },
      },
      timestamp: 1703123456,
    },
  },
  {
    product: 'retribusi',
    method: 'POST',
    path: '/auth/v1/logout',
    subject: AUTH_SUBJECTS.logout,
    access: { kind: 'user', allowPasswordChangePending: true },
    summary: 'Gerbang extension: revoke the current token and its refresh token family',
    tags: ['Authentication'],
    requestSchema: { type: 'object', properties: { refresh_token: { type: 'string' } } },
    responseExample: { success: true, data: { logged_out: true }, timestamp: 1703123456 },
  },
  {
    product: 'retribusi',
    method: 'POST',
    path: '/auth/v1/change-password',
    subject: AUTH_SUBJECTS.changePassword,
    access: { kind: 'user', allowPasswordChangePending: true },
    summary:
      "Gerbang extension: change one's own password, the one call a user with a generated password may make before it; the user's other sessions end, and a new login gives a token without the pending change",
    tags: ['Authentication'],
    rateLimit: { max: 10, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['current_password', 'new_password'],
      properties: { current_password: { type: 'string' }, new_password: { type: 'string', description: "The realm's password policy applies" } },
    },
    responseExample: { success: true, data: { password_changed: true }, timestamp: 1703123456 },
  },
  {
    product: 'retribusi',
    method: 'GET',
    path: '/auth/v1/me',
    subject: AUTH_SUBJECTS.me,
    access: { kind: 'user', allowPasswordChangePending: true },
    summary: 'Gerbang extension: the logged-in user',
    tags: ['Authentication'],
    responseExample: { success: true, data: { id: 1, username: 'admin', role: 'admin' }, timestamp: 1703123456 },
  },
  {
    product: 'retribusi',
    method: 'GET',
    path: '/retribusi/v1/ingest/ping',
    subject: AUTH_SUBJECTS.whoami,
    access: { kind: 'api-key', header: 'x-api-key', scope: 'retribusi:ingest' },
    summary: 'Gerbang extension: a gate checks its X-API-KEY and connectivity without sending an event',
    tags: ['Retribusi - Ingest'],
    rateLimit: { max: 60, windowSeconds: 60 },
  },
  ...RETRIBUSI_INGEST_ROUTES,
  ...RETRIBUSI_REALTIME_ROUTES,
];

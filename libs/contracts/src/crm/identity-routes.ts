import type { RouteDefinition } from '../common/routes.js';
import { AUTH_SUBJECTS } from '../auth/subjects.js';

const authTag = ['Autentikasi'];

const session = {
  accessToken: 'eyJhbGciOiJFUzI1NiIs...',
  tokenType: 'Bearer',
  expiresIn: 3600,
  refreshToken: 'grt_3q2-7wEXAMPLEk8w5QGx0mM4nVb1fWc2h9Zt6yL0pRs',
  refreshExpiresIn: 2592000,
  user: { id: '1', name: 'Administrator', email: 'admin@gerbang.local', activeRole: 'admin', roles: ['admin'] },
};

/**
 * spec/crm-batubara-niaga-api.md users, roles, privileges and profiles, answered by auth-rbac
 * (realm crm). The document assumes a bearer token but names no login operation; Gerbang
 * serves one under /v1/auth in the document's camelCase style.
 */
export const CRM_IDENTITY_ROUTES: RouteDefinition[] = [
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/login',
    subject: AUTH_SUBJECTS.login,
    access: { kind: 'public' },
    summary: 'Masuk dengan email dan kata sandi untuk mendapatkan token',
    tags: authTag,
    rateLimit: { max: 10, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: { type: 'string', example: 'admin@gerbang.local' }, password: { type: 'string', example: 'Gerbang#Admin2025' } },
    },
    responseExample: session,
  },
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/refresh',
    subject: AUTH_SUBJECTS.refresh,
    access: { kind: 'public' },
    summary: 'Tukar refresh token dengan pasangan token baru (refresh token lama tidak berlaku lagi)',
    tags: authTag,
    rateLimit: { max: 30, windowSeconds: 60 },
    description: 'Body `{refreshToken}`; `refresh_token` is accepted too. A refresh token presented twice ends its whole session.',
    requestSchema: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string', example: session.refreshToken } } },
    responseExample: session,
  },
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/logout',
    subject: AUTH_SUBJECTS.logout,
    access: { kind: 'user', allowPasswordChangePending: true },
    summary: 'Keluar: mencabut token ini beserta refresh token-nya',
    tags: authTag,
    requestSchema: { type: 'object', properties: { refreshToken: { type: 'string' } } },
    responseExample: { logged_out: true },
  },
];

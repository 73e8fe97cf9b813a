import type { RouteDefinition } from '../common/routes.js';
import { AUTH_SUBJECTS } from '../auth/subjects.js';

/** spec/autogate-api.md, served under /autogate. */
export const AUTOGATE_ROUTES: RouteDefinition[] = [
  {
    product: 'autogate',
    method: 'POST',
    path: '/v1/external/oauth/token',
    subject: AUTH_SUBJECTS.clientToken,
    access: { kind: 'public' },
    summary: 'Get Access Token (OAuth 2.0 client credentials, RFC 6749 section 4.4)',
    tags: ['External OAuth'],
    contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
    rateLimit: { max: 30, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string' },
        client_secret: { type: 'string' },
        scope: { type: 'string' },
      },
    },
    responseExample: { access_token: 'eyJhbGciOiJFUzI1NiIs...', token_type: 'Bearer', expires_in: 3600, scope: 'gate:read' },
  },
];

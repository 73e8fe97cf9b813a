import type { Product } from './products.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Declared next to the route and enforced in one place, the gateway.
 * - public: anyone.
 * - user: a bearer JWT of the product's realm; `roles` limits the active role, `permission`
 *   names a resource:privilege the auth service resolves for the active role.
 * - api-key: a key of the realm in `header` with the scope.
 * - client: an OAuth client-credentials token of the realm with the scope.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'user'; roles?: string[]; permission?: string; allowPasswordChangePending?: boolean }
  | { kind: 'api-key'; header: string; scope: string }
  | { kind: 'client'; scope: string };

/** A query or header parameter a route reads, for the OpenAPI document. */
export interface RouteParameterDoc {
  name: string;
  required?: boolean;
  description?: string;
  /** JSON schema of the value (default: a string). */
  schema?: Record<string, unknown>;
  example?: unknown;
}

/** One response a route documents itself, for the OpenAPI document. */
export interface RouteResponseDoc {
  description: string;
  /** Body content type (default: the product's JSON). */
  contentType?: string;
  /** JSON schema of the body. */
  schema?: Record<string, unknown>;
  example?: unknown;
  /** Several named examples of the body (shown in a dropdown). */
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface RouteDefinition {
  product: Product;
  method: HttpMethod;
  /** The document's path, without the product prefix; `:name` marks a parameter. */
  path: string;
  /** `<product>.<resource>.<action>.v1` */
  subject: string;
  /**
   * For high-rate routes with small bodies (gate ingest): requests to this route that reach
   * a gateway together are sent as one CoalescedRequest to this subject, answered with one
   * CoalescedReply; each still gets exactly the answer it would have got alone. Saves a
   * NATS round trip and a handler dispatch per request. `subject` keeps answering lone requests.
   */
  coalescedSubject?: string;
  access: RouteAccess;
  summary: string;
  tags: string[];
  /** HTTP status on success when the service does not say (default 200). */
  successStatus?: number;
  /** Body content types the route accepts (default JSON). */
  contentTypes?: Array<'application/json' | 'application/x-www-form-urlencoded'>;
  /** Route-specific rate limit per client IP, e.g. login and OTP. */
  rateLimit?: { max: number; windowSeconds: number };
  /**
   * Machine traffic with a per-IP budget of its own on this route, set by the gateway
   * (INGEST_REQUESTS_PER_MINUTE) apart from the global limit: the gates of a site share one
   * address behind its router, and a gate back online uploads its backlog at full speed.
   */
  rateBudget?: 'ingest';
  /** JSON schema of the request body for the OpenAPI document. */
  requestSchema?: Record<string, unknown>;
  /** Example of a success response for the OpenAPI document. */
  responseExample?: unknown;
  /** Longer explanation for the OpenAPI document (Markdown). */
  description?: string;
  /** Query parameters the route reads, for the OpenAPI document. */
  queryParameters?: RouteParameterDoc[];
  /** Request headers the route reads besides its credential (e.g. Idempotency-Key, Last-Event-ID). */
  headerParameters?: RouteParameterDoc[];
  /** Descriptions of the `:name` path parameters (each is declared as a string without one). */
  pathParameters?: Record<string, Omit<RouteParameterDoc, 'name' | 'required'>>;
  /** Content type of the success body when it is not JSON, e.g. text/event-stream or text/csv. */
  responseContentType?: string;
  /**
   * Responses the route documents itself, by HTTP status (specific errors such as the
   * document's own 404 wording, or further successes). Each replaces the generated
   * response of the same status in the OpenAPI document.
   */
  responses?: Record<number, RouteResponseDoc>;
}

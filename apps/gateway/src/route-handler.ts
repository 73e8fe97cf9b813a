import { MESSAGE_HEADERS, encodePrincipalHeader, type Principal, type RouteDefinition, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import type { NatsRequester } from '@gerbang/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessGuard } from './access-guard.js';
import { bodyProblem, urlHasUnstorableText, type BodyProblem } from './body-check.js';
import { firstHeader } from './first-header.js';
import type { RequestCoalescer } from './request-coalescer.js';
import { requestContextOf } from './request-trace.js';
import { hostOf, type ProductHosts } from './product-resolver.js';
import type { ResponseRenderer } from './response-renderer.js';

/** Request headers a service may need; everything else stays at the edge. */
const FORWARDED_HEADERS = ['idempotency-key', 'accept-language', 'content-type', 'last-event-id', 'if-none-match'];

export interface RouteHandlerDependencies {
  guard: AccessGuard;
  requester: NatsRequester;
  coalescer: RequestCoalescer;
  renderer: ResponseRenderer;
  hosts: ProductHosts;
  clientIp: (request: FastifyRequest) => string;
  timeoutMs: number;
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Larger (or chunked, length unknown) bodies go alone on the route's own subject. */
const MAX_COALESCED_BODY_BYTES = 16 * 1024;

const BODY_PROBLEM_MESSAGE: Record<BodyProblem, string> = {
  too_deep: 'Request body is nested too deeply',
  unstorable_text: 'Request body contains a NUL character or an unpaired surrogate',
  number_out_of_range: 'Request body contains a number out of range',
};
const UNSTORABLE_URL_MESSAGE = 'Request URL contains a NUL character or an unpaired surrogate';

/** Builds the Fastify handler of one route: access check, NATS forward, product rendering. */
export function createRouteHandler(route: RouteDefinition, dependencies: RouteHandlerDependencies) {
  const { guard, requester, renderer, hosts } = dependencies;
  const allowedTypes = route.contentTypes ?? ['application/json'];

  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // Everything on this path that calls out or logs gets the context or the request id explicitly.
    const context = requestContextOf(request);
    // A host mapped to one product serves only that product's paths.
    const hostProduct = hosts.get(hostOf(request.headers.host));
    if (hostProduct && hostProduct !== route.product) {
      return renderer.sendError(request, reply, { code: 'route_not_found', message: 'Resource not found' }, undefined, hostProduct);
    }
    // A NUL reaches a URL only percent-encoded (the HTTP parser refuses a raw one), and so does any non-ASCII text.
    if (
      request.url.includes('%') &&
      urlHasUnstorableText(request.params as Record<string, unknown> | undefined, request.query as Record<string, unknown> | undefined)
    )
      return renderer.sendError(request, reply, { code: 'malformed_request', message: UNSTORABLE_URL_MESSAGE }, route);
    if (METHODS_WITH_BODY.has(request.method) && request.body !== undefined) {
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!allowedTypes.includes(type as never))
        return renderer.sendError(request, reply, { code: 'unsupported_media_type', message: 'Unsupported content type' }, route);
      const problem = bodyProblem(request.body);
      if (problem !== null) return renderer.sendError(request, reply, { code: 'malformed_request', message: BODY_PROBLEM_MESSAGE[problem] }, route);
    }
    const clientIp = dependencies.clientIp(request);
    const query = (request.query ?? {}) as Record<string, string | string[]>;
    // A token in the query (access_token) is taken only by the SSE stream, for EventSource
    // clients that cannot send headers; other routes have no reason to put one in URLs.
    const access = await guard.authorize(route, {
      authorization: firstHeader(request.headers.authorization),
      headers: request.headers,
      clientIp,
      context,
    });
    if (!access.ok) return renderer.sendError(request, reply, access.error, route);

    // Never forwarded, whichever route it was sent to.
    const { access_token: _token, ...forwardedQuery } = query;
    const serviceRequest: ServiceRequest = {
      params: (request.params ?? {}) as Record<string, string>,
      query: forwardedQuery,
      body: request.body ?? {},
      headers: forwardedHeaders(request, route),
    };
    const principal = access.principal ? principalHeader(access.principal) : undefined;
    const userAgent = firstHeader(request.headers['user-agent'])?.slice(0, 512);
    const bodyBytes = Number(request.headers['content-length']);
    const outcome =
      route.coalescedSubject && bodyBytes <= MAX_COALESCED_BODY_BYTES
        ? await dependencies.coalescer.request(route.coalescedSubject, route.product, bodyBytes, {
            requestId: context.requestId,
            clientIp,
            userAgent: userAgent ?? null,
            traceparent: context.traceparent,
            principal: principal ?? null,
            request: serviceRequest,
          })
        : await requester.request<ServiceReply>(route.subject, serviceRequest, {
            timeoutMs: dependencies.timeoutMs,
            headers: {
              [MESSAGE_HEADERS.requestId]: context.requestId,
              [MESSAGE_HEADERS.realm]: route.product,
              [MESSAGE_HEADERS.principal]: principal,
              [MESSAGE_HEADERS.clientIp]: clientIp,
              [MESSAGE_HEADERS.userAgent]: userAgent,
              [MESSAGE_HEADERS.traceparent]: context.traceparent,
            },
          });
    if (!outcome.ok) return renderer.sendError(request, reply, outcome.error, route);
    renderer.sendReply(request, reply, route, outcome.value ?? {});
  };
}

/** A cached API key or token verdict hands out the same principal object each time: encoded once. */
const encodedPrincipals = new WeakMap<Principal, string>();
function principalHeader(principal: Principal): string {
  let encoded = encodedPrincipals.get(principal);
  if (encoded === undefined) {
    encoded = encodePrincipalHeader(principal);
    encodedPrincipals.set(principal, encoded);
  }
  return encoded;
}

function forwardedHeaders(request: FastifyRequest, route: RouteDefinition): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = firstHeader(request.headers[name]);
    if (value) headers[name] = value;
  }
  // Only public routes (the OAuth token endpoint) receive credentials in Authorization;
  // elsewhere the gateway has already turned them into a principal.
  const authorization = firstHeader(request.headers.authorization);
  if (route.access.kind === 'public' && authorization) headers['authorization'] = authorization;
  return headers;
}

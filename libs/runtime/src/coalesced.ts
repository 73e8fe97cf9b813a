import {
  decodePrincipalHeader,
  type CoalescedItem,
  type CoalescedOutcome,
  type CoalescedReply,
  type Principal,
  type ServiceReply,
  type ServiceRequest,
} from '@gerbang/contracts';
import type { Logger } from 'pino';
import { DomainError } from './domain-error.js';
import { handlerContext, type MessageMeta } from './message-context.js';
import { requestContext } from './request-context.js';
import { toServiceError } from './rpc-exception.filter.js';

/** Answers one request of a coalesced message, as the route's lone-request handler would. */
export type CoalescedItemHandler = (request: ServiceRequest, meta: MessageMeta) => Promise<ServiceReply>;

/**
 * Serves a RouteDefinition.coalescedSubject: every item is handled at once (so their
 * database work can share statements) inside its own request context, and gets the reply
 * or the error its lone request would have got. One item failing never fails the others.
 */
export async function answerEach(payload: unknown, handler: CoalescedItemHandler, logger: Logger): Promise<CoalescedReply> {
  const items = (payload as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new DomainError('malformed_request', 'A coalesced request carries an items array');
  const outcomes = await Promise.all(items.map((item: CoalescedItem) => answerOne(item, handler, logger)));
  return { outcomes };
}

async function answerOne(item: CoalescedItem, handler: CoalescedItemHandler, logger: Logger): Promise<CoalescedOutcome> {
  const meta: MessageMeta = {
    requestId: item.requestId || 'none',
    principal: decodePrincipalHeader<Principal>(item.principal ?? undefined),
    clientIp: item.clientIp ?? null,
    userAgent: item.userAgent ?? null,
    traceparent: item.traceparent ?? null,
  };
  return requestContext.run(handlerContext(meta), async () => {
    try {
      return { reply: await handler(item.request, meta) };
    } catch (error) {
      return { error: toServiceError(error, logger) };
    }
  });
}

import { PRODUCT_PREFIX, type Product, type RouteDefinition, type ServiceError, type ServiceReply } from '@gerbang/contracts';
import { WIRE_FORMATS, type WireContext, type WireResponse } from '@gerbang/wire';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { productFor, type ProductHosts } from './product-resolver.js';

/** Turns service replies and errors into HTTP responses in each product's wire format. */
export class ResponseRenderer {
  constructor(private readonly hosts: ProductHosts) {}

  productOf(request: FastifyRequest): Product {
    return productFor(request.headers.host, request.url.split('?')[0] ?? '/', this.hosts);
  }

  context(request: FastifyRequest, product: Product, route?: RouteDefinition): WireContext {
    const path = request.url.split('?')[0] ?? '/';
    const host = request.headers.host ?? 'localhost';
    return { product, route, path, url: `${request.protocol}://${host}${request.url}`, requestId: String(request.id) };
  }

  sendReply(request: FastifyRequest, reply: FastifyReply, route: RouteDefinition, answer: ServiceReply): void {
    const rendered = WIRE_FORMATS[route.product].success(
      { ...answer, status: answer.status ?? route.successStatus },
      this.context(request, route.product, route),
    );
    this.send(reply, rendered);
  }

  sendError(request: FastifyRequest, reply: FastifyReply, error: ServiceError, route?: RouteDefinition, product?: Product): void {
    const owner = product ?? route?.product ?? this.productOf(request);
    this.send(reply, WIRE_FORMATS[owner].error(error, this.context(request, owner, route)));
  }

  private send(reply: FastifyReply, response: WireResponse): void {
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    reply
      .status(response.status)
      .type(response.contentType ?? 'application/json; charset=utf-8')
      .send(JSON.stringify(response.body ?? null));
  }
}

/** The path a route is served at behind its product prefix. */
export const prefixedPath = (route: RouteDefinition): string => `${PRODUCT_PREFIX[route.product]}${route.path}`;

import { Controller, Inject, type Type } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import type { CrmCrudSubjects, PageMeta, ServiceReply, ServiceRequest } from '@gerbang/contracts';
import { actorOf, type Actor } from './caller.js';
import type { Query } from './list-query.js';

/** What a crm resource offers; bodies arrive as the client sent them and are validated by the service. */
export interface CrudService {
  list(query: Query): Promise<{ data: unknown[]; page: PageMeta }>;
  get(key: string): Promise<unknown>;
  create(body: unknown, actor: Actor): Promise<unknown>;
  update(key: string, body: unknown, actor: Actor): Promise<unknown>;
  remove?(key: string, actor: Actor): Promise<unknown>;
}

/**
 * Builds the NATS controller of one resource: every handler first establishes the crm user
 * (the gateway has checked the permission), then calls the service. The message patterns
 * are attached per subject below, so a resource without delete has no delete handler.
 */
export function crudController(name: string, subjects: CrmCrudSubjects, service: Type<CrudService>, keyParameter = 'id'): Type<unknown> {
  const keyOf = (request: ServiceRequest) => String(request.params?.[keyParameter] ?? '');

  @Controller()
  class ResourceController {
    constructor(@Inject(service) private readonly resources: CrudService) {}

    async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
      actorOf(context);
      return this.resources.list(request.query);
    }

    async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
      actorOf(context);
      return { data: await this.resources.get(keyOf(request)) };
    }

    async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
      return { status: 201, data: await this.resources.create(request.body, actorOf(context)) };
    }

    async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
      return { data: await this.resources.update(keyOf(request), request.body, actorOf(context)) };
    }

    async remove(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
      const actor = actorOf(context);
      if (!this.resources.remove) throw new Error(`${name} has no delete`);
      return { data: await this.resources.remove(keyOf(request), actor) };
    }
  }

  const handlers: Array<[keyof ResourceController, string | undefined]> = [
    ['list', subjects.list],
    ['get', subjects.get],
    ['create', subjects.create],
    ['update', subjects.update],
    ['remove', subjects.delete],
  ];
  for (const [method, subject] of handlers) {
    if (!subject) continue;
    const descriptor = Object.getOwnPropertyDescriptor(ResourceController.prototype, method) as PropertyDescriptor;
    MessagePattern(subject)(ResourceController.prototype, method, descriptor);
  }
  Object.defineProperty(ResourceController, 'name', { value: name });
  return ResourceController;
}

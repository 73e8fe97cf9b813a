import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type PermissionCheckReply, type PermissionCheckRequest } from '@gerbang/contracts';
import { connectNats, DomainError, NatsRequester } from '@gerbang/runtime';
import type { Actor } from './caller.js';

/**
 * Asks auth-rbac whether the caller's active role holds a permission, for the rare request
 * whose route cannot say which permission it needs (the document's vessel update at the
 * transportation mode path). Route permissions are otherwise checked by the gateway alone.
 */
@Injectable()
export class PermissionChecker implements OnModuleDestroy {
  private connection: Promise<NatsConnection> | null = null;

  async require(actor: Actor, permission: string): Promise<void> {
    this.connection ??= connectNats('crm-masterdata-permissions');
    const requester = new NatsRequester(await this.connection, 5_000);
    const request: PermissionCheckRequest = { realm: 'crm', subject: actor.id, role: actor.role, permission };
    const outcome = await requester.request<PermissionCheckReply>(AUTH_SUBJECTS.checkPermission, request);
    if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message);
    if (!outcome.value.allowed) throw new DomainError('forbidden', `Akses ditolak: peran aktif tidak memiliki hak ${permission}`);
  }

  async onModuleDestroy(): Promise<void> {
    const connection = await this.connection?.catch(() => null);
    await connection?.drain().catch(() => undefined);
  }
}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, CRM_IDENTITY_SUBJECTS, type PermissionCheckReply, type PermissionCheckRequest } from '@gerbang/contracts';
import { connectNats, DomainError, NatsRequester } from '@gerbang/runtime';
import type { Actor } from './caller.js';

/**
 * What crm-masterdata asks auth-rbac, which owns the crm realm's users and roles: whether the
 * caller's active role holds a permission (for the rare request whose route cannot say which
 * it needs: the document's vessel update at the transportation mode path; route permissions
 * are otherwise checked by the gateway alone), and how many users belong to a partner.
 */
@Injectable()
export class AuthRbacClient implements OnModuleDestroy {
  private connection: Promise<NatsConnection> | null = null;

  private async requester(): Promise<NatsRequester> {
    this.connection ??= connectNats('crm-masterdata-auth');
    return new NatsRequester(await this.connection, 5_000);
  }

  /** Users of the partner; a failure of auth-rbac refuses the caller's write rather than guessing. */
  async usersOfPartner(partnerId: string): Promise<number> {
    const outcome = await (await this.requester()).request<{ users: number }>(CRM_IDENTITY_SUBJECTS.usersCountByPartner, { partnerId });
    if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message);
    return outcome.value.users;
  }

  async require(actor: Actor, permission: string): Promise<void> {
    const requester = await this.requester();
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

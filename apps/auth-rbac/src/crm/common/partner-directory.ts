import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { CRM_IDENTITY_SUBJECTS, type CrmPartnerSummary } from '@gerbang/contracts';
import { DomainError, LOGGER, NatsRequester } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { EVENTS_CONNECTION } from '../../events/auth-events.js';
import { invalidField } from './crm-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * crm partners live in crm-masterdata; auth-rbac asks it over NATS (never reads its tables).
 * A check that cannot be made refuses the write (503); a name that cannot be fetched for a
 * view is shown as null.
 */
@Injectable()
export class PartnerDirectory {
  private readonly requester: NatsRequester;

  constructor(
    @Inject(EVENTS_CONNECTION) connection: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.requester = new NatsRequester(connection, 5_000);
  }

  /**
   * The document's rules for a user's (or role's) partner: none for the internal group (no
   * partner belongs to it); for the other groups mandatory when `mandatory`, and it must exist
   * and belong to that group.
   */
  async check(group: string, partnerId: string | null | undefined, mandatory: boolean): Promise<CrmPartnerSummary | null> {
    const id = partnerId?.trim() || null;
    if (group === 'internal') {
      if (id) throw invalidField('partnerId', 'partnerId harus kosong untuk grup internal (mitra tidak termasuk grup internal)', 'excluded_if', id);
      return null;
    }
    if (!id) {
      if (mandatory) throw invalidField('partnerId', `partnerId wajib diisi untuk grup selain internal (grup: ${group})`, 'required_unless', '');
      return null;
    }
    const partner = UUID.test(id) ? await this.find(id) : null;
    if (!partner) throw invalidField('partnerId', 'Mitra (partnerId) tidak ditemukan', 'exists', id);
    if (partner.group !== group) {
      throw invalidField('partnerId', `Mitra ${partner.name} tidak termasuk grup ${group} (grup mitra: ${partner.group})`, 'partner_group', id);
    }
    if (!partner.active) throw invalidField('partnerId', `Mitra ${partner.name} tidak aktif`, 'active', id);
    return partner;
  }

  async find(id: string): Promise<CrmPartnerSummary | null> {
    const outcome = await this.requester.request<CrmPartnerSummary | null>(CRM_IDENTITY_SUBJECTS.partnersLookup, { id });
    if (!outcome.ok) {
      this.logger.warn({ error: outcome.error }, 'partner lookup failed');
      throw new DomainError('service_unavailable', 'Data mitra tidak dapat diperiksa saat ini, coba lagi nanti');
    }
    return outcome.value;
  }

  async findMany(ids: string[]): Promise<Map<string, CrmPartnerSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const outcome = await this.requester.request<CrmPartnerSummary[]>(CRM_IDENTITY_SUBJECTS.partnersLookup, { ids: unique });
    if (!outcome.ok) {
      this.logger.warn({ error: outcome.error }, 'partner names lookup failed');
      return new Map();
    }
    return new Map(outcome.value.map((partner) => [partner.id, partner]));
  }
}

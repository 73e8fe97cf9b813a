import type { NatsConnection } from '@nats-io/transport-node';
import { SERVICE_APPS, healthSubject, type HealthReply } from '@gerbang/contracts';
import type { NatsRequester } from '@gerbang/runtime';
import type { JwksStore } from './jwks-store.js';

export interface ReadinessReport {
  ready: boolean;
  checks: {
    nats: boolean;
    signingKeys: boolean;
    services: Record<string, { ok: boolean; database: boolean }>;
  };
}

/** Ready when NATS is connected, signing keys are known and every service answers with its database. */
export async function checkReadiness(nats: NatsConnection, requester: NatsRequester, jwks: JwksStore): Promise<ReadinessReport> {
  const natsOk = !nats.isClosed();
  const answers = await Promise.all(SERVICE_APPS.map((app) => requester.request<HealthReply>(healthSubject(app), {}, { timeoutMs: 2_000 })));
  const services: ReadinessReport['checks']['services'] = {};
  SERVICE_APPS.forEach((app, index) => {
    const answer = answers[index];
    services[app] = answer?.ok ? { ok: answer.value.status === 'ok', database: answer.value.database } : { ok: false, database: false };
  });
  const signingKeys = jwks.size > 0;
  const ready = natsOk && signingKeys && Object.values(services).every((service) => service.ok && service.database);
  return { ready, checks: { nats: natsOk, signingKeys, services } };
}

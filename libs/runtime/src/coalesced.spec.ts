import { describe, expect, it } from '@jest/globals';
import { encodePrincipalHeader, type CoalescedItem } from '@gerbang/contracts';
import { pino } from 'pino';
import { answerEach } from './coalesced.js';
import { DomainError } from './domain-error.js';
import { currentRequestId } from './request-context.js';

const item = (requestId: string, body: unknown, extra: Partial<CoalescedItem> = {}): CoalescedItem => ({
  requestId,
  clientIp: '10.0.0.9',
  userAgent: 'gate/1.0',
  traceparent: null,
  principal: null,
  request: { params: {}, query: {}, body, headers: {} },
  ...extra,
});

describe('answerEach (coalesced requests)', () => {
  const silent = pino({ level: 'silent' });

  it('answers every item in order, each inside its own request context and with its own caller facts', async () => {
    const principal = encodePrincipalHeader({ kind: 'api-key', realm: 'retribusi', subject: 'gate-key' } as never);
    const reply = await answerEach(
      { items: [item('r-1', 1), item('r-2', 2, { principal, clientIp: '10.0.0.2' })] },
      async (request, meta) => ({ data: { body: request.body, requestId: currentRequestId(), clientIp: meta.clientIp, principal: meta.principal } }),
      silent,
    );
    expect(reply.outcomes).toEqual([
      { reply: { data: { body: 1, requestId: 'r-1', clientIp: '10.0.0.9', principal: null } } },
      { reply: { data: { body: 2, requestId: 'r-2', clientIp: '10.0.0.2', principal: { kind: 'api-key', realm: 'retribusi', subject: 'gate-key' } } } },
    ]);
  });

  it('gives a failing item its own error and the others their replies; unexpected failures leave as internal', async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const reply = await answerEach(
      { items: [item('a', 'ok'), item('b', 'invalid'), item('c', 'crash')] },
      async (request) => {
        if (request.body === 'invalid') throw new DomainError('validation_failed', 'Validation failed', [{ field: 'category', message: 'Unknown category' }]);
        if (request.body === 'crash') throw new Error('database password is hunter2');
        return { data: { stored: true } };
      },
      logger,
    );
    expect(reply.outcomes).toEqual([
      { reply: { data: { stored: true } } },
      { error: { code: 'validation_failed', message: 'Validation failed', fields: [{ field: 'category', message: 'Unknown category' }] } },
      { error: { code: 'internal', message: 'Internal server error' } },
    ]);
    expect(logged).toHaveLength(1);
  });

  it.each([[null], [{}], [{ items: 'many' }]])('refuses %j as a malformed request', async (payload) => {
    await expect(answerEach(payload, async () => ({}), silent)).rejects.toMatchObject({ code: 'malformed_request' });
  });
});

import type { MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ServiceError } from '@gerbang/contracts';

export interface ReceivedMessage<T = unknown> {
  data: T;
  headers: Record<string, string>;
}

export type FakeAnswer = { response: unknown } | { err: ServiceError } | { silent: true };

/**
 * Plays a service on a subject in Nest's NATS wire protocol, for gateway tests that must
 * control what a service answers (or that it never answers). Records what it received.
 */
export async function fakeService<T = unknown>(
  nats: NatsConnection,
  subject: string,
  /** May answer later (a Promise), as a slow service would. */
  answer: (message: ReceivedMessage<T>) => FakeAnswer | Promise<FakeAnswer>,
): Promise<{ received: ReceivedMessage<T>[]; stop(): void }> {
  const received: ReceivedMessage<T>[] = [];
  const subscription: Subscription = nats.subscribe(subject, {
    callback: (error, message) => {
      if (error) return;
      const packet = message.json<{ data: T; id: string }>();
      const incoming = { data: packet.data, headers: headerRecord(message.headers) };
      received.push(incoming);
      void Promise.resolve(answer(incoming)).then((outcome) => {
        if ('silent' in outcome) return;
        message.respond(JSON.stringify({ ...outcome, id: packet.id, isDisposed: true }));
      });
    },
  });
  // Once flushed, the server knows the subscription: a request sent next finds it.
  await nats.flush();
  return { received, stop: () => subscription.unsubscribe() };
}

function headerRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const [name] of headers) record[name.toLowerCase()] = headers.get(name);
  return record;
}

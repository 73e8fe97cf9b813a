import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { handlerContext, readMessageMeta } from './message-context.js';
import { natsHandlerDuration, natsHandlerTotal } from './metrics.js';
import { requestContext } from './request-context.js';

/**
 * Runs each handler inside the request's context (so every log line carries the request
 * id) and records per-subject latency and outcome.
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const subject = natsContext.getSubject();
    const meta = readMessageMeta(natsContext);
    const stopTimer = natsHandlerDuration.startTimer({ subject });
    return new Observable((subscriber) =>
      requestContext.run(handlerContext(meta), () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            stopTimer({ outcome: 'error' });
            natsHandlerTotal.inc({ subject, outcome: 'error' });
            subscriber.error(error);
          },
          complete: () => {
            stopTimer({ outcome: 'ok' });
            natsHandlerTotal.inc({ subject, outcome: 'ok' });
            subscriber.complete();
          },
        }),
      ),
    );
  }
}

import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (traceparent) carried through HTTP and NATS headers, so one trace id
 * follows a request from the gateway through every service it reaches and shows in their
 * logs. Any OpenTelemetry collector or SDK that reads `traceparent` joins the same trace.
 */
export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function parseTraceparent(value: string | null | undefined): TraceParent | null {
  const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (!match) return null;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  // All-zero ids are invalid per the specification.
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, flags };
}

export function formatTraceparent(trace: TraceParent): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

/** A new span under the incoming trace, or a new sampled trace when there is none. */
export function childTraceparent(parent: string | null | undefined): TraceParent {
  const parsed = parseTraceparent(parent);
  return {
    traceId: parsed?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    flags: parsed?.flags ?? '01',
  };
}

import { randomFillSync } from 'node:crypto';

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
    traceId: parsed?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    flags: parsed?.flags ?? '01',
  };
}

// Ids come from a pooled random buffer: one randomBytes call per span cost ~4 % of the
// gateway's CPU under load (each call is a separate system random fill).
const randomPool = Buffer.allocUnsafe(4096);
let randomOffset = randomPool.length;

/** `bytes` cryptographically random bytes as hex; never all zero (invalid per the specification). */
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const hex = randomPool.toString('hex', randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
}

/**
 * The deepest nesting of objects and arrays a request body may have; no API of the platform
 * comes near it. JSON.parse takes far deeper bodies, but every recursive walk after it
 * (JSON.stringify of the NATS message first) overflows the stack, which failed the whole
 * coalesced message such a body travelled in, other gates' events with it.
 */
export const MAX_BODY_DEPTH = 64;

const SURROGATE = /[\ud800-\udfff]/;
/** A surrogate half without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text no service can store: PostgreSQL refuses a NUL in text and an unpaired surrogate in
 * JSON (where audit trails keep it), and a driver would turn the surrogate into U+FFFD
 * elsewhere. JSON and URLs can carry both, so they are refused at the edge, as malformed,
 * rather than failing deep inside a service as a 500.
 */
export function isUnstorableText(text: string): boolean {
  // Almost every string has no surrogate at all; only those take the full pattern.
  return text.includes('\u0000') || (SURROGATE.test(text) && LONE_SURROGATE.test(text));
}

export type BodyProblem = 'too_deep' | 'unstorable_text' | 'number_out_of_range';

/**
 * What makes a parsed body unfit to forward: objects or arrays nested deeper than `maxDepth`
 * (a flat object is depth 1), a key or string value with unstorable text, or a number JSON
 * cannot carry on (JSON.parse reads 1e999 as Infinity, which the NATS message would turn into
 * null, a missing value). One walk, without recursion. null: nothing.
 */
export function bodyProblem(value: unknown, maxDepth = MAX_BODY_DEPTH): BodyProblem | null {
  const pending: Array<{ node: object; depth: number }> = [];
  const rootProblem = leafProblem(value, 1, pending);
  if (rootProblem !== null) return rootProblem;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > maxDepth) return 'too_deep';
    const depth = next.depth + 1;
    if (Array.isArray(next.node)) {
      for (const child of next.node as unknown[]) {
        const problem = leafProblem(child, depth, pending);
        if (problem !== null) return problem;
      }
    } else {
      // JSON.parse makes plain objects: for...in sees their own keys only, without the two arrays Object.keys and Object.values would make.
      const node = next.node as Record<string, unknown>;
      for (const key in node) {
        if (isUnstorableText(key)) return 'unstorable_text';
        const problem = leafProblem(node[key], depth, pending);
        if (problem !== null) return problem;
      }
    }
  }
  return null;
}

/** Checks a scalar; queues an object or array, at `depth`, for the walk. */
function leafProblem(child: unknown, depth: number, pending: Array<{ node: object; depth: number }>): BodyProblem | null {
  if (typeof child === 'string') return isUnstorableText(child) ? 'unstorable_text' : null;
  if (typeof child === 'number') return Number.isFinite(child) ? null : 'number_out_of_range';
  if (typeof child === 'object' && child !== null) pending.push({ node: child, depth });
  return null;
}

/** Whether any path parameter or query value (one or repeated) holds unstorable text. */
export function urlHasUnstorableText(...records: Array<Record<string, unknown> | undefined>): boolean {
  for (const record of records) {
    if (!record) continue;
    for (const [key, value] of Object.entries(record)) {
      if (isUnstorableText(key)) return true;
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.some((item) => typeof item === 'string' && isUnstorableText(item))) return true;
    }
  }
  return false;
}

/**
 * The deepest nesting of objects and arrays a request body may have; no API of the platform
 * comes near it. JSON.parse takes far deeper bodies, but every recursive walk after it
 * (JSON.stringify of the NATS message first) overflows the stack, which failed the whole
 * coalesced message such a body travelled in, other gates' events with it.
 */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `maxDepth` (a flat object is depth 1); walks without recursion. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pending: Array<{ node: object; depth: number }> = [{ node: value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > maxDepth) return true;
    for (const child of Array.isArray(next.node) ? next.node : Object.values(next.node)) {
      if (typeof child === 'object' && child !== null) pending.push({ node: child as object, depth: next.depth + 1 });
    }
  }
  return false;
}

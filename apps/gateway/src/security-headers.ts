import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Connect-style middleware such as helmet's. */
type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a middleware sets when it sets the same ones on every response (helmet with
 * static options does): it is run once against a recording response, and the result is set
 * on each reply as a plain object. Running helmet's chain of setHeader calls per request was
 * 10-15 % of the gateway's CPU under ingest load. Throws when the middleware reads the
 * request, fails, or does not finish at once, since its headers could then differ per request.
 */
export function fixedHeadersOf(middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const request = new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`the middleware reads request.${String(property)}: its headers may differ per request`);
      },
    },
  );
  let finished = false;
  middleware(request as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
    finished = true;
  });
  if (!finished) throw new Error('the middleware did not finish at once: its headers may differ per request');
  return headers;
}

import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import helmet from 'helmet';
import { fixedHeadersOf } from './security-headers.js';

/** What a middleware leaves on a real response. */
function headersOnARealResponse(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  middleware(request, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
}

describe('fixedHeadersOf', () => {
  it("records exactly the headers helmet sets on a real response, the gateway's options included", () => {
    const middleware = helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    const fixed = fixedHeadersOf(middleware);
    expect(fixed).toEqual(headersOnARealResponse(middleware));
    expect(fixed).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'self';img-src 'self' data:",
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  it('drops a header the middleware removes', () => {
    expect(
      fixedHeadersOf((_request, response, next) => {
        response.setHeader('X-One', '1');
        response.setHeader('X-Two', ['a', 'b']);
        response.removeHeader('x-one');
        next();
      }),
    ).toEqual({ 'x-two': 'a, b' });
  });

  it('refuses a middleware whose headers could differ per request', () => {
    expect(() => fixedHeadersOf((request, response, next) => (request.url === '/' ? next() : next()))).toThrow(/reads request\.url/);
    expect(() => fixedHeadersOf((_request, _response, next) => setImmediate(next))).toThrow(/did not finish at once/);
    expect(() => fixedHeadersOf((_request, _response, next) => next(new Error('broken')))).toThrow('broken');
  });
});

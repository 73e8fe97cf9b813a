import { describe, expect, it } from '@jest/globals';
import { OAuthError, readTokenRequest } from './token-request.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const request = (body: unknown, headers: Record<string, string> = {}) => ({ params: {}, query: {}, body, headers });

describe('token request', () => {
  it('reads client_secret_basic', () => {
    expect(readTokenRequest('autogate', request({ grant_type: 'client_credentials', scope: 'gate:read' }, { authorization: basic('gc_a', 's:1') }))).toEqual({
      realm: 'autogate',
      grantType: 'client_credentials',
      scope: 'gate:read',
      clientId: 'gc_a',
      clientSecret: 's:1',
      authMethod: 'client_secret_basic',
    });
  });

  it('reads client_secret_post', () => {
    expect(readTokenRequest('autogate', request({ grant_type: 'client_credentials', client_id: 'gc_a', client_secret: 's' }))).toMatchObject({
      clientId: 'gc_a',
      clientSecret: 's',
      authMethod: 'client_secret_post',
    });
  });

  it('marks a request without credentials', () => {
    expect(readTokenRequest('autogate', request({ grant_type: 'client_credentials' }))).toMatchObject({ authMethod: 'none', clientSecret: undefined });
    expect(readTokenRequest('autogate', request('not an object'))).toMatchObject({ authMethod: 'none', grantType: undefined });
  });

  it('refuses two authentication methods and repeated parameters', () => {
    const both = () => readTokenRequest('autogate', request({ grant_type: 'client_credentials', client_secret: 's' }, { authorization: basic('a', 'b') }));
    expect(both).toThrow(OAuthError);
    expect(() => readTokenRequest('autogate', request({ grant_type: ['client_credentials', 'password'] }))).toThrow('must be given once');
  });

  it('renders errors as RFC 6749 bodies, 401 with a challenge for Basic clients', () => {
    expect(new OAuthError('invalid_client', 'Client authentication failed', 'autogate').toReply()).toEqual({
      status: 401,
      raw: { error: 'invalid_client', error_description: 'Client authentication failed' },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'WWW-Authenticate': 'Basic realm="autogate", charset="UTF-8"' },
    });
    expect(new OAuthError('invalid_scope', 'nope').toReply()).toMatchObject({ status: 400, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });
    expect(new OAuthError('invalid_client', 'x').toReply().headers).not.toHaveProperty('WWW-Authenticate');
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseBasicAuthorization } from './basic-authorization.js';
import { parsePermission } from './permissions.js';

const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;

describe('Basic authorization (RFC 6749 2.3.1)', () => {
  it('reads form-urlencoded client id and secret', () => {
    expect(parseBasicAuthorization(basic('gc_abc:s%3Acret+x'))).toEqual({ username: 'gc_abc', password: 's:cret x' });
    expect(parseBasicAuthorization(`basic   ${Buffer.from('a:b').toString('base64')}`)).toEqual({ username: 'a', password: 'b' });
  });

  it('ignores other schemes and flags unreadable Basic headers', () => {
    expect(parseBasicAuthorization(undefined)).toBeNull();
    expect(parseBasicAuthorization('Bearer abc')).toBeNull();
    expect(parseBasicAuthorization('Basic !!!')).toBe('malformed');
    expect(parseBasicAuthorization(basic('no-colon'))).toBe('malformed');
    expect(parseBasicAuthorization(basic('a:%E0%A4%A'))).toBe('malformed');
  });
});

describe('permissions', () => {
  it('parses resource:privilege pairs', () => {
    expect(parsePermission('customer:create')).toEqual({ resource: 'customer', privilege: 'create' });
    expect(parsePermission('pjbb-customers:review-1')).toEqual({ resource: 'pjbb-customers', privilege: 'review-1' });
    expect(parsePermission('customer')).toBeNull();
    expect(parsePermission('Customer:create')).toBeNull();
    expect(parsePermission('customer:create:extra')).toBeNull();
  });
});

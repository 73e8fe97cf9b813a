import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@gerbang/runtime';
import type { UserEntity } from '../users/user.entity.js';
import { LOGIN_ADAPTERS } from './login-adapters.js';

const fieldsOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((failure: unknown) => failure);
  expect(error).toBeInstanceOf(DomainError);
  return Object.fromEntries(((error as DomainError).fields ?? []).map((field) => [field.field, field.message]));
};

describe('login adapters', () => {
  it('reads the retribusi body {username, password}', async () => {
    await expect(LOGIN_ADAPTERS.retribusi.parseLogin('retribusi', { username: 'admin', password: 'x' })).resolves.toEqual({
      realm: 'retribusi',
      identifier: 'admin',
      password: 'x',
    });
  });

  it('gives one message per invalid field in the document style', async () => {
    expect(await fieldsOf(LOGIN_ADAPTERS.retribusi.parseLogin('retribusi', {}))).toEqual({ username: 'Field is required', password: 'Field is required' });
    expect(await fieldsOf(LOGIN_ADAPTERS.retribusi.parseLogin('retribusi', { username: 42, password: '  ' }))).toEqual({
      username: 'Must be a string',
      password: 'Field is required',
    });
    expect(await fieldsOf(LOGIN_ADAPTERS.retribusi.parseLogin('retribusi', { username: 'a', password: 'x'.repeat(2000) }))).toEqual({
      password: 'Must be at most 1024 characters',
    });
  });

  it('renders the retribusi user with a numeric id and the active role', () => {
    const user = { id: '7', username: 'operator1' } as UserEntity;
    expect(LOGIN_ADAPTERS.retribusi.renderUser(user, 'operator')).toEqual({ id: 7, username: 'operator1', role: 'operator' });
  });

  it('lets e-mail realms log in with {email, password}', async () => {
    await expect(LOGIN_ADAPTERS.crm.parseLogin('crm', { email: 'admin@gerbang.local', password: 'x' })).resolves.toMatchObject({
      identifier: 'admin@gerbang.local',
    });
    expect(await fieldsOf(LOGIN_ADAPTERS.crm.parseLogin('crm', { username: 'admin', password: 'x' }))).toEqual({ email: 'Field is required' });
  });

  it('answers crm logins in the document camelCase style with string ids', () => {
    const user = { id: '12', username: 'admin@gerbang.local', email: 'admin@gerbang.local', displayName: 'Administrator' } as UserEntity;
    const session = { accessToken: 'a', expiresIn: 60, refreshToken: 'r', refreshExpiresIn: 120, user, roles: ['admin'], activeRole: 'admin', sessionId: 's' };
    expect(LOGIN_ADAPTERS.crm.renderSession(session)).toEqual({
      accessToken: 'a',
      tokenType: 'Bearer',
      expiresIn: 60,
      refreshToken: 'r',
      refreshExpiresIn: 120,
      user: { id: '12', name: 'Administrator', email: 'admin@gerbang.local', activeRole: 'admin', roles: ['admin'] },
    });
  });
});

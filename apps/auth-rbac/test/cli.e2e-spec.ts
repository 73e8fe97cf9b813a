import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type ApiKeyPrincipal, type ApiKeySummary, type CreatedOAuthClient, type SigningKeySummary, type UserSummary } from '@gerbang/contracts';
import { repositoryRoot, startFleet, type TestFleet } from '@gerbang/testing';
import { ADMIN_PASSWORD, AuthFixture, principalOf } from './auth-fixtures.js';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('operator CLI (node dist/tools/cli/main.js) against a running auth-rbac', () => {
  let fleet: TestFleet;
  let connection: NatsConnection;
  let auth: AuthFixture;

  /** Runs the built CLI as an operator would, with NATS_URL pointing at the test fleet. */
  const gerbang = (args: string[], options: { stdin?: string; natsUrl?: string } = {}) =>
    new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, [join(repositoryRoot, 'dist', 'tools', 'cli', 'main.js'), ...args], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NATS_URL: options.natsUrl ?? fleet.natsUrl },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.stdin ?? '');
    });
  const json = async <T>(args: string[], stdin?: string): Promise<T> => {
    const run = await gerbang(['--json', ...args], { stdin });
    if (run.code !== 0) throw new Error(`gerbang ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };

  beforeAll(async () => {
    fleet = await startFleet({ apps: ['auth-rbac'], env: { BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '0' } });
    connection = await connect({ servers: fleet.natsUrl });
    auth = new AuthFixture(connection);
  });

  afterAll(async () => {
    await connection?.close();
    await fleet?.stop();
  });

  it('creates an API key, prints it once, lists and revokes it', async () => {
    const created = await gerbang([
      'api-keys',
      'create',
      '--realm',
      'retribusi',
      '--name',
      'gate 07',
      '--scope',
      'retribusi:ingest',
      '--allow-ip',
      '10.0.0.0/8',
    ]);
    expect(created.code).toBe(0);
    const key = /\s(gk_[a-z2-7]{12}_[A-Za-z0-9_-]{43})\s/.exec(created.stdout)?.[1] as string;
    expect(key).toBeDefined();
    expect(created.stdout).toContain('shown only once');
    const keyId = key.split('_')[1];
    expect(
      await auth.requester.request<ApiKeyPrincipal>(AUTH_SUBJECTS.verifyApiKey, { realm: 'retribusi', key, scope: 'retribusi:ingest', clientIp: '10.9.8.7' }),
    ).toMatchObject({
      ok: true,
      value: { keyId },
    });

    const listed = await gerbang(['api-keys', 'list', '--realm', 'retribusi']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${keyId}\\s+gate 07\\s+retribusi:ingest\\s+10.0.0.0/8\\s+yes`));
    expect(listed.stdout).not.toContain(key);

    expect(await gerbang(['api-keys', 'revoke', '--realm', 'retribusi', keyId])).toMatchObject({ code: 0, stdout: expect.stringContaining('revoked') });
    const all = await json<ApiKeySummary[]>(['api-keys', 'list', '--realm', 'retribusi', '--all']);
    expect(all.find((entry) => entry.keyId === keyId)).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(
      await auth.requester.request(AUTH_SUBJECTS.verifyApiKey, { realm: 'retribusi', key, scope: 'retribusi:ingest', clientIp: '10.9.8.7' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('creates, lists and revokes OAuth clients', async () => {
    const created = await json<CreatedOAuthClient>(['clients', 'create', '--realm', 'autogate', '--name', 'PT Integrator', '--scope', 'gate:read,ticket:read']);
    expect(created).toMatchObject({
      clientId: expect.stringMatching(/^gc_/),
      clientSecret: expect.stringMatching(/^gcs_/),
      scopes: ['gate:read', 'ticket:read'],
    });
    const reply = await auth.gateway(AUTH_SUBJECTS.clientToken, 'autogate', {
      grant_type: 'client_credentials',
      client_id: created.clientId,
      client_secret: created.clientSecret,
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 200 } });
    const listed = await gerbang(['clients', 'list', '--realm', 'autogate']);
    expect(listed.stdout).toContain(created.clientId);
    expect(listed.stdout).not.toContain(created.clientSecret);
    expect((await gerbang(['clients', 'revoke', '--realm', 'autogate', created.clientId])).code).toBe(0);
    expect((await gerbang(['clients', 'list', '--realm', 'autogate'])).stdout).not.toContain(created.clientId);
  });

  it('creates users with a generated password (change required) or one read from stdin', async () => {
    const generated = await gerbang(['users', 'create', '--realm', 'retribusi', '--username', 'operator.cli', '--role', 'operator']);
    expect(generated.code).toBe(0);
    const password = /shown only once.*\n\n\s+(\S+)/.exec(generated.stdout)?.[1] as string;
    expect(password).toBeDefined();
    const login = await auth.loginOk('operator.cli', password);
    expect(principalOf(login.token)).toMatchObject({ activeRole: 'operator', passwordChangeRequired: true });

    const fromStdin = await json<UserSummary>(
      ['users', 'create', '--realm', 'crm', '--email', 'finance@example.com', '--role', 'admin', '--password-stdin'],
      'Finance#2025x\n',
    );
    expect(fromStdin).toMatchObject({ username: 'finance@example.com', email: 'finance@example.com', passwordChangeRequired: false });
    await auth.loginOk('finance@example.com', 'Finance#2025x', 'crm');

    const users = await json<UserSummary[]>(['users', 'list', '--realm', 'retribusi']);
    expect(users.map((user) => user.username)).toEqual(['admin', 'operator.cli']);
    expect((await gerbang(['users', 'deactivate', '--realm', 'retribusi', 'operator.cli'])).code).toBe(0);
    expect(await auth.login('retribusi', { username: 'operator.cli', password })).toMatchObject({ ok: false, error: { code: 'account_inactive' } });
  });

  it('assigns a temporary role', async () => {
    await json(['users', 'create', '--realm', 'retribusi', '--username', 'viewer.cli', '--role', 'viewer', '--password-stdin'], 'Viewer#2025x');
    const assigned = await json<UserSummary>(['roles', 'assign', '--realm', 'retribusi', '--user', 'viewer.cli', '--role', 'admin', '--for', '2h']);
    expect(assigned.roles).toEqual([
      expect.objectContaining({ role: 'viewer', temporary: false }),
      expect.objectContaining({ role: 'admin', temporary: true }),
    ]);
    const endsAt = Date.parse(assigned.roles[1].endsAt as string);
    expect(Math.abs(endsAt - (Date.now() + 7_200_000))).toBeLessThan(60_000);
  });

  it('rotates signing keys; tokens of the old key still verify', async () => {
    const before = await auth.loginOk('admin', ADMIN_PASSWORD);
    const rotated = await gerbang(['keys', 'rotate']);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/New signing key \d{8}-[a-z2-7]{8} signs from/);
    const keys = await json<SigningKeySummary[]>(['keys', 'list']);
    expect(keys.map((key) => key.status)).toEqual(['retired', 'active']);
    await expect(auth.verify(before.token, 'retribusi')).resolves.toBeDefined();
  });

  it('shows the realm policy and changes it', async () => {
    const changed = await json<{ passwordPolicy: { minLength: number } }>(['realms', 'policy', '--realm', 'isp', '--min-length', '14']);
    expect(changed.passwordPolicy.minLength).toBe(14);
    expect((await gerbang(['realms', 'policy', '--realm', 'isp'])).stdout).toMatch(/password\.minLength:\s+14/);
  });

  it('exits 2 on usage errors, 1 when auth-rbac refuses, 3 when it cannot be reached', async () => {
    const usage = await gerbang(['api-keys', 'create', '--realm', 'billing', '--name', 'x', '--scope', 'a']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('must be one of retribusi, crm, isp, qr, autogate');
    expect((await gerbang(['api-keys', 'create', '--realm', 'retribusi', '--name', 'x'])).code).toBe(2);

    const refused = await gerbang(['api-keys', 'revoke', '--realm', 'retribusi', 'doesnotexist']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not_found');
    const weak = await gerbang(['users', 'create', '--realm', 'retribusi', '--username', 'weak', '--role', 'viewer', '--password-stdin'], { stdin: 'short' });
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringContaining('password: Must be at least 10 characters') });

    const unreachable = await gerbang(['keys', 'list'], { natsUrl: 'nats://127.0.0.1:1' });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach NATS');
  });
});

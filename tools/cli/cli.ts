import { userInfo } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import {
  AUTH_SUBJECTS,
  type ApiKeySummary,
  type AuditEventSummary,
  type CreatedApiKey,
  type CreatedOAuthClient,
  type CreatedUser,
  type OAuthClientSummary,
  type Product,
  type RealmPolicyReply,
  type ResourceSummary,
  type RoleSummary,
  type RotateSigningKeyReply,
  type SigningKeySummary,
  type UserSummary,
} from '@gerbang/contracts';
import { AuthClient, CliFailure, EXIT_CODES } from './auth-client.js';
import { list, renderFields, renderTable, type CliIo } from './output.js';
import { collect, instantOrFromNow, parseDuration, parseInstant, parseInteger, parseRealm } from './parsers.js';

interface GlobalOptions {
  natsUrl: string;
  timeout: number;
  json: boolean;
}

/** Runs one CLI invocation and returns its exit code (see EXIT_CODES). */
export async function runCli(argv: string[], io: CliIo, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  let client: AuthClient | null = null;
  const clientFor = (command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    client ??= new AuthClient(options.natsUrl, options.timeout);
    return { client, json: options.json };
  };
  /** Prints JSON with --json, otherwise the human form. */
  const show = (json: boolean, value: unknown, human: () => string) => io.out(json ? JSON.stringify(value, null, 2) : human());

  const program = new Command('gerbang')
    .description('Gerbang operator CLI: API keys, OAuth clients, users, roles and signing keys of auth-rbac (over NATS)')
    .addOption(
      new Option('--nats-url <url>', 'NATS server(s), comma separated').default(
        environment.NATS_URL ?? 'nats://127.0.0.1:4222',
        '$NATS_URL or nats://127.0.0.1:4222',
      ),
    )
    .addOption(new Option('--timeout <ms>', 'how long to wait for auth-rbac').default(10_000).argParser(parseInteger))
    .option('--json', 'print machine-readable JSON', false)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');

  const realmOption = () => new Option('--realm <realm>', 'realm (product): retribusi, crm, isp, qr, autogate').argParser(parseRealm).makeOptionMandatory();

  // ---- API keys ----
  const apiKeys = program.command('api-keys').description('API keys (stored hashed; the key is printed once, at creation)');
  apiKeys
    .command('create')
    .description('create an API key')
    .addOption(realmOption())
    .requiredOption('--name <name>', 'what the key is for, e.g. "gate 01 kerkof"')
    .requiredOption('--scope <scope>', 'scope the key grants (repeatable or comma separated), e.g. retribusi:ingest', collect)
    .option('--allow-ip <cidr>', 'allow only this address or CIDR range (repeatable or comma separated)', collect)
    .option('--expires <date>', 'expiry date-time (ISO 8601)', parseInstant)
    .action(async (options: { realm: Product; name: string; scope: string[]; allowIp?: string[]; expires?: Date }, command: Command) => {
      const { client, json } = clientFor(command);
      const created = await client.call<CreatedApiKey>(AUTH_SUBJECTS.adminCreateApiKey, {
        realm: options.realm,
        name: options.name,
        scopes: options.scope,
        allowedIps: options.allowIp ?? [],
        expiresAt: options.expires?.toISOString() ?? null,
        actor: actor(),
      });
      show(json, created, () =>
        [
          `API key created in realm ${created.realm}. Store it now: it is shown only once.`,
          '',
          `  ${created.key}`,
          '',
          renderFields([
            ['key id', created.keyId],
            ['name', created.name],
            ['scopes', list(created.scopes)],
            ['allowed IPs', list(created.allowedIps, 'any')],
            ['expires', created.expiresAt ?? 'never'],
          ]),
        ].join('\n'),
      );
    });
  apiKeys
    .command('list')
    .description('list API keys of a realm')
    .addOption(realmOption())
    .option('--all', 'include revoked keys', false)
    .action(async (options: { realm: Product; all: boolean }, command: Command) => {
      const { client, json } = clientFor(command);
      const keys = await client.call<ApiKeySummary[]>(AUTH_SUBJECTS.adminListApiKeys, { realm: options.realm, includeRevoked: options.all });
      show(json, keys, () =>
        renderTable(
          ['KEY ID', 'NAME', 'SCOPES', 'ALLOWED IPS', 'ACTIVE', 'LAST USED', 'CREATED'],
          keys.map((key) => [key.keyId, key.name, list(key.scopes), list(key.allowedIps, 'any'), key.active ? 'yes' : 'no', key.lastUsedAt, key.createdAt]),
        ),
      );
    });
  apiKeys
    .command('revoke')
    .description('revoke an API key (it stops working at once; gateways drop it from their short cache)')
    .addOption(realmOption())
    .argument('<keyId>', 'the key id shown by list')
    .action(async (keyId: string, options: { realm: Product }, command: Command) => {
      const { client, json } = clientFor(command);
      const key = await client.call<ApiKeySummary>(AUTH_SUBJECTS.adminRevokeApiKey, { realm: options.realm, keyId, actor: actor() });
      show(json, key, () => `API key ${key.keyId} (${key.name}) revoked.`);
    });

  // ---- OAuth clients ----
  const clients = program.command('clients').description('OAuth 2.0 clients for the client credentials grant (secret printed once)');
  clients
    .command('create')
    .description('create an OAuth client')
    .addOption(realmOption())
    .requiredOption('--name <name>', 'who the client is, e.g. "PT Integrator"')
    .requiredOption('--scope <scope>', 'scope the client may ask for (repeatable or comma separated)', collect)
    .action(async (options: { realm: Product; name: string; scope: string[] }, command: Command) => {
      const { client, json } = clientFor(command);
      const created = await client.call<CreatedOAuthClient>(AUTH_SUBJECTS.adminCreateClient, {
        realm: options.realm,
        name: options.name,
        scopes: options.scope,
        actor: actor(),
      });
      show(json, created, () =>
        [
          `OAuth client created in realm ${created.realm}. Store the secret now: it is shown only once.`,
          '',
          renderFields([
            ['client_id', created.clientId],
            ['client_secret', created.clientSecret],
            ['name', created.name],
            ['scopes', list(created.scopes)],
          ]),
        ].join('\n'),
      );
    });
  clients
    .command('list')
    .description('list OAuth clients of a realm')
    .addOption(realmOption())
    .option('--all', 'include revoked clients', false)
    .action(async (options: { realm: Product; all: boolean }, command: Command) => {
      const { client, json } = clientFor(command);
      const rows = await client.call<OAuthClientSummary[]>(AUTH_SUBJECTS.adminListClients, { realm: options.realm, includeRevoked: options.all });
      show(json, rows, () =>
        renderTable(
          ['CLIENT ID', 'NAME', 'SCOPES', 'ACTIVE', 'LAST USED', 'CREATED'],
          rows.map((row) => [row.clientId, row.name, list(row.scopes), row.active ? 'yes' : 'no', row.lastUsedAt, row.createdAt]),
        ),
      );
    });
  clients
    .command('revoke')
    .description('revoke an OAuth client and every token it holds')
    .addOption(realmOption())
    .argument('<clientId>', 'the client_id')
    .action(async (clientId: string, options: { realm: Product }, command: Command) => {
      const { client, json } = clientFor(command);
      const row = await client.call<OAuthClientSummary>(AUTH_SUBJECTS.adminRevokeClient, { realm: options.realm, clientId, actor: actor() });
      show(json, row, () => `OAuth client ${row.clientId} (${row.name}) revoked.`);
    });

  // ---- Users ----
  const users = program.command('users').description('users of a realm');
  users
    .command('create')
    .description(
      'create a user; without --password-stdin a random password is generated, printed once, and must be changed at first login (retribusi: POST /auth/v1/change-password)',
    )
    .addOption(realmOption())
    .option('--username <username>', 'login name (retribusi logs in by username)')
    .option('--email <email>', 'e-mail (crm, isp, qr, autogate log in by e-mail; also the username when --username is absent)')
    .option('--name <displayName>', 'display name')
    .requiredOption('--role <role>', 'role to assign, e.g. viewer, operator, admin')
    .option('--password-stdin', 'read the password from standard input', false)
    .option('--inactive', 'create the account inactive', false)
    .action(
      async (
        options: { realm: Product; username?: string; email?: string; name?: string; role: string; passwordStdin: boolean; inactive: boolean },
        command: Command,
      ) => {
        if (!options.username && !options.email) throw new CliFailure('give --username or --email', EXIT_CODES.usage);
        const password = options.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
        if (options.passwordStdin && !password) throw new CliFailure('no password on standard input', EXIT_CODES.usage);
        const { client, json } = clientFor(command);
        const created = await client.call<CreatedUser>(AUTH_SUBJECTS.adminCreateUser, {
          realm: options.realm,
          username: options.username,
          email: options.email,
          displayName: options.name,
          role: options.role,
          password,
          active: !options.inactive,
          actor: actor(),
        });
        show(json, created, () =>
          [
            `User ${created.username} created in realm ${created.realm} (id ${created.id}, role ${options.role}${created.active ? '' : ', inactive'}).`,
            ...(created.generatedPassword
              ? ['', 'Generated password (shown only once; the user must change it at first login):', '', `  ${created.generatedPassword}`]
              : []),
          ].join('\n'),
        );
      },
    );
  users
    .command('list')
    .description('list users of a realm')
    .addOption(realmOption())
    .action(async (options: { realm: Product }, command: Command) => {
      const { client, json } = clientFor(command);
      const rows = await client.call<UserSummary[]>(AUTH_SUBJECTS.adminListUsers, { realm: options.realm });
      show(json, rows, () =>
        renderTable(
          ['ID', 'USERNAME', 'EMAIL', 'ROLES', 'ACTIVE', 'LOCKED UNTIL', 'LAST LOGIN'],
          rows.map((row) => [
            row.id,
            row.username,
            row.email,
            list(row.roles.map(describeAssignment)),
            row.active ? 'yes' : 'no',
            row.lockedUntil,
            row.lastLoginAt,
          ]),
        ),
      );
    });
  for (const [name, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    users
      .command(name)
      .description(active ? 'activate a user (also clears a lockout)' : 'deactivate a user and end all their sessions')
      .addOption(realmOption())
      .argument('<user>', 'user id, username or e-mail')
      .action(async (user: string, options: { realm: Product }, command: Command) => {
        const { client, json } = clientFor(command);
        const row = await client.call<UserSummary>(AUTH_SUBJECTS.adminSetUserActive, { realm: options.realm, user, active, actor: actor() });
        show(json, row, () => `User ${row.username} ${active ? 'activated' : 'deactivated'}.`);
      });
  }

  // ---- Roles and permissions ----
  const roles = program.command('roles').description('roles, permissions (resource:privilege) and role assignments');
  roles
    .command('list')
    .description('list roles of a realm with their permissions')
    .addOption(realmOption())
    .action(async (options: { realm: Product }, command: Command) => {
      const { client, json } = clientFor(command);
      const rows = await client.call<RoleSummary[]>(AUTH_SUBJECTS.adminListRoles, { realm: options.realm });
      show(json, rows, () =>
        renderTable(
          ['ROLE', 'PRIORITY', 'PERMISSIONS'],
          rows.map((row) => [row.name, row.priority, row.allPrivileges ? 'all' : list(row.permissions)]),
        ),
      );
    });
  roles
    .command('upsert')
    .description('create or update a role; --permission replaces its permission set')
    .addOption(realmOption())
    .requiredOption('--name <name>', 'role name, e.g. DIRECTOR_OF_FINANCE')
    .option('--formal-name <formalName>', 'display name')
    .option('--permission <permission>', 'resource:privilege (repeatable or comma separated)', collect)
    .option('--all-privileges', 'grant every privilege of the realm')
    .option('--priority <n>', 'higher wins when choosing the active role at login', parseInteger)
    .action(
      async (
        options: { realm: Product; name: string; formalName?: string; permission?: string[]; allPrivileges?: boolean; priority?: number },
        command: Command,
      ) => {
        const { client, json } = clientFor(command);
        const role = await client.call<RoleSummary>(AUTH_SUBJECTS.adminUpsertRole, {
          realm: options.realm,
          name: options.name,
          formalName: options.formalName,
          permissions: options.permission,
          allPrivileges: options.allPrivileges,
          priority: options.priority,
          actor: actor(),
        });
        show(json, role, () => `Role ${role.name} saved: ${role.allPrivileges ? 'all privileges' : list(role.permissions, 'no permissions')}.`);
      },
    );
  roles
    .command('assign')
    .description('assign a role to a user, permanently or for a window (a temporary role stops granting at its end)')
    .addOption(realmOption())
    .requiredOption('--user <user>', 'user id, username or e-mail')
    .requiredOption('--role <role>', 'role name')
    .option('--from <date>', 'start (ISO 8601; default now)', parseInstant)
    .addOption(new Option('--until <date>', 'end (ISO 8601)').argParser(parseInstant).conflicts('for'))
    .option('--for <duration>', 'end after this long, e.g. 2h or 30d', parseDuration)
    .action(async (options: { realm: Product; user: string; role: string; from?: Date; until?: Date; for?: number }, command: Command) => {
      const { client, json } = clientFor(command);
      const endsAt = instantOrFromNow(options.until, options.for, options.from ?? new Date());
      const user = await client.call<UserSummary>(AUTH_SUBJECTS.adminAssignRole, {
        realm: options.realm,
        user: options.user,
        role: options.role,
        startsAt: options.from?.toISOString(),
        endsAt: endsAt?.toISOString() ?? null,
        actor: actor(),
      });
      show(json, user, () => `Role ${options.role} assigned to ${user.username}${endsAt ? ` until ${endsAt.toISOString()}` : ''}.`);
    });
  roles
    .command('unassign')
    .description('remove every assignment of a role from a user')
    .addOption(realmOption())
    .requiredOption('--user <user>', 'user id, username or e-mail')
    .requiredOption('--role <role>', 'role name')
    .action(async (options: { realm: Product; user: string; role: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const user = await client.call<UserSummary>(AUTH_SUBJECTS.adminUnassignRole, {
        realm: options.realm,
        user: options.user,
        role: options.role,
        actor: actor(),
      });
      show(json, user, () => `Role ${options.role} removed from ${user.username}.`);
    });
  program
    .command('resources')
    .description("the realm's permission catalog")
    .command('define')
    .description('add a resource and its privileges (existing ones are kept)')
    .addOption(realmOption())
    .requiredOption('--name <name>', 'resource, e.g. customer')
    .requiredOption('--privilege <privilege>', 'privilege (repeatable or comma separated), e.g. create,read,update,delete', collect)
    .option('--group <group>', 'group shown by the product, e.g. "Master Data"')
    .option('--description <text>', 'description')
    .action(async (options: { realm: Product; name: string; privilege: string[]; group?: string; description?: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const resource = await client.call<ResourceSummary>(AUTH_SUBJECTS.adminDefineResource, {
        realm: options.realm,
        name: options.name,
        privileges: options.privilege,
        group: options.group,
        description: options.description,
        actor: actor(),
      });
      show(json, resource, () => `Resource ${resource.name}: ${list(resource.privileges)}.`);
    });

  // ---- Signing keys ----
  const keys = program.command('keys').description('JWT signing keys');
  keys
    .command('rotate')
    .description('rotate the signing key: the new key is published at once and signs after a short delay; old public keys stay until their tokens expired')
    .action(async (_options: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const reply = await client.call<RotateSigningKeyReply>(AUTH_SUBJECTS.adminRotateSigningKey, { actor: actor() });
      show(json, reply, () => [`New signing key ${reply.kid} signs from ${reply.activatesAt}.`, '', renderKeys(reply.keys)].join('\n'));
    });
  keys
    .command('list')
    .description('list signing keys and their state')
    .action(async (_options: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const rows = await client.call<SigningKeySummary[]>(AUTH_SUBJECTS.adminListSigningKeys, {});
      show(json, rows, () => renderKeys(rows));
    });

  // ---- Realm policy and audit ----
  program
    .command('realms')
    .description('realm settings')
    .command('policy')
    .description('show the password and lockout policy of a realm, or change it with the options')
    .addOption(realmOption())
    .option('--min-length <n>', 'minimum password length', parseInteger)
    .option('--max-length <n>', 'maximum password length', parseInteger)
    .option('--require-symbol', 'require a symbol')
    .option('--no-require-symbol', 'do not require a symbol')
    .option('--max-attempts <n>', 'failed logins before a lockout', parseInteger)
    .option('--lock-seconds <n>', 'lockout duration', parseInteger)
    .option('--window-seconds <n>', 'window in which failures count', parseInteger)
    .action(
      async (
        options: {
          realm: Product;
          minLength?: number;
          maxLength?: number;
          requireSymbol?: boolean;
          maxAttempts?: number;
          lockSeconds?: number;
          windowSeconds?: number;
        },
        command: Command,
      ) => {
        const { client, json } = clientFor(command);
        const passwordPolicy = defined({ minLength: options.minLength, maxLength: options.maxLength, requireSymbol: options.requireSymbol });
        const lockoutPolicy = defined({ maxAttempts: options.maxAttempts, lockSeconds: options.lockSeconds, windowSeconds: options.windowSeconds });
        const changing = Object.keys(passwordPolicy).length + Object.keys(lockoutPolicy).length > 0;
        const reply = changing
          ? await client.call<RealmPolicyReply>(AUTH_SUBJECTS.adminSetRealmPolicy, { realm: options.realm, passwordPolicy, lockoutPolicy, actor: actor() })
          : await client.call<RealmPolicyReply>(AUTH_SUBJECTS.adminGetRealmPolicy, { realm: options.realm });
        show(json, reply, () =>
          renderFields([
            ...Object.entries(reply.passwordPolicy).map(([name, value]) => [`password.${name}`, value] as [string, string | number | boolean]),
            ...Object.entries(reply.lockoutPolicy).map(([name, value]) => [`lockout.${name}`, value] as [string, string | number | boolean]),
          ]),
        );
      },
    );
  program
    .command('audit')
    .description('auth audit trail')
    .command('list')
    .description('latest auth events, newest first')
    .addOption(new Option('--realm <realm>', 'only this realm').argParser(parseRealm))
    .option('--type <type>', 'only this event type, e.g. login.failed')
    .option('--limit <n>', 'how many (max 500)', parseInteger, 50)
    .action(async (options: { realm?: Product; type?: string; limit: number }, command: Command) => {
      const { client, json } = clientFor(command);
      const rows = await client.call<AuditEventSummary[]>(AUTH_SUBJECTS.adminListAuditEvents, {
        realm: options.realm,
        type: options.type,
        limit: options.limit,
      });
      show(json, rows, () =>
        renderTable(
          ['TIME', 'REALM', 'TYPE', 'OUTCOME', 'ACTOR', 'SUBJECT', 'IP'],
          rows.map((row) => [row.occurredAt, row.realm, row.type, row.outcome, row.actor, row.subject, row.clientIp]),
        ),
      );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message; help asked for exits 0, help shown for a missing command does not.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (error instanceof CliFailure) {
      io.err(`error: ${error.message}`);
      return error.exitCode;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_CODES.refused;
  } finally {
    await (client as AuthClient | null)?.close();
  }
}

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function describeAssignment(assignment: UserSummary['roles'][number]): string {
  return assignment.endsAt ? `${assignment.role}(until ${assignment.endsAt})` : assignment.role;
}

function renderKeys(rows: SigningKeySummary[]): string {
  return renderTable(
    ['KID', 'STATUS', 'ACTIVATES', 'RETIRED', 'PUBLISHED UNTIL', 'ENCRYPTED'],
    rows.map((row) => [row.kid, row.status, row.activatesAt, row.retiredAt, row.publishUntil, row.encrypted ? 'yes' : 'no']),
  );
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

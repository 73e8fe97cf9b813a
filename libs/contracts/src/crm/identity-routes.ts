import type { HttpMethod, RouteAccess, RouteDefinition, RouteParameterDoc } from '../common/routes.js';
import { AUTH_SUBJECTS } from '../auth/subjects.js';
import { CRM_COMPANY_GROUPS } from './enums.js';
import { CRM_DEFAULT_USER_PASSWORD, CRM_IDENTITY_RESOURCES, CRM_IDENTITY_SUBJECTS as S } from './identity-subjects.js';
import { CRM_LIST_PARAMETERS } from './list-query.js';

const authTag = ['Autentikasi'];

const session = {
  accessToken: 'eyJhbGciOiJFUzI1NiIs...',
  tokenType: 'Bearer',
  expiresIn: 3600,
  refreshToken: 'grt_3q2-7wEXAMPLEk8w5QGx0mM4nVb1fWc2h9Zt6yL0pRs',
  refreshExpiresIn: 2592000,
  user: { id: '1', name: 'Administrator', email: 'admin@gerbang.local', activeRole: 'admin', roles: ['admin'] },
};

/**
 * The document assumes a bearer token but names no login operation; Gerbang serves one under
 * /v1/auth in the document's camelCase style.
 */
const sessionRoutes: RouteDefinition[] = [
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/login',
    subject: AUTH_SUBJECTS.login,
    access: { kind: 'public' },
    summary: 'Masuk dengan email dan kata sandi untuk mendapatkan token',
    tags: authTag,
    rateLimit: { max: 10, windowSeconds: 60 },
    requestSchema: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: { type: 'string', example: 'admin@gerbang.local' }, password: { type: 'string', example: 'Gerbang#Admin2025' } },
    },
    responseExample: session,
  },
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/refresh',
    subject: AUTH_SUBJECTS.refresh,
    access: { kind: 'public' },
    summary: 'Tukar refresh token dengan pasangan token baru (refresh token lama tidak berlaku lagi)',
    tags: authTag,
    rateLimit: { max: 30, windowSeconds: 60 },
    description: 'Body `{refreshToken}`; `refresh_token` is accepted too. A refresh token presented twice ends its whole session.',
    requestSchema: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string', example: session.refreshToken } } },
    responseExample: session,
  },
  {
    product: 'crm',
    method: 'POST',
    path: '/v1/auth/logout',
    subject: AUTH_SUBJECTS.logout,
    access: { kind: 'user', allowPasswordChangePending: true },
    summary: 'Keluar: mencabut token ini beserta refresh token-nya',
    tags: authTag,
    requestSchema: { type: 'object', properties: { refreshToken: { type: 'string' } } },
    responseExample: { logged_out: true },
  },
];

const usersTag = ['Pengaturan: Pengguna'];
const rolesTag = ['Pengaturan: Role & Access'];
const profileTag = ['Profil'];
const groups = Object.keys(CRM_COMPANY_GROUPS);
const uuid = '0b6f2d9e-9a51-4c55-8a3c-1f0d2b7c9e11';
const stamps = { createdAt: '2025-05-07T09:00:39.491Z', updatedAt: '2025-05-07T09:00:39.491Z' };
const partner = { id: uuid, name: 'PT Pelayaran Bahtera Adhiguna' };
const privileges = { create: true, read: true, update: true, delete: false };
const permission = { resource: 'partner', group: 'Master Data', description: 'Mitra', privileges };
const assignedRole = {
  id: '3',
  name: 'VP_DEVELOPMENT',
  formalName: 'Vice President Development',
  startDate: '2024-01-01',
  start_date: '2024-01-01',
  validUntil: '2024-05-30',
  temporary: true,
};
const user = {
  id: '2',
  name: 'Hendro Susilo',
  email: 'alohdr@example.com',
  phone: '628123456789',
  active: true,
  group: 'transporter',
  partner,
  roles: [{ ...assignedRole, id: '2', name: 'VP_TEST', formalName: 'Vice President Test', validUntil: null, temporary: false }, assignedRole],
  passwordChangeRequired: false,
  ...stamps,
};
const role = { id: '3', name: 'DIRECTOR_OF_FINANCE', formalName: 'Direktur Finance', group: 'transporter', partner, permissions: [permission], ...stamps };
const listedRole = {
  ...role,
  formal_name: role.formalName,
  group: { id: 'transporter', name: CRM_COMPANY_GROUPS.transporter, isInternal: false },
};
const resource = {
  id: '4',
  group: 'Master Data',
  resource: 'partner',
  description: 'Mitra',
  privileges: [
    { name: 'create', description: 'Akses membuat data Mitra' },
    { name: 'read', description: 'Akses melihat data Mitra' },
  ],
};
const profile = {
  id: '2',
  name: 'Hendro Susilo',
  email: 'alohdr@example.com',
  phone: '628123456789',
  group: 'transporter',
  partner,
  passwordChangeRequired: false,
  assigned_roles: [{ ...assignedRole, permissions: [permission] }],
  active_role: { ...assignedRole, permissions: [permission] },
};
const metadata = { total_data: 1, total_page: 1, page: 0, limit: 10 };
const token = { accessToken: session.accessToken, tokenType: 'Bearer', expiresIn: 3600 };

const text = (example: string, extra: Record<string, unknown> = {}) => ({ type: 'string', example, ...extra });
const groupSchema = {
  type: 'string',
  enum: groups,
  example: 'transporter',
  description: "Enum Group. `bbn` (the document's example for BBN staff) is read as `internal`.",
};
const userSchema = {
  type: 'object',
  required: ['name', 'email', 'group', 'roleId'],
  properties: {
    name: text('Hendro Susilo', { maxLength: 200 }),
    email: text('alohdr@example.com', { format: 'email', maxLength: 254, description: 'Unique in the realm; the login name' }),
    phone: text('628123456789', { nullable: true, pattern: '^\\+?[0-9]{6,20}$' }),
    group: groupSchema,
    partnerId: text(uuid, {
      nullable: true,
      description: 'Mandatory when group is not `internal`; the partner must belong to that group (`partner_id` accepted too)',
    }),
    roleId: text('3', { description: "The user's main role; it must belong to the same group (`role_id` accepted too)" }),
  },
};
const permissionsSchema = {
  type: 'array',
  description:
    "Per resource of the catalog (its name, e.g. `partner`, or its label, e.g. `Mitra`), the privileges granted (`true`). A privilege the resource does not have may be sent as `false` (the document's `approval`); sending it `true` is a 400. `privileges` may also be an array of names.",
  items: {
    type: 'object',
    required: ['resource', 'privileges'],
    properties: {
      resource: text('partner'),
      group: text('Master Data', { description: 'Informative; the catalog decides' }),
      privileges: { type: 'object', additionalProperties: { type: 'boolean' }, example: { create: true, update: true, delete: false, approval: false } },
    },
  },
};
const roleSchema = {
  type: 'object',
  required: ['name', 'group'],
  properties: {
    id: text('3', { description: 'Only for `PUT /v1/auth/roles` without an id in the path (else name and group find the role)' }),
    name: text('DIRECTOR_OF_FINANCE', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$', description: 'Unique within its group' }),
    group: groupSchema,
    formalName: text('Direktur Finance', { maxLength: 200, description: '`formal_name` accepted too' }),
    partnerId: text(uuid, { nullable: true, description: 'Optional partner of the role; it must belong to the group' }),
    permissions: permissionsSchema,
  },
};

const listOf = (fields: string[], filters: RouteParameterDoc[]) => ({
  queryParameters: [...CRM_LIST_PARAMETERS, ...filters],
  description: `**Sortable fields:** ${fields.map((field) => `\`${field}\``).join(', ')}.`,
});

interface IdentityRoute extends Omit<RouteDefinition, 'product' | 'method' | 'path' | 'access' | 'tags'> {
  /** The document's path first, then the other spellings it uses for the same operation. */
  paths: string[];
  /** `resource:privilege`, or `profile` for any logged-in user (also before the first password change). */
  permission: string;
}

function routes(method: HttpMethod, tags: string[], spec: IdentityRoute): RouteDefinition[] {
  const { paths, permission: needed, ...rest } = spec;
  const access: RouteAccess = needed === 'profile' ? { kind: 'user', allowPasswordChangePending: true } : { kind: 'user', permission: needed };
  return paths.map((path, index) => ({
    product: 'crm',
    method,
    path,
    access,
    tags,
    ...rest,
    summary: index === 0 ? rest.summary : `(Ejaan lain dari ${paths[0]}) ${rest.summary}`,
  }));
}

/** Both prefixes the document writes: `/v1/...` and `/api/v1/...`. */
const bothPrefixes = (path: string) => [path, `/api${path}`];
const users = (suffix = '') => bothPrefixes(`/v1/auth/users${suffix}`);
const userActions = (action: string) => [`/v1/users/:id/${action}`, `/api/v1/users/:id/${action}`, ...users(`/:id/${action}`)];
const roles = (suffix = '') => [`/api/v1/auth/roles${suffix}`, `/v1/auth/roles${suffix}`];
const userId = { id: { description: 'User id', example: '2' } };
const roleId = { id: { description: 'Role id', example: '3' } };
const { users: USERS, roleAccess: ROLE_ACCESS } = CRM_IDENTITY_RESOURCES;

const userRoutes: RouteDefinition[] = [
  ...routes('GET', usersTag, {
    paths: users(),
    subject: S.usersList,
    permission: `${USERS}:read`,
    summary: 'Daftar pengguna',
    ...listOf(
      ['name', 'email', 'phone', 'group', 'active', 'createdAt', 'updatedAt'],
      [
        { name: 'group', description: 'Filter by group (Enum Group).', schema: { type: 'string', enum: groups } },
        { name: 'status', description: '`true`: active users, `false`: inactive ones (`active` accepted too).', schema: { type: 'boolean' } },
      ],
    ),
    responseExample: { data: [user], metadata },
  }),
  ...routes('POST', usersTag, {
    paths: users(),
    subject: S.usersCreate,
    permission: `${USERS}:create`,
    summary: 'Tambah pengguna',
    description: `The user gets the default password \`${CRM_DEFAULT_USER_PASSWORD}\` and must change it at the first login: until then every endpoint but the profile ones answers 403. Snake_case spellings of the fields are accepted too.`,
    successStatus: 201,
    requestSchema: userSchema,
    responseExample: { ...user, passwordChangeRequired: true },
  }),
  ...routes('GET', usersTag, {
    paths: users('/:id'),
    subject: S.usersGet,
    permission: `${USERS}:read`,
    summary: 'Detail pengguna',
    pathParameters: userId,
    responseExample: user,
  }),
  ...routes('PUT', usersTag, {
    paths: users('/:id'),
    subject: S.usersUpdate,
    permission: `${USERS}:update`,
    summary: 'Ubah pengguna',
    description:
      "Replaces the user's data. A new `roleId` replaces the main (first permanent) role; additional roles that no longer fit the group are removed.",
    pathParameters: userId,
    requestSchema: userSchema,
    responseExample: user,
  }),
  ...routes('PATCH', usersTag, {
    paths: userActions('roles'),
    subject: S.usersAssignRole,
    permission: `${USERS}:update`,
    summary: 'Tambah peran tambahan (sementara bila ada validUntil)',
    description:
      "The role (`name` within the user's group, or `roleId`) must belong to the user's group. `startDate` (default now) and `validUntil` (absent or null: permanent) are dates (`2025-06-18`, in Asia/Jakarta: a role valid until 2025-09-17 ends at the end of that day) or date-times (ISO 8601). A temporary role stops granting access at `validUntil` without a new login.",
    pathParameters: userId,
    requestSchema: {
      type: 'object',
      properties: {
        name: text('DIRECTOR_OF_FINANCE'),
        roleId: text('3', { description: 'Instead of `name`' }),
        startDate: text('2025-06-18', { description: '`start_date` accepted too' }),
        validUntil: text('2025-09-17', { nullable: true, description: '`valid_until` accepted too' }),
      },
    },
    responseExample: user,
  }),
  ...routes('POST', usersTag, {
    paths: userActions('status'),
    subject: S.usersSetStatus,
    permission: `${USERS}:activation`,
    summary: 'Aktifkan / nonaktifkan pengguna',
    description: 'Deactivation ends every session of the user at once.',
    pathParameters: userId,
    requestSchema: { type: 'object', required: ['active'], properties: { active: { type: 'boolean', example: true } } },
    responseExample: user,
  }),
];

const roleRoutes: RouteDefinition[] = [
  ...routes('GET', rolesTag, {
    paths: roles(),
    subject: S.rolesList,
    permission: `${ROLE_ACCESS}:read`,
    summary: 'Daftar peran',
    ...listOf(
      ['name', 'formalName', 'group', 'createdAt', 'updatedAt'],
      [{ name: 'group', description: 'Filter by group.', schema: { type: 'string', enum: groups } }],
    ),
    responseExample: { data: [listedRole], metadata },
  }),
  ...routes('POST', rolesTag, {
    paths: roles(),
    subject: S.rolesCreate,
    permission: `${ROLE_ACCESS}:create`,
    summary: 'Tambah peran',
    description: 'The name is unique within the group.',
    successStatus: 201,
    requestSchema: roleSchema,
    responseExample: role,
  }),
  ...routes('GET', rolesTag, {
    paths: roles('/:id'),
    subject: S.rolesGet,
    permission: `${ROLE_ACCESS}:read`,
    summary: 'Detail peran',
    pathParameters: roleId,
    responseExample: role,
  }),
  ...routes('PUT', rolesTag, {
    paths: [...roles('/:id'), '/v1/auth/roles', '/api/v1/auth/roles'],
    subject: S.rolesUpdate,
    permission: `${ROLE_ACCESS}:update`,
    summary: 'Ubah peran',
    description:
      'The document writes `PUT /v1/auth/roles` without an id: there the body names the role by `id`, else by `name` and `group`. `permissions`, when sent, replaces the granted privileges. The group of a role held by users cannot change; the built-in administrator role cannot be changed.',
    requestSchema: roleSchema,
    responseExample: role,
  }),
  ...routes('DELETE', rolesTag, {
    paths: roles('/:id'),
    subject: S.rolesDelete,
    permission: `${ROLE_ACCESS}:delete`,
    summary: 'Hapus peran (ditolak selama masih dimiliki pengguna)',
    pathParameters: roleId,
    responseExample: { id: '3', deleted: true },
  }),
  ...routes('GET', rolesTag, {
    paths: bothPrefixes('/v1/auth/privileges'),
    subject: S.privilegesList,
    permission: `${ROLE_ACCESS}:read`,
    summary: 'Daftar resource beserta privilege-nya',
    ...listOf(['group', 'resource', 'description'], [{ name: 'group', description: 'Filter by the resource group (`Master Data`).' }]),
    responseExample: { data: [resource], metadata },
  }),
  ...routes('GET', rolesTag, {
    paths: bothPrefixes('/v1/auth/privileges/:id'),
    subject: S.privilegesGet,
    permission: `${ROLE_ACCESS}:read`,
    summary: 'Detail resource beserta privilege-nya',
    pathParameters: { id: { description: 'Resource id, or its name (`partner`)', example: '4' } },
    responseExample: resource,
  }),
];

const profileRoutes: RouteDefinition[] = [
  ...routes('GET', profileTag, {
    paths: bothPrefixes('/v1/profiles/me'),
    subject: S.profileGet,
    permission: 'profile',
    summary: 'Profil pengguna yang sedang masuk',
    description: 'Assigned roles valid now or later, each with its permissions, and the active role of this session.',
    responseExample: profile,
  }),
  ...routes('PUT', profileTag, {
    paths: bothPrefixes('/v1/profiles/me'),
    subject: S.profileUpdate,
    permission: 'profile',
    summary: 'Ubah nama dan nomor telepon',
    requestSchema: {
      type: 'object',
      required: ['name'],
      properties: { name: text('Hendro Gelo', { maxLength: 200 }), phone: text('6281234567890', { nullable: true, pattern: '^\\+?[0-9]{6,20}$' }) },
    },
    responseExample: profile,
  }),
  ...routes('PUT', profileTag, {
    paths: ['/api/v1/profiles/me/roles', '/v1/profiles/me/roles'],
    subject: S.profileSwitchRole,
    permission: 'profile',
    summary: 'Ganti peran aktif sesi ini',
    description:
      "The role must be one the user holds now. One role is active per session: the answer carries the profile and a new access token of this session with that role; the previous access token stops working (a refresh with the session's refresh token also yields the chosen role).",
    requestSchema: { type: 'object', required: ['roleId'], properties: { roleId: text('3', { description: '`role_id` accepted too' }) } },
    responseExample: { ...profile, ...token },
  }),
  ...routes('POST', profileTag, {
    paths: bothPrefixes('/v1/profiles/me/credentials'),
    subject: S.profileChangePassword,
    permission: 'profile',
    summary: 'Ganti kata sandi',
    description:
      "`passwordConfirm` must equal `newPassword`, which must differ from `currentPassword` and meet the realm's password policy; a wrong `currentPassword` answers 400. Other sessions end; this one gets a new access token (in the answer) and the previous one stops working. Snake_case spellings are accepted too.",
    requestSchema: {
      type: 'object',
      required: ['currentPassword', 'newPassword', 'passwordConfirm'],
      properties: { currentPassword: text('old.password'), newPassword: text('New.Password2025'), passwordConfirm: text('New.Password2025') },
    },
    responseExample: { message: 'Kata sandi berhasil diubah', ...token },
  }),
];

/**
 * spec/crm-batubara-niaga-api.md users, roles, privileges and profiles, answered by auth-rbac
 * (realm crm). Every spelling of a path the document uses is served (`/v1/auth/roles` and
 * `/api/v1/auth/roles`, `/v1/auth/users/{id}` and `/v1/users/{id}/roles`); aliases are marked
 * in their summary.
 */
export const CRM_IDENTITY_ROUTES: RouteDefinition[] = [...sessionRoutes, ...userRoutes, ...roleRoutes, ...profileRoutes];

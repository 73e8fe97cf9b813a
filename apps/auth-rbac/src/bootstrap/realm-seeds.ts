import type { DefineResourceRequest, Product } from '@gerbang/contracts';

/** The bootstrap admin of each realm: retribusi's document logs in as `admin`, the others use an e-mail. */
export const BOOTSTRAP_ADMIN: Record<Product, { username: string; email: string | null }> = {
  retribusi: { username: 'admin', email: null },
  crm: { username: 'admin@gerbang.local', email: 'admin@gerbang.local' },
  isp: { username: 'admin@gerbang.local', email: 'admin@gerbang.local' },
  qr: { username: 'admin@gerbang.local', email: 'admin@gerbang.local' },
  autogate: { username: 'admin@gerbang.local', email: 'admin@gerbang.local' },
};

export interface RoleSeed {
  name: string;
  formalName: string;
  priority: number;
  allPrivileges?: boolean;
  permissions?: string[];
}

type ResourceSeed = Omit<DefineResourceRequest, 'realm' | 'actor'>;

const CRUD = ['create', 'read', 'update', 'delete'];
const READ = ['read'];

/** spec/retribusi-api.md: what the frontend, summary, dashboard and realtime endpoints act on. */
const RETRIBUSI_RESOURCES: ResourceSeed[] = [
  { name: 'locations', group: 'Frontend CRUD', description: 'Locations', privileges: CRUD },
  { name: 'gates', group: 'Frontend CRUD', description: 'Gates', privileges: CRUD },
  { name: 'tariffs', group: 'Frontend CRUD', description: 'Tariffs', privileges: CRUD },
  { name: 'audit-logs', group: 'Frontend CRUD', description: 'Audit logs', privileges: READ },
  { name: 'entry-events', group: 'Frontend CRUD', description: 'Raw entry events', privileges: READ },
  { name: 'summaries', group: 'Summary', description: 'Daily and hourly summaries', privileges: READ },
  { name: 'dashboard', group: 'Dashboard', description: 'Dashboards', privileges: READ },
  { name: 'realtime', group: 'Realtime', description: 'Realtime events and stream', privileges: READ },
];

const reads = RETRIBUSI_RESOURCES.map((resource) => `${resource.name}:read`);
const writes = RETRIBUSI_RESOURCES.filter((resource) => resource.privileges.includes('create')).flatMap((resource) => [
  `${resource.name}:create`,
  `${resource.name}:update`,
]);

/** Retribusi: viewer reads, operator reads and writes (POST, PUT), admin does everything (delete too). */
const RETRIBUSI_ROLES: RoleSeed[] = [
  { name: 'viewer', formalName: 'Viewer', priority: 10, permissions: reads },
  { name: 'operator', formalName: 'Operator', priority: 20, permissions: [...reads, ...writes] },
  { name: 'admin', formalName: 'Administrator', priority: 30, allPrivileges: true },
];

const ADMIN_ONLY: RoleSeed[] = [{ name: 'admin', formalName: 'Administrator', priority: 100, allPrivileges: true }];

/** Catalog and roles every realm starts with; product issues add their own through the admin subjects. */
export const REALM_SEEDS: Record<Product, { resources: ResourceSeed[]; roles: RoleSeed[] }> = {
  retribusi: { resources: RETRIBUSI_RESOURCES, roles: RETRIBUSI_ROLES },
  crm: { resources: [], roles: ADMIN_ONLY },
  isp: { resources: [], roles: ADMIN_ONLY },
  qr: { resources: [], roles: ADMIN_ONLY },
  autogate: { resources: [], roles: ADMIN_ONLY },
};

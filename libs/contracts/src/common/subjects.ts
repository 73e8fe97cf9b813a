/**
 * Subjects shared by every app. A published subject is never renamed without a migration
 * plan: old and new names are served side by side until every caller has moved.
 */
export const APPS = ['gateway', 'auth-rbac', 'retribusi-ingest', 'realtime', 'crm-masterdata', 'isp-billing', 'notification', 'qr', 'autogate'] as const;
export type AppName = (typeof APPS)[number];

/** Apps behind the gateway; each answers `<app>.health.check` with a HealthReply. */
export const SERVICE_APPS = APPS.filter((app): app is Exclude<AppName, 'gateway'> => app !== 'gateway');

export const healthSubject = (app: AppName): string => `${app}.health.check.v1`;

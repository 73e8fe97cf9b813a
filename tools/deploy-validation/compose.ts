import { APPS, SERVICE_APPS } from '@gerbang/contracts';
import { parse } from 'yaml';
import { runCommand } from './commands.js';
import type { CheckResult } from './report.js';
import { Problems } from './report.js';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: Array<{ published?: number | string; target?: number } | string>;
}

/**
 * docker-compose.yml through Compose's own validator (`config -q`), then the fleet's rules on
 * the resolved file: every app present with its APP, a healthcheck, and healthy dependencies.
 */
export async function checkCompose(root: string): Promise<CheckResult> {
  const problems = new Problems();
  const compose = await composeCommand();
  if (!compose) {
    problems.add('neither docker-compose nor `docker compose` is installed (Debian: apt-get install docker-compose)');
    return { name: 'docker-compose.yml', problems: problems.list };
  }
  // Compose's variable defaults apply; nothing from this shell's environment leaks in.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const quiet = await runCommand(compose[0], [...compose.slice(1), '-f', 'docker-compose.yml', 'config', '-q'], { cwd: root, env });
  problems.expect(quiet.ok, `${compose.join(' ')} config -q refused it: ${quiet.stderr.trim()}`);
  const resolved = await runCommand(compose[0], [...compose.slice(1), '-f', 'docker-compose.yml', 'config'], { cwd: root, env });
  if (resolved.ok) checkComposeFile(parse(resolved.stdout) as { services?: Record<string, ComposeService> }, problems);
  return { name: `docker-compose.yml (${compose.join(' ')} config)`, problems: problems.list };
}

export function checkComposeFile(file: { services?: Record<string, ComposeService> }, problems: Problems): void {
  const services = file.services ?? {};
  const needsHealthy = (service: ComposeService, name: string, dependency: string) => {
    const dependsOn = service.depends_on;
    const condition = Array.isArray(dependsOn) ? undefined : dependsOn?.[dependency]?.condition;
    problems.expect(condition === 'service_healthy', `${name} must depend on ${dependency} with condition service_healthy`);
  };
  problems.expect(services.postgres?.healthcheck?.test, 'a postgres service with a healthcheck');
  const natsCommand = [services.nats?.command ?? []].flat().join(' ');
  problems.expect(/(^|\s)(-js|--jetstream)(\s|$)/.test(natsCommand), 'the nats service must run with JetStream (-js)');
  problems.expect(services.nats?.healthcheck?.test, 'a nats service with a healthcheck');
  for (const app of APPS) {
    const service = services[app];
    if (!service) {
      problems.add(`no service for ${app}`);
      continue;
    }
    problems.expect(service.environment?.APP === app, `${app}: environment APP must be ${app}`);
    problems.expect(service.healthcheck?.test && !service.healthcheck.disable, `${app}: needs a healthcheck`);
    problems.expect(service.build !== undefined || service.image, `${app}: needs the Gerbang image or its build`);
    problems.expect(service.environment?.NATS_URL, `${app}: needs NATS_URL`);
    needsHealthy(service, app, 'nats');
    if (app !== 'gateway') {
      problems.expect(service.environment?.DATABASE_URL, `${app}: needs DATABASE_URL`);
      needsHealthy(service, app, 'postgres');
    }
  }
  const gateway = services.gateway;
  if (gateway) {
    for (const app of SERVICE_APPS) needsHealthy(gateway, 'gateway', app);
    const published = (gateway.ports ?? []).some((port) =>
      typeof port === 'string' ? /(^|:)3000:3000$/.test(port) : Number(port.published) === 3000 && port.target === 3000,
    );
    problems.expect(published, 'gateway must publish port 3000');
  }
}

async function composeCommand(): Promise<string[] | null> {
  if ((await runCommand('docker-compose', ['version'])).ok) return ['docker-compose'];
  if ((await runCommand('docker', ['compose', 'version'])).ok) return ['docker', 'compose'];
  return null;
}

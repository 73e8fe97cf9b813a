import { describe, expect, it } from '@jest/globals';
import { APPS } from '@gerbang/contracts';
import { checkComposeFile, type ComposeService } from './compose.js';
import { dockerfileProblems } from './dockerfile.js';
import { checkManifests, validateSchemas, type Container, type KubeObject } from './kubernetes.js';
import { Problems } from './report.js';

// The validators must refuse what is wrong, not only accept what is right.

const probe = (port: string) => ({ httpGet: { path: '/health', port } });
const find = (objects: KubeObject[], kind: string, name?: string) =>
  objects.find((object) => object.kind === kind && (name === undefined || object.metadata.name === name)) as KubeObject & {
    spec: NonNullable<KubeObject['spec']>;
  };
const containerOf = (object: KubeObject) => object.spec?.template?.spec?.containers?.[0] as Container;

function appObjects(app: string): KubeObject[] {
  const labels = { 'app.kubernetes.io/name': app };
  const container = {
    name: 'app',
    image: 'gerbang:1',
    env: [{ name: 'APP', value: app }],
    envFrom: [{ configMapRef: { name: 'gerbang-config' } }, { secretRef: { name: 'gerbang-database' } }],
    ports: [{ name: 'http', containerPort: 3000 }],
    livenessProbe: probe('http'),
    readinessProbe: probe('http'),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { securityContext: { runAsNonRoot: true }, containers: [container] } },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: app }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: app },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app }, minReplicas: 2, maxReplicas: 5 },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
  ];
}

function fleet(): KubeObject[] {
  const natsLabels = { 'app.kubernetes.io/name': 'nats' };
  return [
    ...APPS.flatMap(appObjects),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gerbang-config' }, data: { LOG_LEVEL: 'info' } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'nats' },
      spec: {
        replicas: 3,
        serviceName: 'nats',
        selector: { matchLabels: natsLabels },
        template: {
          metadata: { labels: natsLabels },
          spec: {
            securityContext: { runAsNonRoot: true },
            containers: [
              {
                name: 'nats',
                image: 'nats:2.10-alpine',
                ports: [{ name: 'client', containerPort: 4222 }],
                livenessProbe: { tcpSocket: { port: 'client' } },
                readinessProbe: { tcpSocket: { port: 'client' } },
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              },
            ],
          },
        },
      },
    },
  ];
}

const problemsOf = (objects: KubeObject[]) => {
  const problems = new Problems();
  checkManifests(objects, { externalSecrets: new Set(['gerbang-database']) }, problems);
  return problems.list;
};

describe('Kubernetes manifest rules', () => {
  it('accept a complete fleet', () => {
    expect(problemsOf(fleet())).toEqual([]);
  });

  it('refuse a container without a readiness probe, a Service pointing at an undeclared port and an HPA with no target', () => {
    const objects = fleet();
    delete containerOf(find(objects, 'Deployment', 'qr')).readinessProbe;
    const [port] = find(objects, 'Service', 'qr').spec.ports ?? [];
    if (port) port.targetPort = 'htpp';
    const target = find(objects, 'HorizontalPodAutoscaler', 'realtime').spec.scaleTargetRef;
    if (target) target.name = 'real-time';
    expect(problemsOf(objects)).toEqual(
      expect.arrayContaining([
        'Deployment qr container app: no readinessProbe',
        'Service qr: targetPort htpp is no container port of its pods',
        'HorizontalPodAutoscaler realtime: targets missing Deployment real-time',
        'no HorizontalPodAutoscaler for Deployment realtime',
      ]),
    );
  });

  it('refuse a missing app, an unknown Secret and a NATS that is not a 3-node cluster', () => {
    const objects = fleet().filter((object) => !(object.kind === 'Deployment' && object.metadata.name === 'autogate'));
    containerOf(find(objects, 'Deployment', 'gateway')).envFrom?.push({ secretRef: { name: 'gerbang-typo' } });
    find(objects, 'StatefulSet').spec.replicas = 1;
    expect(problemsOf(objects)).toEqual(
      expect.arrayContaining([
        'no Deployment for autogate',
        'Deployment gateway container app: envFrom names missing Secret gerbang-typo',
        'NATS must be a StatefulSet named nats with 3 replicas',
      ]),
    );
  });

  it('validates every object against its Kubernetes schema', async () => {
    const problems = new Problems();
    await validateSchemas(fleet(), problems);
    expect(problems.list).toEqual([]);
    const broken = fleet();
    // A wrong type on purpose: the schema must catch what the rules' types cannot.
    (containerOf(broken[0] as KubeObject).ports?.[0] as { containerPort: unknown }).containerPort = 'http';
    await validateSchemas([...broken, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }], problems);
    expect(problems.list).toEqual([expect.stringMatching(/containerPort must be integer/), 'Widget w: no schema for example.com/v1 Widget']);
  });
});

describe('compose rules', () => {
  const service = (app: string): ComposeService => ({
    build: '.',
    environment: { APP: app, NATS_URL: 'nats://nats:4222', DATABASE_URL: 'postgres://x' },
    healthcheck: { test: ['CMD', 'true'] },
    depends_on: { postgres: { condition: 'service_healthy' }, nats: { condition: 'service_healthy' } },
  });
  const file = (): { services: Record<string, ComposeService> } => {
    const services = Object.fromEntries(APPS.map((app) => [app, service(app)]));
    services.gateway = {
      ...service('gateway'),
      ports: [{ published: 3000, target: 3000 }],
      depends_on: Object.fromEntries(['postgres', 'nats', ...APPS.filter((app) => app !== 'gateway')].map((name) => [name, { condition: 'service_healthy' }])),
    };
    return {
      services: { ...services, postgres: { healthcheck: { test: ['CMD', 'pg_isready'] } }, nats: { command: ['-js'], healthcheck: { test: ['CMD', 'true'] } } },
    };
  };

  it('accept every app with healthchecks and healthy dependencies, and refuse one started before NATS is healthy', () => {
    const good = new Problems();
    checkComposeFile(file(), good);
    expect(good.list).toEqual([]);
    const broken = file();
    broken.services.qr = { ...service('qr'), depends_on: { postgres: { condition: 'service_healthy' }, nats: { condition: 'service_started' } } };
    broken.services.nats = { command: [], healthcheck: { test: ['CMD', 'true'] } };
    const problems = new Problems();
    checkComposeFile(broken, problems);
    expect(problems.list).toEqual(['the nats service must run with JetStream (-js)', 'qr must depend on nats with condition service_healthy']);
  });
});

describe('Dockerfile rules', () => {
  it('refuse a single-stage image running as root and a syntax error', () => {
    expect(dockerfileProblems('FROM node:20\nEXPOSE port\nENTRYPOINT ["node"]\n')).toEqual([
      'line 2: Invalid containerPort: port',
      'expected a multi-stage build (a build stage and a runtime stage)',
      'the runtime stage must switch to a non-root USER',
      'the runtime stage needs a HEALTHCHECK',
      'the ENTRYPOINT must pick the app from APP',
    ]);
  });
});

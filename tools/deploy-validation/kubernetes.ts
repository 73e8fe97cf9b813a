import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPS } from '@gerbang/contracts';
import { parseAllDocuments } from 'yaml';
import { runCommand } from './commands.js';
import type { CheckResult } from './report.js';
import { Problems } from './report.js';

/** A rendered Kubernetes object: only the fields the rules read (the schemas check the shapes). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: KubeSpec;
  data?: Record<string, string>;
}

type Labels = Record<string, string>;

/** The union of the spec fields the rules read, over the kinds they read them from. */
export interface KubeSpec {
  /** Deployment, StatefulSet. */
  replicas?: number;
  template?: { metadata?: { labels?: Labels }; spec?: PodSpec };
  /** A Service's selector is the labels themselves; workloads and PDBs use matchLabels. */
  selector?: Labels | { matchLabels?: Labels };
  /** Service. */
  ports?: Array<{ name?: string; port?: number; targetPort?: number | string }>;
  /** HorizontalPodAutoscaler. */
  scaleTargetRef?: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas?: number;
  /** Ingress. */
  rules?: Array<{ http?: { paths?: Array<{ backend?: { service?: { name: string; port?: { name?: string; number?: number } } } }> } }>;
  tls?: Array<{ secretName: string }>;
  /** Everything else a kind has, left to the schemas. */
  [field: string]: unknown;
}

interface PodSpec {
  containers?: Container[];
  volumes?: Array<{ configMap?: { name: string }; secret?: { secretName: string } }>;
  securityContext?: { runAsNonRoot?: boolean };
}

export interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
}

interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: unknown;
  tcpSocket?: { port: number | string };
}

/** kubectl kustomize (offline: it only reads the folder) into a list of objects. */
export async function renderKustomization(directory: string): Promise<KubeObject[]> {
  const rendered = await runCommand('kubectl', ['kustomize', directory]);
  if (rendered.missing) throw new Error('kubectl is not installed (it renders the kustomizations)');
  if (!rendered.ok) throw new Error(`kubectl kustomize ${directory}: ${rendered.stderr.trim()}`);
  return parseObjects(rendered.stdout, directory);
}

export function parseObjects(text: string, source: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]?.message}`);
    const value = document.toJS() as KubeObject | null;
    return value ? [value] : [];
  });
}

/** Every object against the Kubernetes OpenAPI schema of its kind (kubernetes-models). */
export async function validateSchemas(objects: KubeObject[], problems: Problems): Promise<void> {
  for (const object of objects) {
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
    const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
    let model: new (data: unknown) => { validate(): void };
    try {
      model = ((await import(modulePath)) as Record<string, new (data: unknown) => { validate(): void }>)[object.kind] as typeof model;
    } catch {
      problems.add(`${describe(object)}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(asTheApiServerReadsIt(object)).validate();
    } catch (error) {
      problems.add(`${describe(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export interface ManifestRules {
  /** Secrets that are created out of band rather than rendered (production). */
  externalSecrets: ReadonlySet<string>;
}

/** The fleet's rules on a rendered overlay: what a schema cannot know. */
export function checkManifests(objects: KubeObject[], rules: ManifestRules, problems: Problems): void {
  const named = (kind: string) => new Map(objects.filter((object) => object.kind === kind).map((object) => [object.metadata.name, object]));
  const deployments = named('Deployment');
  const statefulSets = named('StatefulSet');
  const services = named('Service');
  const configMaps = named('ConfigMap');
  const secrets = new Set([...named('Secret').keys(), ...rules.externalSecrets]);
  const workloads = [...deployments.values(), ...statefulSets.values()];
  const autoscalers = [...named('HorizontalPodAutoscaler').values()];
  const budgets = [...named('PodDisruptionBudget').values()];

  for (const app of APPS) {
    const deployment = deployments.get(app);
    if (!deployment) {
      problems.add(`no Deployment for ${app}`);
      continue;
    }
    problems.expect(services.has(app), `no Service for ${app}`);
    const container = deployment.spec?.template?.spec?.containers?.[0];
    problems.expect(
      container?.env?.some((variable) => variable.name === 'APP' && variable.value === app),
      `Deployment ${app}: env APP must be ${app}`,
    );
    const autoscaler = autoscalers.find((candidate) => candidate.spec?.scaleTargetRef?.kind === 'Deployment' && candidate.spec?.scaleTargetRef?.name === app);
    problems.expect(autoscaler, `no HorizontalPodAutoscaler for Deployment ${app}`);
    if (autoscaler) problems.expect((autoscaler.spec?.minReplicas ?? 1) <= (autoscaler.spec?.maxReplicas ?? 0), `HPA ${app}: minReplicas above maxReplicas`);
    const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
    problems.expect(
      budgets.some((budget) => selects(matchLabels(budget), podLabels)),
      `no PodDisruptionBudget selects the pods of ${app}`,
    );
  }

  for (const workload of workloads) {
    const pod = workload.spec?.template;
    const where = describe(workload);
    problems.expect(selects(matchLabels(workload), pod?.metadata?.labels ?? {}), `${where}: selector does not match its pod labels`);
    const podNonRoot = pod?.spec?.securityContext?.runAsNonRoot === true;
    for (const volume of pod?.spec?.volumes ?? []) {
      if (volume.configMap) problems.expect(configMaps.has(volume.configMap.name), `${where}: volume uses missing ConfigMap ${volume.configMap.name}`);
      if (volume.secret) problems.expect(secrets.has(volume.secret.secretName), `${where}: volume uses missing Secret ${volume.secret.secretName}`);
    }
    for (const container of pod?.spec?.containers ?? []) {
      const at = `${where} container ${container.name}`;
      problems.expect(container.image, `${at}: no image`);
      problems.expect(podNonRoot || container.securityContext?.runAsNonRoot === true, `${at}: must run as non-root`);
      for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
        problems.expect(container[probe], `${at}: no ${probe}`);
      }
      for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
        if (port !== undefined) problems.expect(hasPort(container, port), `${at}: a probe uses port ${port}, which the container does not declare`);
      }
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) problems.expect(container.resources?.[kind]?.[resource], `${at}: no ${resource} ${kind}`);
      }
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef)
          problems.expect(configMaps.has(source.configMapRef.name), `${at}: envFrom names missing ConfigMap ${source.configMapRef.name}`);
        if (source.secretRef) problems.expect(secrets.has(source.secretRef.name), `${at}: envFrom names missing Secret ${source.secretRef.name}`);
      }
    }
  }

  for (const service of services.values()) {
    const backing = workloads.filter((workload) => selects(service.spec?.selector as Labels | undefined, workload.spec?.template?.metadata?.labels ?? {}));
    problems.expect(backing.length > 0, `${describe(service)}: its selector matches no workload`);
    for (const port of service.spec?.ports ?? []) {
      const targetPort = port.targetPort;
      if (targetPort === undefined || backing.length === 0) continue;
      problems.expect(
        backing.some((workload) => (workload.spec?.template?.spec?.containers ?? []).some((container) => hasPort(container, targetPort))),
        `${describe(service)}: targetPort ${port.targetPort} is no container port of its pods`,
      );
    }
  }

  for (const autoscaler of autoscalers) {
    const target = autoscaler.spec?.scaleTargetRef;
    problems.expect(target?.kind === 'Deployment' && deployments.has(target.name), `${describe(autoscaler)}: targets missing ${target?.kind} ${target?.name}`);
  }

  for (const ingress of named('Ingress').values()) {
    const annotations = ingress.metadata.annotations ?? {};
    problems.expect(annotations['nginx.ingress.kubernetes.io/proxy-buffering'] === 'off', `${describe(ingress)}: SSE needs proxy-buffering off`);
    problems.expect(
      Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 3600,
      `${describe(ingress)}: SSE needs a proxy-read-timeout of an hour or more`,
    );
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const ports = (backend ? services.get(backend.name) : undefined)?.spec?.ports ?? [];
        problems.expect(
          ports.some((port) => port.name === backend?.port?.name || port.port === backend?.port?.number),
          `${describe(ingress)}: backend ${backend?.name}:${backend?.port?.name ?? backend?.port?.number} does not exist`,
        );
      }
    }
    for (const tls of ingress.spec?.tls ?? [])
      problems.expect(secrets.has(tls.secretName), `${describe(ingress)}: TLS Secret ${tls.secretName} is not declared`);
  }

  const nats = statefulSets.get('nats');
  problems.expect(nats && nats.spec?.replicas === 3, 'NATS must be a StatefulSet named nats with 3 replicas');
}

/** The labels a workload's or a PodDisruptionBudget's selector matches. */
function matchLabels(object: KubeObject): Labels | undefined {
  const selector = object.spec?.selector;
  return selector && 'matchLabels' in selector ? (selector.matchLabels as Labels | undefined) : undefined;
}

/** The NATS config of the rendered StatefulSet through `nats-server -t`, with the container's environment. */
export async function checkNatsConfig(objects: KubeObject[], problems: Problems): Promise<void> {
  const nats = objects.find((object) => object.kind === 'StatefulSet' && object.metadata.name === 'nats');
  const container = nats?.spec?.template?.spec?.containers?.[0];
  const volume = nats?.spec?.template?.spec?.volumes?.find((candidate) => candidate.configMap);
  const config = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === volume?.configMap?.name)?.data?.['nats.conf'];
  if (!nats || !container || !config) {
    problems.add('the nats StatefulSet must mount its nats.conf from a ConfigMap');
    return;
  }
  const replicas = Number(nats.spec?.replicas);
  const routes = config.match(/nats:\/\/nats-\d+\./g) ?? [];
  problems.expect(routes.length === replicas, `nats.conf lists ${routes.length} cluster routes for ${replicas} replicas`);
  problems.expect(/jetstream\s*{/.test(config), 'nats.conf must enable JetStream');
  const directory = await mkdtemp(join(tmpdir(), 'gerbang-nats-config-'));
  try {
    const file = join(directory, 'nats.conf');
    await writeFile(file, config);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, POD_NAME: `${nats.metadata.name}-0` };
    for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
    const outcome = await runCommand(process.env.NATS_SERVER_BIN ?? 'nats-server', ['-c', file, '-t'], { env });
    if (outcome.missing) problems.add('nats-server is not installed (Debian: apt-get install nats-server): cannot test nats.conf');
    else problems.expect(outcome.ok, `nats-server -t refused nats.conf: ${(outcome.stderr || outcome.stdout).trim()}`);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Each overlay (and the base) rendered, schema-validated and checked; the example Secret too. */
export async function checkKubernetes(root: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const example = parseObjects(await readFile(join(root, 'k8s', 'base', 'secret.example.yaml'), 'utf8'), 'secret.example.yaml');
  const exampleProblems = new Problems();
  await validateSchemas(example, exampleProblems);
  results.push({ name: 'k8s/base/secret.example.yaml (kubernetes-models)', problems: exampleProblems.list });
  const externalSecrets = new Set(example.map((secret) => secret.metadata.name));

  const overlays = (await readdir(join(root, 'k8s', 'overlays'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const target of ['base', ...overlays.map((overlay) => `overlays/${overlay}`)]) {
    const problems = new Problems();
    try {
      const objects = await renderKustomization(join(root, 'k8s', target));
      await validateSchemas(objects, problems);
      // The base and production expect the Secrets of secret.example.yaml to exist already; TLS certificates come from the cluster.
      const tlsSecrets = objects.flatMap((object) => (object.kind === 'Ingress' ? (object.spec?.tls ?? []) : [])).map((tls) => tls.secretName);
      checkManifests(objects, { externalSecrets: new Set([...externalSecrets, ...tlsSecrets]) }, problems);
      await checkNatsConfig(objects, problems);
      results.push({ name: `k8s/${target} (kubectl kustomize, ${objects.length} objects, kubernetes-models)`, problems: problems.list });
    } catch (error) {
      results.push({ name: `k8s/${target}`, problems: [error instanceof Error ? error.message : String(error)] });
    }
  }
  return results;
}

/** kustomize folds long base64 Secret values over lines; the API server's decoder skips the line breaks, the schema's format does not. */
function asTheApiServerReadsIt(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  return { ...object, data: Object.fromEntries(Object.entries(object.data).map(([key, value]) => [key, value.replace(/\s/g, '')])) };
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function hasPort(container: Container, port: number | string): boolean {
  return (container.ports ?? []).some((declared) => (typeof port === 'number' ? declared.containerPort === port : declared.name === port));
}

function describe(object: KubeObject): string {
  return `${object.kind} ${object.metadata?.name}`;
}

// In-memory state of the fake cloud: keystone identities and tokens, magnum
// records, seed helpers, the cluster lifecycle and the JSON views with the
// real servers' key orders (docs/reference-behaviour.md, Golden outputs, the Magnum API reference).
import { randomUUID } from 'node:crypto';

export type Labels = Record<string, string>;
export interface Role {
  id: string;
  name: string;
}
export interface FakeProject {
  id: string;
  name: string;
}
export interface FakeUser {
  id: string;
  name: string;
  password: string;
  project: FakeProject;
  roles: Role[];
  /** A `totp` credential's base32 secret; the user's multi_factor_auth_rules (empty: any one method). */
  totpSecret?: string;
  mfaRules?: string[][];
}
export interface AppCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
}
export interface IssuedToken {
  token: string;
  user: FakeUser;
  project: FakeProject | null;
  domainScoped: boolean;
  methods: string[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  appCredential: AppCredential | null;
}
/** A response from one of the fake servers; `text` is sent verbatim as text/plain, `body` as Python-style JSON. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  text?: string;
}
export interface CatalogEndpoint {
  id: string;
  interface: string;
  region_id: string;
  url: string;
  region: string;
}
export interface CatalogService {
  endpoints: CatalogEndpoint[];
  id: string;
  type: string;
  name: string;
}
export interface CatalogUrls {
  keystoneUrl: string;
  magnumUrl: string;
}

export interface FakeConfig {
  /** Lifetime of issued tokens (default 3600 s). */
  tokenLifetimeSeconds: number;
  /** Keystone answers every request with 500. */
  keystoneFailure: boolean;
  /** Leave container-infra out of the token catalog. */
  omitMagnum: boolean;
  /** Replace the whole catalog. */
  catalog: ((urls: CatalogUrls) => CatalogService[]) | null;
  /** *_IN_PROGRESS → final state after this many ms (lazy, checked on reads); null = count reads. */
  transitionDelayMs: number | null;
  /** With no delay: how many reads still see *_IN_PROGRESS (default 0: the next GET sees the result). */
  inProgressReads: number;
  /** [api] max_limit (default 1000). */
  maxLimit: number;
  /** OS-FEDERATION: one identity provider + protocol, or none. */
  federation: FakeFederation | null;
  /**
   * Which magnum-api: 15 (container-infra, 1.1-1.10, the default) or 23
   * (container-infrastructure-management, 1.1-1.14: credentials 1.12, cluster_id for
   * stack_id 1.13, nodegroup node_labels/node_taints 1.14; rest_api_version_history).
   */
  generation: 15 | 23;
  /** Magnum answers every request this many ms late (a slow server or a long round trip; default 0). */
  magnumDelayMs: number;
}

export interface TemplateRecord {
  id: number;
  uuid: string;
  name: string;
  coe: string;
  image_id: string;
  flavor_id: string | null;
  master_flavor_id: string | null;
  dns_nameserver: string | null;
  keypair_id: string | null;
  external_network_id: string | null;
  fixed_network: string | null;
  fixed_subnet: string | null;
  network_driver: string | null;
  apiserver_port: number | null;
  docker_volume_size: number | null;
  cluster_distro: string | null;
  http_proxy: string | null;
  https_proxy: string | null;
  no_proxy: string | null;
  volume_driver: string | null;
  registry_enabled: boolean;
  labels: Labels;
  tls_disabled: boolean;
  public: boolean;
  server_type: string;
  insecure_registry: string | null;
  docker_storage_driver: string | null;
  master_lb_enabled: boolean;
  floating_ip_enabled: boolean;
  project_id: string;
  user_id: string;
  hidden: boolean;
  tags: string | null;
  created_at: string;
  updated_at: string | null;
  /** Magnum 23 only. */
  driver?: string | null;
}
export interface NodegroupRecord {
  id: number;
  uuid: string;
  name: string;
  cluster_id: string;
  project_id: string;
  docker_volume_size: number | null;
  labels: Labels;
  flavor_id: string | null;
  image_id: string | null;
  node_addresses: string[];
  node_count: number;
  role: string;
  min_node_count: number;
  max_node_count: number | null;
  is_default: boolean;
  stack_id: string | null;
  node_labels?: Labels | null;
  node_taints?: unknown[] | null;
  status: string | null;
  status_reason: string | null;
  version: string | null;
  created_at: string;
  updated_at: string | null;
}
export interface Pending {
  kind: 'create' | 'update' | 'delete';
  at: number | null;
  reads: number;
}
export interface ClusterRecord {
  id: number;
  uuid: string;
  name: string;
  cluster_template_id: string;
  keypair: string | null;
  docker_volume_size: number | null;
  labels: Labels;
  master_flavor_id: string | null;
  flavor_id: string | null;
  create_timeout: number;
  stack_id: string | null;
  status: string;
  status_reason: string | null;
  health_status: string | null;
  health_status_reason: Labels;
  discovery_url: string | null;
  api_address: string | null;
  coe_version: string | null;
  container_version: string | null;
  project_id: string;
  user_id: string;
  fixed_network: string | null;
  fixed_subnet: string | null;
  floating_ip_enabled: boolean;
  master_lb_enabled: boolean;
  created_at: string;
  updated_at: string | null;
  nodegroups: NodegroupRecord[];
  pending: Pending | null;
}
export interface QuotaRecord {
  id: number;
  hard_limit: number;
  project_id: string;
  resource: string;
  created_at: string;
  updated_at: string | null;
}
export interface MServiceRecord {
  host: string;
  binary: string;
  state: string;
  id: number;
  report_count: number;
  disabled: boolean;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string | null;
}
export type ClusterSeed = Partial<Omit<ClusterRecord, 'nodegroups' | 'pending'>> & { node_count?: number; master_count?: number };

const ROLE = {
  reader: { id: '141a16b249194470a8f6813825cbb751', name: 'reader' },
  member: { id: '7bde6cdf89a34fdf9bdbaddcc2851d84', name: 'member' },
  admin: { id: 'd168548b006a49a9b7fb36382c4e0505', name: 'admin' },
};
export const PROJECTS = {
  demo: { id: '21c3858dd0f4483aa288f58e0e7f5566', name: 'demo' },
  admin: { id: '079d5488c50342c5994be05e01432683', name: 'admin' },
};
/** The TOTP secrets of the fake users (base32, as Keystone's totp credential blob). */
export const TOTP_SECRETS = { demo: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', mfa: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
export const USERS: Record<'demo' | 'admin' | 'mfa', FakeUser> = {
  demo: { id: 'f4a4ab9aa8a5417da93a15b57b4f396b', name: 'demo', password: 'secret', project: PROJECTS.demo, roles: [ROLE.reader, ROLE.member] },
  admin: {
    id: '3f7e4d3bdd67409bbc8ffea92db54b7f',
    name: 'admin',
    password: 'secret',
    project: PROJECTS.admin,
    roles: [ROLE.admin, ROLE.member, ROLE.reader],
  },
  // multi_factor_auth_enabled with rules [["password", "totp"]]: one method alone gets a receipt.
  mfa: {
    id: '5d0c1e6a8f2b4c7d9e3f1a2b3c4d5e6f',
    name: 'mfa',
    password: 'mfa-secret',
    project: PROJECTS.demo,
    roles: [ROLE.reader, ROLE.member],
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    mfaRules: [['password', 'totp']],
  },
};
USERS.demo.totpSecret = TOTP_SECRETS.demo;

/** The identity provider the fake keystone federates with (an OIDC front sets its claims as headers). */
export interface FakeFederation {
  idp: string;
  protocol: string;
  /** The IdP's remote_ids, matched against the HTTP_OIDC_CLAIM_ISS of the assertion. */
  remoteIds: string[];
  /** preferred_username → the local user (the mapping's `user: {name: "{0}"}`). */
  users: Record<string, FakeUser>;
}
export const APP_CREDENTIAL: AppCredential = { id: 'f70c1fac89254df5980e48a9f785478a', name: 'democred', secret: 'appsecret', userId: USERS.demo.id };

/** datetime.isoformat() of an aware UTC datetime: 2026-11-24T17:58:35.118000+00:00. */
export const pyNow = (): string => new Date().toISOString().replace('Z', '000+00:00');

export interface FakeState {
  config: FakeConfig;
  tokens: Map<string, IssuedToken>;
  /** Auth receipts issued for a partial multi-factor login: receipt → user and methods done. */
  receipts: Map<string, { user: FakeUser; methods: string[]; expiresAt: Date }>;
  templates: TemplateRecord[];
  clusters: ClusterRecord[];
  quotas: QuotaRecord[];
  mservices: MServiceRecord[];
  nextId: number;
}

export function createState(config: Partial<FakeConfig>): FakeState {
  return {
    config: {
      tokenLifetimeSeconds: 3600,
      keystoneFailure: false,
      omitMagnum: false,
      catalog: null,
      transitionDelayMs: null,
      inProgressReads: 0,
      maxLimit: 1000,
      generation: 15,
      federation: null,
      magnumDelayMs: 0,
      ...config,
    },
    tokens: new Map(),
    receipts: new Map(),
    templates: [],
    clusters: [],
    quotas: [],
    nextId: 1,
    mservices: [
      {
        host: 'magnum-conductor-0',
        binary: 'magnum-conductor',
        state: 'up',
        id: 1,
        report_count: 42,
        disabled: false,
        disabled_reason: null,
        created_at: pyNow(),
        updated_at: null,
      },
    ],
  };
}

export function seedTemplate(state: FakeState, partial: Partial<TemplateRecord> = {}): TemplateRecord {
  const id = state.nextId++;
  const t: TemplateRecord = {
    id,
    uuid: randomUUID(),
    name: `template-${id}`,
    coe: 'kubernetes',
    image_id: 'fedora-coreos-35',
    flavor_id: 'm1.small',
    master_flavor_id: 'm1.medium',
    dns_nameserver: '8.8.8.8',
    keypair_id: 'mykey',
    external_network_id: 'public',
    fixed_network: null,
    fixed_subnet: null,
    network_driver: 'flannel',
    apiserver_port: null,
    docker_volume_size: 10,
    cluster_distro: 'fedora-coreos',
    http_proxy: null,
    https_proxy: null,
    no_proxy: null,
    volume_driver: null,
    registry_enabled: false,
    labels: {},
    tls_disabled: false,
    public: false,
    server_type: 'vm',
    insecure_registry: null,
    docker_storage_driver: 'overlay2',
    master_lb_enabled: false,
    floating_ip_enabled: true,
    project_id: PROJECTS.demo.id,
    user_id: USERS.demo.id,
    hidden: false,
    tags: null,
    created_at: pyNow(),
    updated_at: null,
    ...partial,
  };
  state.templates.push(t);
  return t;
}

export function newNodegroup(state: FakeState, c: ClusterRecord, partial: Partial<NodegroupRecord>): NodegroupRecord {
  return {
    id: state.nextId++,
    uuid: randomUUID(),
    name: 'default-worker',
    cluster_id: c.uuid,
    project_id: c.project_id,
    docker_volume_size: c.docker_volume_size,
    labels: { ...c.labels },
    flavor_id: c.flavor_id,
    image_id: null,
    node_addresses: [],
    node_count: 1,
    role: 'worker',
    min_node_count: 0,
    max_node_count: null,
    is_default: false,
    stack_id: c.stack_id,
    status: c.status,
    status_reason: null,
    version: null,
    created_at: pyNow(),
    updated_at: null,
    ...partial,
  };
}

function fillAddresses(c: ClusterRecord): void {
  c.nodegroups.forEach((ng, k) => {
    ng.node_addresses = Array.from({ length: ng.node_count }, (_, i) => `10.0.${k}.${10 + i}`);
  });
  c.api_address = 'https://127.0.0.1:6443';
  c.coe_version = c.labels['kube_tag'] ?? 'v1.23.3';
}

export function seedCluster(state: FakeState, seed: ClusterSeed = {}): ClusterRecord {
  const ident = seed.cluster_template_id;
  const tmpl = (ident ? state.templates.find((t) => t.uuid === ident || t.name === ident) : state.templates[0]) ?? seedTemplate(state);
  const id = state.nextId++;
  const { node_count: nodeCount = 1, master_count: masterCount = 1, ...fields } = seed;
  const c: ClusterRecord = {
    id,
    uuid: randomUUID(),
    name: `cluster-${id}`,
    keypair: tmpl.keypair_id,
    docker_volume_size: tmpl.docker_volume_size,
    labels: { ...tmpl.labels },
    master_flavor_id: tmpl.master_flavor_id,
    flavor_id: tmpl.flavor_id,
    create_timeout: 60,
    stack_id: randomUUID(),
    status: 'CREATE_COMPLETE',
    status_reason: 'Stack CREATE completed successfully',
    health_status: null,
    health_status_reason: {},
    discovery_url: null,
    api_address: null,
    coe_version: null,
    container_version: null,
    project_id: tmpl.project_id,
    user_id: tmpl.user_id,
    fixed_network: tmpl.fixed_network,
    fixed_subnet: tmpl.fixed_subnet,
    floating_ip_enabled: tmpl.floating_ip_enabled,
    master_lb_enabled: tmpl.master_lb_enabled,
    created_at: pyNow(),
    updated_at: pyNow(),
    nodegroups: [],
    pending: null,
    ...fields,
    cluster_template_id: tmpl.uuid,
  };
  c.nodegroups.push(
    newNodegroup(state, c, {
      name: 'default-master',
      role: 'master',
      node_count: masterCount,
      is_default: true,
      flavor_id: c.master_flavor_id,
      image_id: tmpl.image_id,
    }),
    newNodegroup(state, c, { name: 'default-worker', role: 'worker', node_count: nodeCount, is_default: true, image_id: tmpl.image_id }),
  );
  if (c.status.endsWith('_FAILED')) for (const ng of c.nodegroups) ng.status_reason = 'Resource CREATE failed: OverQuota';
  if (c.status.endsWith('_COMPLETE')) {
    const explicit = { api_address: seed.api_address, coe_version: seed.coe_version };
    fillAddresses(c);
    if (explicit.api_address !== undefined) c.api_address = explicit.api_address;
    if (explicit.coe_version !== undefined) c.coe_version = explicit.coe_version;
  }
  state.clusters.push(c);
  return c;
}

/** Move a cluster into *_IN_PROGRESS; settle() finishes it (after the configured delay or reads). */
export function startTransition(state: FakeState, c: ClusterRecord, kind: Pending['kind']): void {
  const { transitionDelayMs: delay, inProgressReads } = state.config;
  c.pending = { kind, at: delay === null ? null : Date.now() + delay, reads: inProgressReads };
  c.status = `${kind.toUpperCase()}_IN_PROGRESS`;
  c.status_reason = null;
  c.updated_at = pyNow();
  // For updates the caller marks the nodegroups it touches.
  if (kind !== 'update') for (const ng of c.nodegroups) ng.status = c.status;
}

/** Apply a due transition; returns false when the cluster is gone. Call on every read. */
export function settle(state: FakeState, c: ClusterRecord): boolean {
  const p = c.pending;
  if (!p) return true;
  if (p.at !== null ? Date.now() < p.at : p.reads-- > 0) return true;
  c.pending = null;
  c.updated_at = pyNow();
  if (p.kind === 'delete') {
    state.clusters = state.clusters.filter((x) => x !== c);
    return false;
  }
  if (p.kind === 'create' && c.name.startsWith('fail-')) {
    c.status = 'CREATE_FAILED';
    for (const ng of c.nodegroups) Object.assign(ng, { status: 'CREATE_FAILED', status_reason: 'Resource CREATE failed: OverQuota' });
    c.status_reason = c.nodegroups.map((ng) => `${ng.name} failed`).join(', ');
    return true;
  }
  const verb = p.kind === 'create' ? 'CREATE' : 'UPDATE';
  c.status = `${verb}_COMPLETE`;
  c.status_reason = `Stack ${verb} completed successfully`;
  c.nodegroups = c.nodegroups.filter((ng) => ng.status !== 'DELETE_IN_PROGRESS');
  for (const ng of c.nodegroups) {
    if (ng.status?.endsWith('_IN_PROGRESS')) ng.status = ng.status.replace('_IN_PROGRESS', '_COMPLETE');
    if (ng.stack_id === null) ng.stack_id = randomUUID();
  }
  fillAddresses(c);
  return true;
}

// ---- JSON views ----------------------------------------------------------------------------
type Json = Record<string, unknown>;
const links = (base: string, path: string): Json[] => [
  { href: `${base}/v1/${path}`, rel: 'self' },
  { href: `${base}/${path}`, rel: 'bookmark' },
];
function pick(src: object, keys: string[], extra: Json): Json {
  const out: Json = {};
  const rec = src as Json;
  for (const k of keys) {
    const v = k in extra ? extra[k] : rec[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
export function labelDiff(child: Labels, parent: Labels): Json {
  const f = (pred: (k: string) => boolean, from: Labels): Labels => Object.fromEntries(Object.entries(from).filter(([k]) => pred(k)));
  return {
    labels_overridden: f((k) => k in child && child[k] !== parent[k], parent),
    labels_added: f((k) => !(k in parent), child),
    labels_skipped: f((k) => !(k in child), parent),
  };
}

export const TEMPLATE_KEYS =
  'uuid name coe image_id flavor_id master_flavor_id dns_nameserver keypair_id external_network_id fixed_network fixed_subnet network_driver apiserver_port docker_volume_size cluster_distro links http_proxy https_proxy no_proxy volume_driver registry_enabled labels tls_disabled public server_type insecure_registry docker_storage_driver master_lb_enabled floating_ip_enabled project_id user_id hidden tags created_at updated_at'.split(
    ' ',
  );
/** Magnum 23's templates name their driver, after `tags`. */
const TEMPLATE_KEYS_23 = TEMPLATE_KEYS.flatMap((k) => (k === 'tags' ? [k, 'driver'] : [k]));
export const templateView = (t: TemplateRecord, base: string, extra: Json = {}): Json =>
  pick(t, 'driver' in t ? TEMPLATE_KEYS_23 : TEMPLATE_KEYS, { links: links(base, `clustertemplates/${t.uuid}`), ...extra });

const CLUSTER_SUMMARY =
  'uuid name cluster_template_id keypair node_count master_count docker_volume_size labels master_flavor_id flavor_id create_timeout links stack_id status health_status merge_labels'.split(
    ' ',
  );
const CLUSTER_FULL =
  'uuid name cluster_template_id keypair node_count master_count docker_volume_size labels master_flavor_id flavor_id create_timeout links stack_id status status_reason health_status health_status_reason discovery_url api_address coe_version container_version project_id user_id node_addresses master_addresses faults fixed_network fixed_subnet floating_ip_enabled merge_labels labels_overridden labels_added labels_skipped master_lb_enabled created_at updated_at'.split(
    ' ',
  );
const FAILED = ['CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED', 'ROLLBACK_FAILED', 'RESUME_FAILED'];
/** From 1.13 `cluster_id` takes `stack_id`'s place (same value, same position). */
function renameStackId(view: Json, minor: number): Json {
  if (minor < 13) return view;
  return Object.fromEntries(Object.entries(view).map(([k, v]) => [k === 'stack_id' ? 'cluster_id' : k, v]));
}

export function clusterView(state: FakeState, c: ClusterRecord, base: string, full: boolean, minor = 10): Json {
  const sum = (master: boolean, f: (ng: NodegroupRecord) => number): number =>
    c.nodegroups.filter((ng) => (ng.role === 'master') === master).reduce((a, ng) => a + f(ng), 0);
  const addrs = (master: boolean): string[] => c.nodegroups.filter((ng) => (ng.role === 'master') === master).flatMap((ng) => ng.node_addresses);
  const tmpl = state.templates.find((t) => t.uuid === c.cluster_template_id);
  const faults = Object.fromEntries(c.nodegroups.filter((ng) => ng.status?.endsWith('FAILED')).map((ng) => [ng.name, ng.status_reason]));
  const extra: Json = {
    node_count: sum(false, (ng) => ng.node_count),
    master_count: sum(true, (ng) => ng.node_count),
    links: links(base, `clusters/${c.uuid}`),
    merge_labels: false,
    node_addresses: addrs(false),
    master_addresses: addrs(true),
    faults: FAILED.includes(c.status) ? faults : undefined,
    ...labelDiff(c.labels, tmpl?.labels ?? {}),
  };
  return renameStackId(pick(c, full ? CLUSTER_FULL : CLUSTER_SUMMARY, extra), minor);
}

const NG_SUMMARY = 'uuid name flavor_id image_id node_count role min_node_count max_node_count is_default stack_id status merge_labels'.split(' ');
const NG_FULL =
  'id uuid name cluster_id project_id docker_volume_size labels links flavor_id image_id node_addresses node_count role min_node_count max_node_count is_default stack_id status status_reason version merge_labels labels_overridden labels_added labels_skipped created_at updated_at'.split(
    ' ',
  );
export function nodegroupView(c: ClusterRecord, ng: NodegroupRecord, base: string, full: boolean, extra: Json = {}, minor = 10): Json {
  if (!full) return pick(ng, NG_SUMMARY, { min_node_count: 0, max_node_count: null, merge_labels: false });
  const view = pick(ng, NG_FULL, {
    links: links(base, `clusters/${c.uuid}/nodegroups/${ng.uuid}`),
    merge_labels: false,
    ...labelDiff(ng.labels, c.labels),
    ...extra,
  });
  return minor >= 14 ? { ...view, node_labels: ng.node_labels ?? null, node_taints: ng.node_taints ?? null } : view;
}

export const QUOTA_KEYS = 'id hard_limit project_id resource created_at updated_at'.split(' ');
export const MSERVICE_KEYS = 'host binary state id report_count disabled disabled_reason created_at updated_at'.split(' ');
export { pick };

// Fake magnum-api 15 (container-infra, microversions 1.1-1.10): routing, auth,
// microversions, error envelope, pagination and the resources of the Magnum API reference.
import type { IncomingHttpHeaders } from 'node:http';
import { CsrError, FakeCas } from './fake-ca';
import {
  MSERVICE_KEYS,
  PROJECTS,
  QUOTA_KEYS,
  TEMPLATE_KEYS,
  clusterView,
  newNodegroup,
  nodegroupView,
  pick,
  pyNow,
  seedCluster,
  seedTemplate,
  settle,
  startTransition,
  templateView,
  type ClusterRecord,
  type FakeState,
  type IssuedToken,
  type Labels,
  type NodegroupRecord,
  type Reply,
  type TemplateRecord,
} from './fake-state';
import { pyLiteral, pyRepr, pyStr, pyTypeName } from './py';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** The newest microversion and the service name of each generation's headers. */
const MAX_MINOR: Record<15 | 23, number> = { 15: 10, 23: 14 };
const SERVICE: Record<15 | 23, string> = { 15: 'container-infra', 23: 'container-infrastructure-management' };

/** An error answered in the {"errors": [...]} envelope; `bare` ones come from routing/webob (no version headers, empty texts). */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly bare = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
const err = (status: number, message: string): ApiError => new ApiError(status, message);
const bare = (status: number, headers: Record<string, string> = {}): ApiError => new ApiError(status, '', true, headers);
const notAllowed = (allow = 'DELETE, GET, PATCH, POST'): ApiError => bare(405, { Allow: allow });
const invalid = (field: string, value: unknown, why: string): ApiError =>
  err(400, `Invalid input for field/attribute ${field}. Value: '${pyStr(value)}'. ${why}`);
const SERVER_ERROR_PAGE = 'A server error occurred.  Please contact the administrator.';

interface Ctx {
  state: FakeState;
  cas: FakeCas;
  tok: IssuedToken;
  admin: boolean;
  projectId: string;
  minor: number;
  base: string;
  method: string;
  q: URLSearchParams;
  body: unknown;
}

const versionHeaders = (gen: 15 | 23, v: string): Record<string, string> => ({
  'OpenStack-API-Minimum-Version': `${SERVICE[gen]} 1.1`,
  'OpenStack-API-Maximum-Version': `${SERVICE[gen]} 1.${MAX_MINOR[gen]}`,
  'OpenStack-API-Version': `${SERVICE[gen]} ${v}`,
  vary: 'OpenStack-API-Version',
});
const envelope = (status: number, detail: string, code: string): Obj => ({
  errors: [{ request_id: '', code, status, title: detail.split('.')[0], detail, links: [] }],
});

/** `magnum/api/controllers/base.py Version` (Magnum API reference, "Microversions"): the minor version, or a string (unsupported version) or null (malformed header). */
function parseVersion(gen: 15 | 23, h: string | string[] | undefined): number | string | null {
  if (h === undefined) return 1;
  const [service = '', ver = '', ...rest] = (Array.isArray(h) ? h.join(', ') : h).trim().split(/\s+/);
  // 23 accepts its new name and the old one.
  const names = gen === 23 ? [SERVICE[15], SERVICE[23]] : [SERVICE[15]];
  if (rest.length || !names.includes(service.toLowerCase())) return null;
  const MAX = MAX_MINOR[gen];
  if (ver.toLowerCase() === 'latest') return MAX;
  const m = /^(\d+)\.(\d+)$/.exec(ver);
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major === 1 && minor >= 1 && minor <= MAX ? minor : `${major}.${minor}`;
}

function args(ctx: Ctx, allowed: string[]): void {
  for (const k of ctx.q.keys()) if (!allowed.includes(k)) throw err(400, `Unknown argument: "${k}"`);
}

function intField(name: string, v: unknown, min: number, max?: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw invalid(name, v, `Wrong type. Expected '<class 'int'>', got '<class '${pyTypeName(v)}'>'`);
  if (n < min) throw invalid(name, n, `Value should be greater or equal to ${min}`);
  if (max !== undefined && n > max) throw invalid(name, n, `Value should be lower or equal to ${max}`);
  return n;
}

/** oslo strutils.bool_from_string(strict=True); anything else makes the real server crash (docs/reference-behaviour.md, Magnum's error replies). */
function boolField(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(s)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(s)) return false;
  throw new RawReply({ status: 500, text: SERVER_ERROR_PAGE });
}
class RawReply extends Error {
  constructor(readonly reply: Reply) {
    super('raw reply');
  }
}

const strLabels = (v: unknown, field = 'labels'): Labels => {
  const out: Labels = {};
  for (const [k, x] of Object.entries(obj(v))) {
    if (x !== null && typeof x === 'object') {
      throw invalid(
        field,
        v,
        `Wrong type. Expected '(<class 'str'>, (<class 'int'>,), <class 'bool'>, <class 'float'>)', got '<class '${pyTypeName(x)}'>'`,
      );
    }
    out[k] = pyStr(x);
  }
  return out;
};

// ---- lookup and pagination -----------------------------------------------------------------
function lookup<T extends { id: number; uuid: string; name: string }>(items: T[], ident: string, kind: string, plural: string, byId = false): T {
  const found = UUID_LIKE.test(ident)
    ? items.filter((x) => x.uuid === ident)
    : byId && /^\d+$/.test(ident)
      ? items.filter((x) => x.id === Number(ident))
      : items.filter((x) => x.name === ident);
  const [first, second] = found;
  if (!first) throw err(404, `${kind} ${ident} could not be found.`);
  if (second) throw err(409, `Multiple ${plural} exist with same name. Please use the ${kind === 'Cluster' ? 'cluster' : kind} uuid instead.`);
  return first;
}

const cmp = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const s = (v: unknown): string => (typeof v === 'object' ? JSON.stringify(v) : String(v));
  return s(a) < s(b) ? -1 : s(a) > s(b) ? 1 : 0;
};

interface PageSpec<T> {
  url: string;
  columns: string;
  marker: (x: T) => string;
  notFound: (m: string) => string;
  intMarker?: boolean;
}
function paginate<T extends { id: number }>(ctx: Ctx, items: T[], spec: PageSpec<T>): { page: T[]; next?: string } {
  const q = ctx.q;
  let limit = ctx.state.config.maxLimit;
  const ls = q.get('limit');
  if (ls !== null) {
    if (!/^\s*[-+]?\d+\s*$/.test(ls))
      throw invalid('limit', ls, `unable to convert to int. Error: invalid literal for int() with base 10: ${pyRepr(ls)}`);
    if (Number(ls) <= 0) throw err(400, 'Limit must be positive');
    limit = Math.min(Number(ls), limit);
  }
  const dir = q.get('sort_dir') ?? 'asc';
  if (dir !== 'asc' && dir !== 'desc') throw err(400, `Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`);
  const key = q.get('sort_key') ?? 'id';
  if (!spec.columns.split(' ').includes(key)) throw err(400, `The sort_key value "${key}" is an invalid field for sorting`);
  const marker = q.get('marker');
  if (marker !== null && !spec.intMarker && !UUID_LIKE.test(marker)) {
    throw invalid('marker', marker, `unable to convert to uuid. Error: Expected a uuid but received ${marker}.`);
  }
  const sorted = [...items].sort((a, b) => cmp((a as Obj)[key], (b as Obj)[key]) || a.id - b.id);
  if (dir === 'desc') sorted.reverse();
  let start = 0;
  if (marker !== null) {
    start = sorted.findIndex((x) => spec.marker(x) === marker) + 1;
    if (start === 0) throw err(404, spec.notFound(marker));
  }
  const page = sorted.slice(start, start + limit);
  const last = page[page.length - 1];
  if (page.length < limit || !last) return { page };
  return { page, next: `${ctx.base}/v1/${spec.url}?sort_key=${key}&sort_dir=${dir}&limit=${limit}&marker=${spec.marker(last)}` };
}

// ---- JSON-Patch (docs/reference-behaviour.md, JSON-Patch on the server) ------------------------------------------------------
function applyPatch(doc: Obj, patch: unknown, internal: string[], mandatory: string[], dicts: string[]): Obj {
  if (!Array.isArray(patch)) throw invalid('patch', pyRepr(patch), `Value not a valid list: ${pyRepr(patch)}`);
  const ops = patch.map(obj);
  for (const p of ops) {
    if (!['add', 'replace', 'remove'].includes(String(p['op']))) throw invalid('op', p['op'], 'Value should be one of: remove, replace, add');
    if (typeof p['path'] !== 'string' || !/^(\/[\w-]+)+$/.test(p['path']))
      throw invalid('path', p['path'], 'Value should match the pattern ^(/[\\w-]+)+$');
    const v = p['value'];
    if (v !== undefined && v !== null && !(typeof v === 'string' || typeof v === 'boolean' || Number.isInteger(v))) {
      throw invalid('value', pyRepr(v), `Wrong type. Expected '(<class 'str'>, <class 'int'>)', got '<class '${pyTypeName(v)}'>'`);
    }
  }
  for (const p of ops) {
    const path = String(p['path']);
    if (internal.includes(path)) throw err(400, `'${path}' is an internal attribute and can not be updated`);
    if (p['op'] === 'remove' && mandatory.includes(path)) throw err(400, `'${path}' is a mandatory attribute and can not be removed`);
    if (p['op'] !== 'remove' && (p['value'] === undefined || p['value'] === null)) throw err(400, "'add' and 'replace' operations needs value");
    const [attr = '', key] = path.slice(1).split('/');
    if (p['op'] === 'add' && key === undefined) {
      if (!(attr in doc)) throw err(400, `Adding a new attribute ${path} to the root of the resource is not allowed.`);
      if (doc[attr] !== null) throw err(400, `The attribute ${path} has existed, please use 'replace' operation instead.`);
    }
  }
  const out = structuredClone(doc);
  const fail = (why: string): ApiError => {
    const list = ops.map((o) => ({ path: o['path'], op: o['op'], ...(o['value'] !== undefined ? { value: o['value'] } : {}) }));
    return err(400, `Couldn't apply patch '${pyRepr(list)}'. Reason: ${why}`);
  };
  for (const p of ops) {
    const [attr = '', key, ...deeper] = String(p['path']).slice(1).split('/');
    const op = String(p['op']);
    let value = p['value'];
    const target = key === undefined ? out : obj(out[attr]);
    const name = key ?? attr;
    if (deeper.length || (key !== undefined && !(attr in out))) throw fail(`member '${attr}' not found`);
    if (op !== 'add' && !(name in target)) throw fail(`can't ${op} a non-existent object '${name}'`);
    if (key === undefined && typeof value === 'string' && dicts.includes(attr)) {
      try {
        value = pyLiteral(value);
      } catch {
        throw fail(`malformed node or string: ${pyRepr(value)}`);
      }
    }
    if (op === 'remove') {
      if (key === undefined) target[name] = null;
      else delete target[name];
    } else target[name] = value;
    if (key !== undefined) out[attr] = target;
  }
  return out;
}
const changedKeys = (a: Obj, b: Obj): string[] => Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

// ---- cluster templates --------------------------------------------------------------------
const TEMPLATE_COLUMNS =
  'created_at updated_at id uuid project_id user_id name image_id flavor_id master_flavor_id keypair_id external_network_id fixed_network fixed_subnet network_driver volume_driver dns_nameserver apiserver_port docker_volume_size docker_storage_driver cluster_distro coe http_proxy https_proxy no_proxy registry_enabled labels tls_disabled public server_type insecure_registry master_lb_enabled floating_ip_enabled hidden tags';
const TEMPLATE_BOOLS = ['registry_enabled', 'tls_disabled', 'public', 'master_lb_enabled', 'floating_ip_enabled', 'hidden'];
const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(
  ' ',
);
const genName = (suffix: string): string =>
  `${GREEK[Math.floor(Math.random() * GREEK.length)] ?? 'alpha'}-${1 + Math.floor(Math.random() * 9)}-${suffix}`;

type Scope = 'get' | 'patch' | 'delete';
/** get: own + public (admin: all); patch: own project only (docs/reference-behaviour.md, JSON-Patch on the server); delete: own (admin: all). */
function findTemplate(ctx: Ctx, ident: string, scope: Scope = 'get', byId = false): TemplateRecord {
  const items = ctx.state.templates.filter(
    (t) => t.project_id === ctx.projectId || (scope !== 'patch' && ctx.admin) || (scope === 'get' && t.public),
  );
  return lookup(items, ident, 'ClusterTemplate', 'ClusterTemplates', byId);
}
function checkPublish(ctx: Ctx, t: { public: boolean; hidden: boolean }): void {
  if ((t.public || t.hidden) && !ctx.admin) throw err(403, 'Not authorized to set public or hidden flag for cluster template.');
}
function validateTemplate(t: Obj): void {
  const coe = t['coe'];
  if (coe === null || coe === undefined) throw err(400, 'Requested COE type Unset is not supported.');
  if (!['kubernetes', 'swarm', 'dcos', 'swarm-mode', 'mesos'].includes(String(coe)))
    throw invalid('coe', coe, 'Value should be one of: kubernetes, swarm, dcos, swarm-mode, mesos');
  if (!['kubernetes', 'swarm', 'swarm-mode'].includes(String(coe))) throw err(400, `Requested COE type ${pyStr(coe)} is not supported.`);
  if (!['vm', 'bm'].includes(String(t['server_type']))) throw invalid('server_type', t['server_type'], 'Value should be one of: bm, vm');
  intField('docker_volume_size', t['docker_volume_size'], 1);
  intField('apiserver_port', t['apiserver_port'], 1024, 65535);
  if (typeof t['name'] === 'string' && t['name'].length > 255)
    throw invalid('name', t['name'], 'Value should have a maximum character requirement of 255');
}

function templates(ctx: Ctx, [ident, extra]: string[]): Reply {
  const { state, method, base } = ctx;
  if (extra !== undefined) throw bare(404);
  if (ident === undefined || (ident === 'detail' && method === 'GET')) {
    if (method === 'GET') {
      args(ctx, ['limit', 'marker', 'sort_key', 'sort_dir']);
      const items = state.templates.filter((t) => ctx.admin || t.project_id === ctx.projectId || (t.public && !t.hidden));
      const { page, next } = paginate(ctx, items, {
        url: ident ? 'clustertemplates/detail' : 'clustertemplates',
        columns: TEMPLATE_COLUMNS,
        marker: (t) => t.uuid,
        notFound: (m) => `ClusterTemplate ${m} could not be found.`,
      });
      return { status: 200, body: { clustertemplates: page.map((t) => templateView(t, base)), next } };
    }
    if (method === 'DELETE') throw err(400, 'Missing argument: "cluster_template_ident"');
    if (method !== 'POST' || ident !== undefined) throw notAllowed();
    const b = obj(ctx.body);
    const known = new Set(TEMPLATE_KEYS.filter((k) => k !== 'links'));
    if (state.config.generation === 23) known.add('driver');
    for (const [k, v] of Object.entries(b)) {
      if (['links', 'project_id', 'user_id', 'created_at', 'updated_at'].includes(k)) throw invalid(k, v, 'Cannot set read only field.');
      if (!known.has(k)) throw err(400, `Unknown attribute for argument cluster_template: ${k}`);
    }
    if (b['image_id'] === undefined || b['image_id'] === null) throw invalid('image_id', 'None', 'Mandatory field missing.');
    const fields: Obj = { server_type: 'vm', ...b };
    validateTemplate(fields);
    for (const k of TEMPLATE_BOOLS) if (fields[k] !== undefined) fields[k] = boolField(fields[k]);
    const coe = String(fields['coe']);
    const uuid = typeof b['uuid'] === 'string' ? b['uuid'] : undefined;
    if (uuid && state.templates.some((t) => t.uuid === uuid)) throw err(409, `A ClusterTemplate with UUID ${uuid} already exists.`);
    checkPublish(ctx, { public: fields['public'] === true, hidden: fields['hidden'] === true });
    const nulls = Object.fromEntries([...known].filter((k) => k !== 'uuid').map((k) => [k, null]));
    const t = seedTemplate(state, {
      ...nulls,
      registry_enabled: false,
      tls_disabled: false,
      public: false,
      master_lb_enabled: false,
      floating_ip_enabled: true,
      hidden: false,
      network_driver: coe === 'kubernetes' ? 'flannel' : 'docker',
      ...(fields as Partial<TemplateRecord>),
      ...(uuid ? { uuid } : {}),
      name: typeof b['name'] === 'string' ? b['name'] : genName('template'),
      labels: strLabels(b['labels']),
      cluster_distro: 'fedora-coreos',
      project_id: ctx.projectId,
      user_id: ctx.tok.user.id,
      created_at: pyNow(),
      updated_at: null,
    });
    return {
      status: 201,
      headers: { Location: `${base}/v1/clustertemplates/${t.uuid}` },
      body: templateView(t, base, b['labels'] === undefined ? { labels: null } : {}),
    };
  }
  if (method === 'GET') return { status: 200, body: templateView(findTemplate(ctx, ident), base) };
  const t = findTemplate(ctx, ident, method === 'PATCH' ? 'patch' : 'delete');
  const inUse = state.clusters.some((c) => c.cluster_template_id === t.uuid);
  const inUseError = err(400, `ClusterTemplate ${t.uuid} is referenced by one or multiple clusters.`);
  if (method === 'DELETE') {
    if (inUse) throw inUseError;
    state.templates = state.templates.filter((x) => x !== t);
    return { status: 204 };
  }
  if (method !== 'PATCH') throw notAllowed();
  const doc = templateView(t, base);
  delete doc['links'];
  const patched = applyPatch(
    doc,
    ctx.body,
    ['/created_at', '/id', '/links', '/updated_at', '/uuid', '/project_id', '/user_id'],
    [
      '/network_driver',
      '/external_network_id',
      '/tls_disabled',
      '/public',
      '/server_type',
      '/coe',
      '/registry_enabled',
      '/cluster_distro',
      '/hidden',
      '/image_id',
    ],
    ['labels'],
  );
  for (const k of ['docker_volume_size', 'apiserver_port']) {
    if (typeof patched[k] === 'string') throw invalid(k, patched[k], "'<' not supported between instances of 'str' and 'int'");
  }
  validateTemplate(patched);
  for (const k of TEMPLATE_BOOLS) patched[k] = boolField(patched[k]);
  patched['labels'] = strLabels(patched['labels']);
  const changed = changedKeys(doc, patched);
  if (changed.includes('public') || changed.includes('hidden')) checkPublish(ctx, { public: true, hidden: false });
  if (inUse && !(changed.length === 1 && ['name', 'public', 'hidden', 'tags'].includes(changed[0] ?? ''))) throw inUseError;
  if (changed.length) Object.assign(t, Object.fromEntries(changed.map((k) => [k, patched[k]])), { updated_at: pyNow() });
  return { status: 200, body: templateView(t, base) };
}

// ---- clusters, actions, nodegroups --------------------------------------------------------
const CLUSTER_COLUMNS =
  'created_at updated_at id project_id user_id uuid name cluster_template_id keypair docker_volume_size labels master_flavor_id flavor_id stack_id api_address status status_reason health_status health_status_reason create_timeout discovery_url trust_id trustee_username trustee_user_id trustee_password coe_version container_version ca_cert_ref magnum_cert_ref etcd_ca_cert_ref front_proxy_ca_cert_ref fixed_network fixed_subnet floating_ip_enabled master_lb_enabled';
const NG_COLUMNS =
  'created_at updated_at id uuid name cluster_id project_id docker_volume_size labels flavor_id image_id node_addresses node_count role max_node_count min_node_count is_default stack_id status status_reason version';
const ZERO_NODES = 'Resizing a nodegroup to zero is not supported in the provided microversion.';
const COMPLETE = (s: string): boolean => s.endsWith('_COMPLETE') && s !== 'DELETE_COMPLETE';

function visibleClusters(ctx: Ctx, read: boolean, allProjects = ctx.admin): ClusterRecord[] {
  const mine = ctx.state.clusters.filter((c) => allProjects || c.project_id === ctx.projectId);
  return mine.filter((c) => (read || c.pending?.at != null ? settle(ctx.state, c) : true));
}
const findCluster = (ctx: Ctx, ident: string, read = false, allProjects = ctx.admin): ClusterRecord =>
  lookup(visibleClusters(ctx, read, allProjects), ident, 'Cluster', 'clusters');
const findNg = (c: ClusterRecord, ident: string): NodegroupRecord => lookup(c.nodegroups, ident, 'Nodegroup', 'nodegroups', true);
const uuidReply = (c: ClusterRecord, status = 202): Reply => ({ status, body: { uuid: c.uuid } });
function checkCounts(ng: { name: string; node_count: number; min_node_count: number; max_node_count: number | null }): void {
  const bad = (which: string, a: string, b: string): ApiError =>
    err(409, `${which}_node_count for ${ng.name} is invalid (${a} should be less or equal to ${b}).`);
  const { node_count: n, min_node_count: min, max_node_count: max } = ng;
  if (max !== null && min > max) throw bad('max', `min_node_count (${min})`, `max_node_count (${max})`);
  if (max !== null && n > max) throw bad('max', `node_count (${n})`, `max_node_count (${max})`);
  if (min > n) throw bad('min', `min_node_count (${min})`, `node_count (${n})`);
}

function createCluster(ctx: Ctx): Reply {
  const { state } = ctx;
  const b = obj(ctx.body);
  const readOnly =
    'links stack_id api_address coe_version container_version project_id user_id node_addresses master_addresses created_at updated_at'.split(' ');
  const known =
    'uuid name cluster_template_id keypair node_count master_count docker_volume_size labels merge_labels master_flavor_id flavor_id create_timeout discovery_url fixed_network fixed_subnet floating_ip_enabled master_lb_enabled status status_reason health_status health_status_reason'.split(
      ' ',
    );
  for (const [k, v] of Object.entries(b)) {
    if (readOnly.includes(k)) throw invalid(k, v, 'Cannot set read only field.');
    if (!known.includes(k)) throw err(400, `Unknown attribute for argument cluster: ${k}`);
  }
  const name = b['name'];
  if (typeof name === 'string' && name.length > 242) throw invalid('name', name, 'Value should have a maximum character requirement of 242');
  if (typeof name === 'string' && !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name))
    throw invalid('name', name, 'Value should match the pattern ^[a-zA-Z][a-zA-Z0-9_.-]*$');
  if (b['cluster_template_id'] === undefined || b['cluster_template_id'] === null)
    throw invalid('cluster_template_id', 'None', 'Mandatory field missing.');
  const nodeCount = intField('node_count', b['node_count'], 0) ?? 1;
  const masterCount = intField('master_count', b['master_count'], 1) ?? 1;
  const dvs = intField('docker_volume_size', b['docker_volume_size'], 1);
  const timeout = intField('create_timeout', b['create_timeout'], 0) ?? 60;
  let tmpl: TemplateRecord;
  try {
    tmpl = findTemplate(ctx, String(b['cluster_template_id']), 'get', true);
  } catch (e) {
    throw e instanceof ApiError && e.status === 404 && ctx.minor <= 9 ? err(400, e.message) : e;
  }
  if (nodeCount === 0 && ctx.minor < 10) throw err(400, ZERO_NODES);
  const limit = state.quotas.find((x) => x.project_id === ctx.projectId && x.resource === 'Cluster')?.hard_limit ?? 20;
  if (state.clusters.filter((c) => c.project_id === ctx.projectId).length >= limit) {
    throw err(
      403,
      `Resource limit exceeded: You have reached the maximum clusters per project, ${limit}. You may delete a cluster to make room for a new one.`,
    );
  }
  const given = strLabels(b['labels']);
  const labels = b['merge_labels'] === true ? { ...tmpl.labels, ...given } : Object.keys(given).length ? given : { ...tmpl.labels };
  const str = (k: string): string | null => (typeof b[k] === 'string' && b[k] !== '' ? String(b[k]) : null);
  const masterLb = b['master_lb_enabled'] === undefined ? tmpl.master_lb_enabled : boolField(b['master_lb_enabled']);
  if (masterCount > 1 && !masterLb) throw err(400, 'master_count must be 1 when master_lb_enabled is False');
  const c = seedCluster(state, {
    name: typeof name === 'string' ? name : genName('cluster'),
    cluster_template_id: tmpl.uuid,
    keypair: str('keypair') ?? tmpl.keypair_id,
    node_count: nodeCount,
    master_count: masterCount,
    docker_volume_size: dvs ?? tmpl.docker_volume_size,
    labels,
    master_flavor_id: str('master_flavor_id') ?? tmpl.master_flavor_id,
    flavor_id: str('flavor_id') ?? tmpl.flavor_id,
    create_timeout: timeout,
    discovery_url: str('discovery_url'),
    fixed_network: str('fixed_network') ?? tmpl.fixed_network,
    fixed_subnet: str('fixed_subnet') ?? tmpl.fixed_subnet,
    master_lb_enabled: masterLb,
    floating_ip_enabled: b['floating_ip_enabled'] === undefined ? tmpl.floating_ip_enabled : boolField(b['floating_ip_enabled']),
    status: 'CREATE_IN_PROGRESS',
    status_reason: null,
    project_id: ctx.projectId,
    user_id: ctx.tok.user.id,
    updated_at: null,
  });
  startTransition(state, c, 'create');
  return uuidReply(c);
}

function patchCluster(ctx: Ctx, c: ClusterRecord): Reply {
  args(ctx, ctx.minor >= 3 ? ['rollback'] : []);
  const doc = clusterView(ctx.state, c, ctx.base, true);
  const internal =
    '/api_address /node_addresses /master_addresses /stack_id /ca_cert_ref /magnum_cert_ref /trust_id /trustee_user_name /trustee_password /trustee_user_id /etcd_ca_cert_ref /front_proxy_ca_cert_ref /created_at /id /links /updated_at /uuid /project_id /user_id'.split(
      ' ',
    );
  const patched = applyPatch(doc, ctx.body, internal, ['/cluster_template_id'], ['health_status_reason', 'labels']);
  const changed = changedKeys(doc, patched);
  const illegal = changed.filter((k) => !['node_count', 'health_status', 'health_status_reason'].includes(k));
  if (illegal.length) throw err(400, `cannot change cluster property(ies) ${illegal.join(', ')}.`);
  const hs = patched['health_status'];
  if (changed.includes('health_status') && hs !== null && !['HEALTHY', 'UNHEALTHY', 'UNKNOWN'].includes(String(hs))) {
    throw invalid('health_status', hs, 'Value should be one of: HEALTHY, UNHEALTHY, UNKNOWN');
  }
  if (changed.includes('health_status')) c.health_status = hs === null ? null : String(hs);
  if (changed.includes('health_status_reason')) c.health_status_reason = strLabels(patched['health_status_reason'], 'health_status_reason');
  const n = patched['node_count'];
  if (changed.includes('node_count') && n !== null) {
    if (typeof n === 'string') throw invalid('node_count', n, "'<' not supported between instances of 'str' and 'int'");
    const count = intField('node_count', n, 0) ?? 0;
    if (count === 0 && ctx.minor < 10) throw err(400, ZERO_NODES);
    const worker = c.nodegroups.find((ng) => ng.is_default && ng.role !== 'master');
    if (worker && COMPLETE(c.status)) {
      Object.assign(worker, { node_count: count, status: 'UPDATE_IN_PROGRESS', updated_at: pyNow() });
      startTransition(ctx.state, c, 'update');
    }
  }
  return uuidReply(c);
}

function clusterAction(ctx: Ctx, c: ClusterRecord, action: string | undefined): Reply {
  const b = obj(ctx.body);
  if (ctx.method !== 'POST' || (action !== 'resize' && action !== 'upgrade')) throw notAllowed();
  if (ctx.minor < 7) throw bare(406);
  if (action === 'resize') {
    if (b['node_count'] === undefined || b['node_count'] === null) throw invalid('node_count', 'None', 'Mandatory field missing.');
    const count = intField('node_count', b['node_count'], 0) ?? 0;
    if (count === 0 && ctx.minor < 10) throw err(400, ZERO_NODES);
    const ng = b['nodegroup'] === undefined ? c.nodegroups.find((x) => x.is_default && x.role !== 'master') : findNg(c, String(b['nodegroup']));
    if (!ng) throw err(404, `Nodegroup ${pyStr(b['nodegroup'])} could not be found.`);
    if (ng.role === 'master') throw err(400, 'Resizing a master nodegroup is not supported.');
    if (count < ng.min_node_count || (ng.max_node_count !== null && count > ng.max_node_count)) {
      throw err(
        400,
        `Resizing ${ng.name} outside the allowed range: min_node_count = ${ng.min_node_count}, max_node_count = ${ng.max_node_count ?? 'None'}`,
      );
    }
    if (COMPLETE(c.status) || c.status === 'UPDATE_FAILED' || c.status === 'UPDATE_IN_PROGRESS') {
      Object.assign(ng, { node_count: count, status: 'UPDATE_IN_PROGRESS', updated_at: pyNow() });
      startTransition(ctx.state, c, 'update');
    }
    return uuidReply(c);
  }
  if (ctx.minor < 8) throw err(400, 'Cluster upgrade is not supported in the provided microversion.');
  if (typeof b['cluster_template'] !== 'string') throw err(500, 'ClusterTemplate None could not be found.');
  const tmpl = findTemplate(ctx, b['cluster_template'], 'get', true);
  const ng = b['nodegroup'] === undefined ? null : findNg(c, String(b['nodegroup']));
  if (ng && !ng.is_default && tmpl.uuid !== c.cluster_template_id) {
    const current = ctx.state.templates.find((t) => t.uuid === c.cluster_template_id);
    throw err(
      409,
      `Cluster Template is not valid for upgrade: Nodegroup ${ng.name} can be upgraded only to match cluster's template (${current?.name ?? ''}).`,
    );
  }
  if (!COMPLETE(c.status)) throw err(400, `Upgrading a cluster when status is "${c.status}" is not supported.`);
  c.cluster_template_id = tmpl.uuid;
  c.coe_version = tmpl.labels['kube_tag'] ?? c.coe_version;
  for (const x of ng ? [ng] : c.nodegroups) x.status = 'UPDATE_IN_PROGRESS';
  startTransition(ctx.state, c, 'update');
  return uuidReply(c);
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** node_labels (dict of str) and node_taints ({key, value, effect} list), 1.14; before, unknown attributes. */
function nodeLabelsAndTaints(ctx: Ctx, b: Obj): { node_labels?: Labels | null; node_taints?: unknown[] | null } {
  const out: { node_labels?: Labels | null; node_taints?: unknown[] | null } = {};
  for (const field of ['node_labels', 'node_taints'] as const) {
    if (b[field] === undefined) continue;
    if (ctx.minor < 14) throw err(400, `Invalid input for field/attribute nodegroup. Value: '${pyRepr(b)}'. unexpected attribute ${field}`);
  }
  if (b['node_labels'] !== undefined) out.node_labels = b['node_labels'] === null ? null : strLabels(b['node_labels'], 'node_labels');
  if (b['node_taints'] !== undefined && b['node_taints'] !== null) {
    const taints = b['node_taints'];
    if (!Array.isArray(taints)) throw invalid('node_taints', taints, 'Value not a valid list');
    for (const t of taints.map(obj)) {
      if (typeof t['key'] !== 'string' || t['key'] === '' || !TAINT_EFFECTS.includes(String(t['effect']))) {
        throw invalid('node_taints', pyRepr(taints), 'Each taint needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute');
      }
    }
    out.node_taints = taints;
  }
  return out;
}

function nodegroups(ctx: Ctx, c: ClusterRecord, [ident, extra]: string[]): Reply {
  const { state, method, base } = ctx;
  if (ctx.minor < 9) throw bare(406);
  if (extra !== undefined) throw bare(404);
  if (ident === undefined) {
    if (method === 'GET') {
      args(ctx, ['limit', 'marker', 'sort_key', 'sort_dir', 'role']);
      const role = ctx.q.get('role');
      const { page, next } = paginate(
        ctx,
        c.nodegroups.filter((ng) => role === null || ng.role === role),
        {
          url: `clusters/${c.uuid}/nodegroups`,
          columns: NG_COLUMNS,
          marker: (ng) => ng.uuid,
          notFound: (m) => `Nodegroup ${m} could not be found.`,
        },
      );
      return { status: 200, body: { nodegroups: page.map((ng) => nodegroupView(c, ng, base, false)), next } };
    }
    if (method !== 'POST') throw notAllowed();
    const b = obj(ctx.body);
    if (typeof b['name'] !== 'string') throw err(500, "Field `name' cannot be None");
    if (!c.api_address) throw err(409, 'Cluster API address is not available yet');
    if (c.nodegroups.some((ng) => ng.name === b['name']))
      throw err(409, `A node group with name ${b['name']} already exists in the cluster ${c.name}.`);
    const given = strLabels(b['labels']);
    const nodeFields = nodeLabelsAndTaints(ctx, b);
    const tmpl = state.templates.find((t) => t.uuid === c.cluster_template_id);
    const ng = newNodegroup(state, c, {
      name: b['name'],
      node_count: intField('node_count', b['node_count'], 0) ?? 1,
      min_node_count: intField('min_node_count', b['min_node_count'], 0) ?? 0,
      max_node_count: intField('max_node_count', b['max_node_count'], 0) ?? null,
      role: typeof b['role'] === 'string' ? b['role'] : 'worker',
      flavor_id: typeof b['flavor_id'] === 'string' ? b['flavor_id'] : c.flavor_id,
      image_id: typeof b['image_id'] === 'string' ? b['image_id'] : (tmpl?.image_id ?? null),
      docker_volume_size: intField('docker_volume_size', b['docker_volume_size'], 1) ?? null,
      labels: b['merge_labels'] === true ? { ...c.labels, ...given } : Object.keys(given).length ? given : { ...c.labels },
      stack_id: null,
      status: 'CREATE_IN_PROGRESS',
      ...nodeFields,
    });
    checkCounts(ng);
    if (ng.role === 'master') throw err(400, 'Creating master nodegroups is currently not supported.');
    c.nodegroups.push(ng);
    startTransition(state, c, 'update');
    return { status: 202, body: nodegroupView(c, ng, base, true, { node_addresses: null }, ctx.minor) };
  }
  const ng = findNg(c, ident);
  if (method === 'GET') return { status: 200, body: nodegroupView(c, ng, base, true, {}, ctx.minor) };
  if (method === 'DELETE') {
    if (ng.is_default) throw err(400, 'Deleting a default nodegroup is not supported.');
    startTransition(state, c, 'update');
    ng.status = 'DELETE_IN_PROGRESS';
    return { status: 204 };
  }
  if (method !== 'PATCH') throw notAllowed();
  const doc = nodegroupView(c, ng, base, true, {}, ctx.minor);
  const updatable = ['min_node_count', 'max_node_count', 'node_labels', 'node_taints'];
  const internal = Object.keys(doc)
    .filter((k) => !updatable.includes(k))
    .map((k) => `/${k}`);
  const patched = applyPatch(doc, ctx.body, internal, [], ['node_labels', 'node_taints']);
  if (ctx.minor >= 14) Object.assign(ng, nodeLabelsAndTaints(ctx, patched));
  const counts = {
    name: ng.name,
    node_count: ng.node_count,
    min_node_count: intField('min_node_count', patched['min_node_count'], 0) ?? 0,
    max_node_count: intField('max_node_count', patched['max_node_count'], 0) ?? null,
  };
  checkCounts(counts);
  Object.assign(ng, counts, { status: 'UPDATE_IN_PROGRESS', updated_at: pyNow() });
  startTransition(state, c, 'update');
  return { status: 202, body: nodegroupView(c, ng, base, true, {}, ctx.minor) };
}

function clusters(ctx: Ctx, [ident, sub, ...rest]: string[]): Reply {
  const { method, base } = ctx;
  if (ident === undefined || (ident === 'detail' && method === 'GET' && sub === undefined)) {
    if (method === 'POST' && ident === undefined) return createCluster(ctx);
    if (method !== 'GET') throw ident === undefined && method === 'DELETE' ? err(400, 'Missing argument: "cluster_ident"') : notAllowed();
    args(ctx, ['limit', 'marker', 'sort_key', 'sort_dir']);
    const full = ident === 'detail';
    const { page, next } = paginate(ctx, visibleClusters(ctx, true), {
      url: full ? 'clusters/detail' : 'clusters',
      columns: CLUSTER_COLUMNS,
      marker: (c) => c.uuid,
      notFound: (m) => `Cluster ${m} could not be found.`,
    });
    return { status: 200, body: { clusters: page.map((c) => clusterView(ctx.state, c, base, full, ctx.minor)), next } };
  }
  const c = findCluster(ctx, ident, method === 'GET');
  if (sub === 'nodegroups') return nodegroups(ctx, c, rest);
  if (sub === 'actions') return clusterAction(ctx, c, rest[0]);
  if (sub === 'detail') throw err(404, 'The %(name)s resource %(id)s could not be found.');
  if (sub !== undefined) throw bare(404);
  if (method === 'GET') return { status: 200, body: clusterView(ctx.state, c, base, true, ctx.minor) };
  if (method === 'DELETE') {
    startTransition(ctx.state, c, 'delete');
    return { status: 204 };
  }
  if (method === 'PATCH') return patchCluster(ctx, c);
  throw notAllowed();
}

// ---- certificates, quotas, stats, mservices -----------------------------------------------
async function certificates(ctx: Ctx, [ident, extra]: string[]): Promise<Reply> {
  const { method, base, cas } = ctx;
  if (extra !== undefined) throw bare(404);
  const view = (c: ClusterRecord): Obj => ({
    bay_uuid: c.uuid,
    cluster_uuid: c.uuid,
    links: [
      { href: `${base}/v1/certificates/${c.uuid}`, rel: 'self' },
      { href: `${base}/certificates/${c.uuid}`, rel: 'bookmark' },
    ],
  });
  const caOf = (c: ClusterRecord, type: unknown) => cas.ca(c.uuid, c.name || c.uuid, FakeCas.kind(typeof type === 'string' ? type : null));
  if (ident === undefined) {
    if (method !== 'POST') throw notAllowed('GET, PATCH, POST');
    const b = obj(ctx.body);
    const ref = b['cluster_uuid'] ?? b['bay_uuid'];
    if (typeof ref !== 'string') throw err(500, 'Cluster None could not be found.');
    let c: ClusterRecord;
    try {
      c = findCluster(ctx, ref, false, false);
    } catch (e) {
      throw e instanceof ApiError && e.status === 404 ? err(400, e.message) : e;
    }
    if (b['csr'] === undefined || b['csr'] === null) throw err(500, "Cannot load 'csr' in the base class");
    if (b['csr'] === '') throw invalid('csr', '', 'Value should have a minimum character requirement of 1');
    try {
      const pem = await cas.sign(await caOf(c, b['ca_cert_type']), String(b['csr']));
      return {
        status: 201,
        body: { ...view(c), csr: b['csr'], pem, ...(b['ca_cert_type'] !== undefined ? { ca_cert_type: b['ca_cert_type'] } : {}) },
      };
    } catch (e) {
      throw e instanceof CsrError ? err(e.status, e.message) : e;
    }
  }
  const c = findCluster(ctx, ident, method === 'GET', false);
  if (method === 'GET') {
    args(ctx, ['ca_cert_type']);
    return { status: 200, body: { ...view(c), pem: (await caOf(c, ctx.q.get('ca_cert_type'))).certPem } };
  }
  if (method !== 'PATCH') throw notAllowed('GET, PATCH, POST');
  for (const k of Object.keys(obj(ctx.body))) throw err(400, `Unknown argument: "${k}"`);
  if (ctx.state.templates.find((t) => t.uuid === c.cluster_template_id)?.tls_disabled) {
    throw err(400, 'Rotating the CA certificate on a non-TLS cluster is not supported');
  }
  if (!COMPLETE(c.status)) throw err(400, `Updating a cluster when status is "${c.status}" is not supported.`);
  cas.rotate(c.uuid);
  startTransition(ctx.state, c, 'update');
  return uuidReply(c);
}

function quotas(ctx: Ctx, [project, resource, extra]: string[]): Reply {
  const { state, method } = ctx;
  const policy = (rule: string): void => {
    if (!ctx.admin) throw err(403, `Policy doesn't allow quota:${rule} to be performed.`);
  };
  const view = (x: object): Obj => pick(x, QUOTA_KEYS, {});
  if (project === undefined) {
    if (method === 'GET') {
      policy('get_all');
      args(ctx, ['limit', 'marker', 'sort_key', 'sort_dir', 'all_tenants']);
      const all = ['1', 't', 'true', 'on', 'y', 'yes'].includes((ctx.q.get('all_tenants') ?? '').toLowerCase());
      const m = ctx.q.get('marker');
      if (m !== null && !/^\d+$/.test(m))
        throw invalid('marker', m, `unable to convert to int. Error: invalid literal for int() with base 10: ${pyRepr(m)}`);
      const { page, next } = paginate(
        ctx,
        state.quotas.filter((x) => all || x.project_id === ctx.projectId),
        {
          url: 'quotas',
          columns: 'created_at updated_at id project_id resource hard_limit',
          marker: (x) => String(x.id),
          intMarker: true,
          notFound: (mk) => `Quota could not be found: ${mk}.`,
        },
      );
      return { status: 200, body: { quotas: page.map(view), next } };
    }
    if (method !== 'POST') throw notAllowed();
    policy('create');
    const b = obj(ctx.body);
    const pid = b['project_id'];
    if (typeof pid !== 'string') throw invalid('project_id', 'None', 'Mandatory field missing.');
    const res = b['resource'] ?? 'Cluster';
    if (res !== 'Cluster') throw invalid('resource', res, 'Value should be one of: Cluster');
    const hard = intField('hard_limit', b['hard_limit'], 0) ?? 1;
    if (!Object.values(PROJECTS).some((p) => p.id === pid)) throw err(404, `The project_id ${pid} could not be found.`);
    if (state.quotas.some((x) => x.project_id === pid && x.resource === res))
      throw err(409, `Quota for project ${pid} already exists for resource ${res}.`);
    const row = { id: state.nextId++, hard_limit: hard, project_id: pid, resource: res, created_at: pyNow(), updated_at: null };
    state.quotas.push(row);
    return { status: 201, body: view(row) };
  }
  if (resource === undefined || extra !== undefined) throw bare(404);
  const row = state.quotas.find((x) => x.project_id === project && x.resource === resource);
  const missing = err(404, `Quota could not be found: project_id ${project} resource ${resource}.`);
  if (method === 'GET') {
    if (!ctx.admin && project !== ctx.projectId) throw err(403, 'Not authorized.');
    return { status: 200, body: row ? view(row) : { hard_limit: 20, project_id: project, resource } };
  }
  if (method === 'PATCH') {
    policy('update');
    if (!row) throw missing;
    Object.assign(row, { hard_limit: intField('hard_limit', obj(ctx.body)['hard_limit'], 0) ?? row.hard_limit, updated_at: pyNow() });
    return { status: 202, body: view(row) };
  }
  if (method !== 'DELETE') throw notAllowed();
  policy('delete');
  if (!row) throw missing;
  state.quotas = state.quotas.filter((x) => x !== row);
  return { status: 204 };
}

/** PATCH /v1/credentials/<cluster> (1.12): rotated synchronously, answers the cluster's UUID. */
function credentials(ctx: Ctx, [ident, extra]: string[]): Reply {
  if (ctx.state.config.generation !== 23 || ident === undefined || extra !== undefined) throw bare(404);
  if (ctx.minor < 12) throw bare(406);
  if (ctx.method !== 'PATCH') throw notAllowed('PATCH');
  const c = findCluster(ctx, ident, false);
  if (!COMPLETE(c.status)) throw err(400, `credential_rotate when cluster status is "${c.status}" is not supported.`);
  return { status: 202, body: { uuid: c.uuid } };
}

function stats(ctx: Ctx): Reply {
  if (ctx.method !== 'GET') throw notAllowed('GET');
  args(ctx, ['project_id', 'type']);
  if ((ctx.q.get('type') ?? 'cluster') !== 'cluster') throw err(400, "Invalid stats type. Allowed values are 'cluster'");
  const pid = ctx.q.get('project_id');
  if (!ctx.admin && pid !== null && pid !== ctx.projectId) throw err(403, 'Not authorized.');
  const list = visibleClusters(ctx, true, true).filter((c) => (ctx.admin && pid === null) || c.project_id === (pid ?? ctx.projectId));
  return { status: 200, body: { clusters: list.length, nodes: list.flatMap((c) => c.nodegroups).reduce((a, ng) => a + ng.node_count, 0) } };
}

function v1Document(base: string, gen: 15 | 23): Obj {
  const res = (name: string, path = `${name}/`): Obj[] => [
    { href: `${base}/v1/${path}`, rel: 'self' },
    { href: `${base}/${path}`, rel: 'bookmark' },
  ];
  const doc: Obj = {
    id: 'v1',
    media_types: [{ base: 'application/json', type: 'application/vnd.openstack.magnum.v1+json' }],
    links: [
      { href: `${base}/v1/`, rel: 'self' },
      { href: 'http://docs.openstack.org/developer/magnum/dev/api-spec-v1.html', rel: 'describedby', type: 'text/html' },
    ],
  };
  const names =
    gen === 23
      ? 'clustertemplates clusters quotas certificates mservices stats federations'
      : 'baymodels bays clustertemplates clusters quotas certificates mservices stats federations';
  for (const r of names.split(' ')) doc[r] = res(r);
  doc['nodegroups'] = res('nodegroups', 'clusters/{cluster_id}/nodegroups');
  if (gen === 23) doc['credentials'] = res('credentials');
  return doc;
}

export async function handleMagnum(
  state: FakeState,
  cas: FakeCas,
  keystoneUrl: string,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  text: string,
): Promise<Reply> {
  const base = `http://${headers.host ?? url.host}`;
  const gen = state.config.generation;
  const MAX = MAX_MINOR[gen];
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') {
    return {
      status: 200,
      body: {
        name: 'OpenStack Magnum API',
        description: 'Magnum is an OpenStack project which aims to provide container cluster management.',
        versions: [{ id: 'v1', links: [{ href: `${base}/v1/`, rel: 'self' }], status: 'CURRENT', max_version: `1.${MAX}`, min_version: '1.1' }],
      },
    };
  }
  if (path !== '/v1' && !path.startsWith('/v1/')) path = `/v1${path}`;
  const segs = path
    .split('/')
    .slice(2)
    .map((s) => decodeURIComponent(s)); // webob decodes path segments
  const tokenHeader = headers['x-auth-token'];
  const tok = typeof tokenHeader === 'string' ? state.tokens.get(tokenHeader) : undefined;
  if (segs.length && (!tok || tok.expiresAt.getTime() <= Date.now())) {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': `Keystone uri="${keystoneUrl}/v3"` },
      body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
    };
  }
  const ver = parseVersion(gen, headers['openstack-api-version']);
  if (ver === null) return { status: 406, body: envelope(406, '', '') };
  if (typeof ver === 'string') {
    return {
      status: 406,
      headers: versionHeaders(gen, ver),
      body: {
        errors: [
          {
            max_version: `1.${MAX}`,
            min_version: '1.1',
            code: 'magnum.microversion-unsupported',
            links: [{ rel: 'help', href: 'http://docs.openstack.org/api-guide/compute/microversions.html' }],
            title: 'Requested microversion is unsupported',
          },
        ],
      },
    };
  }
  const vh = versionHeaders(gen, `1.${ver}`);
  if (!tok || !segs.length) return { status: 200, headers: vh, body: v1Document(base, gen) };
  try {
    let body: unknown;
    if (text !== '' && (method === 'POST' || method === 'PATCH' || method === 'PUT')) {
      const ct = (headers['content-type'] ?? '').split(';')[0]?.trim() || 'text/plain';
      if (ct !== 'application/json') throw err(415, `Unknown mimetype: ${ct}`);
      try {
        body = JSON.parse(text);
      } catch {
        throw err(400, 'Request is not in valid JSON format');
      }
    }
    const ctx: Ctx = {
      state,
      cas,
      tok,
      admin: tok.user.roles.some((r) => r.name === 'admin'),
      projectId: tok.project?.id ?? '',
      minor: ver,
      base,
      method,
      q: url.searchParams,
      body,
    };
    const [resource = '', ...rest] = segs;
    const routes: Record<string, () => Reply | Promise<Reply>> = {
      clustertemplates: () => templates(ctx, rest),
      clusters: () => clusters(ctx, rest),
      certificates: () => certificates(ctx, rest),
      quotas: () => quotas(ctx, rest),
      stats: () => stats(ctx),
      credentials: () => credentials(ctx, rest),
      mservices: () => {
        if (method !== 'GET') throw notAllowed('GET');
        if (!ctx.admin) throw err(403, "Policy doesn't allow magnum-service:get_all to be performed.");
        return { status: 200, body: { mservices: state.mservices.map((m) => pick(m, MSERVICE_KEYS, {})) } };
      },
    };
    const route = routes[resource];
    if (!route) throw bare(404);
    const reply = await route();
    return { ...reply, headers: { ...vh, ...reply.headers } };
  } catch (e) {
    if (e instanceof RawReply) return e.reply;
    if (e instanceof ApiError && e.bare) return { status: e.status, headers: e.headers, body: envelope(e.status, '', '') };
    const status = e instanceof ApiError ? e.status : 500;
    const message = e instanceof Error ? e.message : String(e);
    return { status, headers: vh, body: envelope(status, message, status >= 500 ? 'server' : 'client') };
  }
}

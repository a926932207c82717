/**
 * Magnum resources: the paths and bodies python-magnumclient's managers use
 * (`magnumclient/v1/*_shell.py`, `magnumclient/osc/v1`), with identifiers checked and
 * percent-encoded (seg(), src/api/identifiers.ts), and each reply checked for the fields
 * the commands read (src/api/reply-shape.ts): the return types below are those views.
 */
import type { MagnumClient } from './client';
import { commonFilters, seg } from './client';
import { IDENTIFIER } from './identifiers';
import { objectReply, withStrings } from './reply-shape';

/** Any Magnum resource as decoded from JSON: what the tables show, every field as the server sent it. */
export type Resource = Record<string, unknown>;

/*
 * Typed views: the fields the code reads, and nothing else, so that a misspelt field does not
 * compile. A field the reply check (withStrings) has looked at has its checked type; any
 * other field read is `unknown`, converted where it is used, because the server is not
 * trusted to send what the API reference says. The objects still hold every field the
 * server sent (a view, not a copy): `withoutLinks` and the renderers show them all.
 */

/** A resource the code goes on with by its UUID (create replies, credential-rotate). */
export type Identified = { readonly uuid: string };

/** What --wait reads of a cluster or a nodegroup (src/wait/targets.ts). */
export type ProgressView = {
  readonly status?: unknown;
  readonly status_reason?: unknown;
  /** Nodegroup name → reason, on a failed cluster. */
  readonly faults?: unknown;
  readonly updated_at?: unknown;
  readonly node_count?: unknown;
  readonly master_count?: unknown;
};

/** A cluster: its uuid (ca-*, resize, --wait), template (cluster-show --long, cluster-config), name and API address (cluster-config, kubeconfig-check). */
export type ClusterView = ProgressView & {
  readonly uuid: string;
  readonly cluster_template_id: string;
  readonly name?: unknown;
  readonly api_address?: unknown;
};

/** A cluster template: the COE and TLS that decide cluster-config's output. */
export type ClusterTemplateView = Identified & {
  readonly coe?: unknown;
  readonly tls_disabled?: unknown;
};

/** A nodegroup: its uuid and what --wait reads. */
export type NodegroupView = ProgressView & Identified;

/** A certificate: the PEM that ca-show, ca-sign and cluster-config use. */
export type CertificateView = { readonly pem: string };

const { cluster: CLUSTER, clusterTemplate: TEMPLATE, nodegroup: NODEGROUP, projectId: PROJECT, quotaResource: QUOTA_RESOURCE } = IDENTIFIER;

export interface ListFilters {
  limit?: number | null;
  marker?: string | null;
  sortKey?: string | null;
  sortDir?: string | null;
}

/** `/<coll>/[detail][?filters]`: clusters and templates put a `/` before `?` (`magnumclient/v1/*_shell.py`). */
function collectionPath(collection: string, filters: string[], detail = false): string {
  let suffix = detail ? 'detail' : '';
  if (filters.length > 0) suffix += `?${filters.join('&')}`;
  return suffix ? `/${collection}/${suffix}` : `/${collection}`;
}

// Cluster templates
export function listClusterTemplates(c: MagnumClient, f: ListFilters & { detail?: boolean }): Promise<Resource[]> {
  return c.list(collectionPath('clustertemplates', commonFilters(f), f.detail), 'clustertemplates', f.limit);
}
/** listClusterTemplates a page at a time (list commands render as pages arrive). */
export function clusterTemplatePages(c: MagnumClient, f: ListFilters & { detail?: boolean }): AsyncGenerator<Resource[]> {
  return c.pages(collectionPath('clustertemplates', commonFilters(f), f.detail), 'clustertemplates', f.limit);
}
export async function getClusterTemplate(c: MagnumClient, id: string): Promise<ClusterTemplateView> {
  return withStrings(await c.reply('GET', `/clustertemplates/${seg(id, TEMPLATE)}`), ['uuid']);
}
export async function createClusterTemplate(c: MagnumClient, body: Resource): Promise<ClusterTemplateView> {
  return withStrings(await c.reply('POST', '/clustertemplates', body), ['uuid']);
}
export async function deleteClusterTemplate(c: MagnumClient, id: string): Promise<void> {
  await c.request('DELETE', `/clustertemplates/${seg(id, TEMPLATE)}`);
}
export async function updateClusterTemplate(c: MagnumClient, id: string, patch: unknown[]): Promise<Resource> {
  return objectReply(await c.reply('PATCH', `/clustertemplates/${seg(id, TEMPLATE)}`, patch));
}

// Clusters
export function listClusters(c: MagnumClient, f: ListFilters): Promise<Resource[]> {
  return c.list(collectionPath('clusters', commonFilters(f)), 'clusters', f.limit);
}
/** listClusters a page at a time. */
export function clusterPages(c: MagnumClient, f: ListFilters): AsyncGenerator<Resource[]> {
  return c.pages(collectionPath('clusters', commonFilters(f)), 'clusters', f.limit);
}
export async function getCluster(c: MagnumClient, id: string): Promise<ClusterView> {
  return withStrings(await c.reply('GET', `/clusters/${seg(id, CLUSTER)}`), ['uuid', 'cluster_template_id']);
}
export async function createCluster(c: MagnumClient, body: Resource): Promise<Identified> {
  return withStrings(await c.reply('POST', '/clusters', body), ['uuid']);
}
export async function deleteCluster(c: MagnumClient, id: string): Promise<void> {
  await c.request('DELETE', `/clusters/${seg(id, CLUSTER)}`);
}
export async function updateCluster(c: MagnumClient, id: string, patch: unknown[], rollback = false): Promise<Resource | null> {
  return c.request('PATCH', `/clusters/${seg(id, CLUSTER)}${rollback ? '/?rollback=True' : ''}`, patch);
}
export async function resizeCluster(c: MagnumClient, uuid: string, body: Resource): Promise<Resource | null> {
  return c.request('POST', `/clusters/${seg(uuid, CLUSTER)}/actions/resize`, body);
}
export async function upgradeCluster(c: MagnumClient, uuid: string, body: Resource): Promise<Resource | null> {
  return c.request('POST', `/clusters/${seg(uuid, CLUSTER)}/actions/upgrade`, body);
}

// Nodegroups (microversion >= 1.9)
export function nodegroupPages(c: MagnumClient, cluster: string, f: ListFilters & { role?: string | null }): AsyncGenerator<Resource[]> {
  const filters = commonFilters(f);
  if (f.role != null) filters.push(`role=${encodeURIComponent(f.role)}`);
  return c.pages(collectionPath(`clusters/${seg(cluster, CLUSTER)}/nodegroups`, filters), 'nodegroups', f.limit);
}
export async function getNodegroup(c: MagnumClient, cluster: string, id: string): Promise<NodegroupView> {
  return withStrings(await c.reply('GET', `/clusters/${seg(cluster, CLUSTER)}/nodegroups/${seg(id, NODEGROUP)}`), ['uuid']);
}
export async function createNodegroup(c: MagnumClient, cluster: string, body: Resource): Promise<Identified> {
  return withStrings(await c.reply('POST', `/clusters/${seg(cluster, CLUSTER)}/nodegroups/`, body), ['uuid']);
}
export async function deleteNodegroup(c: MagnumClient, cluster: string, id: string): Promise<void> {
  await c.request('DELETE', `/clusters/${seg(cluster, CLUSTER)}/nodegroups/${seg(id, NODEGROUP)}`);
}
export async function updateNodegroup(c: MagnumClient, cluster: string, id: string, patch: unknown[]): Promise<Resource | null> {
  return c.request('PATCH', `/clusters/${seg(cluster, CLUSTER)}/nodegroups/${seg(id, NODEGROUP)}`, patch);
}

// Certificates
export async function getCaCertificate(c: MagnumClient, clusterUuid: string): Promise<CertificateView> {
  return withStrings(await c.reply('GET', `/certificates/${seg(clusterUuid, CLUSTER)}`), ['pem']);
}
export async function signCertificate(c: MagnumClient, clusterUuid: string, csr: string): Promise<CertificateView> {
  return withStrings(await c.reply('POST', '/certificates', { cluster_uuid: clusterUuid, csr }), ['pem']);
}
export async function rotateCa(c: MagnumClient, clusterUuid: string): Promise<void> {
  await c.request('PATCH', `/certificates/${seg(clusterUuid, CLUSTER)}`);
}

// Credentials (microversion >= 1.12)
/** Rotated synchronously; the answer names the cluster's UUID (`ClusterID`, magnum api/controllers/v1/credential.py). */
export async function rotateCredentials(c: MagnumClient, cluster: string): Promise<Identified> {
  return withStrings(await c.reply('PATCH', `/credentials/${seg(cluster, CLUSTER)}`), ['uuid']);
}

// Quotas (no `/` before `?` here, `magnumclient/v1/quotas_shell.py`)
export function quotaPages(c: MagnumClient, f: ListFilters & { allTenants?: boolean }): AsyncGenerator<Resource[]> {
  const filters = commonFilters(f);
  if (f.allTenants) filters.push('all_tenants=True');
  return c.pages(`/quotas${filters.length ? `?${filters.join('&')}` : ''}`, 'quotas', f.limit);
}
function quotaPath(projectId: string, resource: string): string {
  return `/quotas/${seg(projectId, PROJECT)}/${seg(resource, QUOTA_RESOURCE)}`;
}
export async function getQuota(c: MagnumClient, projectId: string, resource: string): Promise<Resource> {
  return objectReply(await c.reply('GET', quotaPath(projectId, resource)));
}
export async function createQuota(c: MagnumClient, body: Resource): Promise<Resource> {
  return objectReply(await c.reply('POST', '/quotas', body));
}
export async function updateQuota(c: MagnumClient, projectId: string, resource: string, body: Resource): Promise<Resource> {
  return objectReply(await c.reply('PATCH', quotaPath(projectId, resource), body));
}
export async function deleteQuota(c: MagnumClient, projectId: string, resource: string): Promise<void> {
  await c.request('DELETE', quotaPath(projectId, resource));
}

// Stats and services
export async function getStats(c: MagnumClient, projectId?: string | null): Promise<Resource> {
  return objectReply(await c.reply('GET', projectId ? `/stats?project_id=${encodeURIComponent(projectId)}` : '/stats'));
}
export function listServices(c: MagnumClient): Promise<Resource[]> {
  return c.list('/mservices', 'mservices');
}

/** `_show_*`: the resource without `links` (`magnumclient/common/cliutils.py print_dict`). */
export function withoutLinks(r: Resource): Resource {
  const { links: _links, ...rest } = r;
  return rest;
}

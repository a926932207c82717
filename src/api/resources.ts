/**
 * Magnum resources: the paths and bodies python-magnumclient's managers use
 * (`magnumclient/v1/*_shell.py`, `magnumclient/osc/v1`), with identifiers percent-encoded.
 */
import type { MagnumClient } from './client';
import { commonFilters, seg } from './client';

export type Resource = Record<string, unknown>;

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
export async function getClusterTemplate(c: MagnumClient, id: string): Promise<Resource> {
  return (await c.request('GET', `/clustertemplates/${seg(id)}`)) as Resource;
}
export async function createClusterTemplate(c: MagnumClient, body: Resource): Promise<Resource> {
  return (await c.request('POST', '/clustertemplates', body)) as Resource;
}
export async function deleteClusterTemplate(c: MagnumClient, id: string): Promise<void> {
  await c.request('DELETE', `/clustertemplates/${seg(id)}`);
}
export async function updateClusterTemplate(c: MagnumClient, id: string, patch: unknown[]): Promise<Resource> {
  return (await c.request('PATCH', `/clustertemplates/${seg(id)}`, patch)) as Resource;
}

// Clusters
export function listClusters(c: MagnumClient, f: ListFilters): Promise<Resource[]> {
  return c.list(collectionPath('clusters', commonFilters(f)), 'clusters', f.limit);
}
export async function getCluster(c: MagnumClient, id: string): Promise<Resource> {
  return (await c.request('GET', `/clusters/${seg(id)}`)) as Resource;
}
export async function createCluster(c: MagnumClient, body: Resource): Promise<Resource> {
  return (await c.request('POST', '/clusters', body)) as Resource;
}
export async function deleteCluster(c: MagnumClient, id: string): Promise<void> {
  await c.request('DELETE', `/clusters/${seg(id)}`);
}
export async function updateCluster(c: MagnumClient, id: string, patch: unknown[], rollback = false): Promise<Resource | null> {
  return (await c.request('PATCH', `/clusters/${seg(id)}${rollback ? '/?rollback=True' : ''}`, patch)) as Resource | null;
}
export async function resizeCluster(c: MagnumClient, uuid: string, body: Resource): Promise<Resource | null> {
  return (await c.request('POST', `/clusters/${seg(uuid)}/actions/resize`, body)) as Resource | null;
}
export async function upgradeCluster(c: MagnumClient, uuid: string, body: Resource): Promise<Resource | null> {
  return (await c.request('POST', `/clusters/${seg(uuid)}/actions/upgrade`, body)) as Resource | null;
}

// Nodegroups (microversion >= 1.9)
export function listNodegroups(c: MagnumClient, cluster: string, f: ListFilters & { role?: string | null }): Promise<Resource[]> {
  const filters = commonFilters(f);
  if (f.role != null) filters.push(`role=${encodeURIComponent(f.role)}`);
  return c.list(collectionPath(`clusters/${seg(cluster)}/nodegroups`, filters), 'nodegroups', f.limit);
}
export async function getNodegroup(c: MagnumClient, cluster: string, id: string): Promise<Resource> {
  return (await c.request('GET', `/clusters/${seg(cluster)}/nodegroups/${seg(id)}`)) as Resource;
}
export async function createNodegroup(c: MagnumClient, cluster: string, body: Resource): Promise<Resource> {
  return (await c.request('POST', `/clusters/${seg(cluster)}/nodegroups/`, body)) as Resource;
}
export async function deleteNodegroup(c: MagnumClient, cluster: string, id: string): Promise<void> {
  await c.request('DELETE', `/clusters/${seg(cluster)}/nodegroups/${seg(id)}`);
}
export async function updateNodegroup(c: MagnumClient, cluster: string, id: string, patch: unknown[]): Promise<Resource | null> {
  return (await c.request('PATCH', `/clusters/${seg(cluster)}/nodegroups/${seg(id)}`, patch)) as Resource | null;
}

// Certificates
export async function getCaCertificate(c: MagnumClient, clusterUuid: string): Promise<Resource> {
  return (await c.request('GET', `/certificates/${seg(clusterUuid)}`)) as Resource;
}
export async function signCertificate(c: MagnumClient, clusterUuid: string, csr: string): Promise<Resource> {
  return (await c.request('POST', '/certificates', { cluster_uuid: clusterUuid, csr })) as Resource;
}
export async function rotateCa(c: MagnumClient, clusterUuid: string): Promise<void> {
  await c.request('PATCH', `/certificates/${seg(clusterUuid)}`);
}

// Credentials (microversion >= 1.12)
export async function rotateCredentials(c: MagnumClient, cluster: string): Promise<Resource | null> {
  return (await c.request('PATCH', `/credentials/${seg(cluster)}`)) as Resource | null;
}

// Quotas (no `/` before `?` here, `magnumclient/v1/quotas_shell.py`)
export function listQuotas(c: MagnumClient, f: ListFilters & { allTenants?: boolean }): Promise<Resource[]> {
  const filters = commonFilters(f);
  if (f.allTenants) filters.push('all_tenants=True');
  return c.list(`/quotas${filters.length ? `?${filters.join('&')}` : ''}`, 'quotas', f.limit);
}
export async function getQuota(c: MagnumClient, projectId: string, resource: string): Promise<Resource> {
  return (await c.request('GET', `/quotas/${seg(projectId)}/${seg(resource)}`)) as Resource;
}
export async function createQuota(c: MagnumClient, body: Resource): Promise<Resource> {
  return (await c.request('POST', '/quotas', body)) as Resource;
}
export async function updateQuota(c: MagnumClient, projectId: string, resource: string, body: Resource): Promise<Resource> {
  return (await c.request('PATCH', `/quotas/${seg(projectId)}/${seg(resource)}`, body)) as Resource;
}
export async function deleteQuota(c: MagnumClient, projectId: string, resource: string): Promise<void> {
  await c.request('DELETE', `/quotas/${seg(projectId)}/${seg(resource)}`);
}

// Stats and services
export async function getStats(c: MagnumClient, projectId?: string | null): Promise<Resource> {
  return (await c.request('GET', projectId ? `/stats?project_id=${encodeURIComponent(projectId)}` : '/stats')) as Resource;
}
export function listServices(c: MagnumClient): Promise<Resource[]> {
  return c.list('/mservices', 'mservices');
}

/** `_show_*`: the resource without `links` (`magnumclient/common/cliutils.py print_dict`). */
export function withoutLinks(r: Resource): Resource {
  const { links: _links, ...rest } = r;
  return rest;
}

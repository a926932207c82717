/**
 * Choosing the Magnum endpoint from a Keystone v3 catalog (`keystoneauth1/access/service_catalog.py ServiceCatalog.endpoint_data_for`).
 */
export interface CatalogEndpoint {
  interface?: string;
  region?: string;
  region_id?: string;
  url?: string;
}

export interface CatalogService {
  type?: string;
  name?: string;
  endpoints?: CatalogEndpoint[];
}

const OFFICIAL = 'container-infrastructure-management';
const ALIASES = ['container-infrastructure', 'container-infra'];

/** os-service-types matching: equal, or official↔alias; never alias↔alias (`keystoneauth1/access/service_catalog.py, os-service-types`). */
function typeMatches(requested: string, catalogType: string): boolean {
  if (requested === catalogType) return true;
  if (catalogType === OFFICIAL && ALIASES.includes(requested)) return true;
  if (requested === OFFICIAL && ALIASES.includes(catalogType)) return true;
  return false;
}

export class EndpointNotFound extends Error {}

function findEndpoint(catalog: CatalogService[], serviceType: string, iface: string, region?: string): string | undefined {
  const services = catalog.filter((s) => s.type && typeMatches(serviceType, s.type));
  // The exact type wins over an alias match (service_catalog.py:224-283).
  services.sort((a, b) => Number(b.type === serviceType) - Number(a.type === serviceType));
  for (const service of services) {
    for (const ep of service.endpoints ?? []) {
      if (!ep.url) continue;
      if (ep.interface !== iface) continue;
      if (region !== undefined && (ep.region_id ?? ep.region) !== region) continue;
      return ep.url;
    }
  }
  return undefined;
}

/**
 * The endpoint URL for `serviceType`. Like magnumclient 4.0.0 it retries with the
 * legacy type `container`, and the not-found message names that type (v1/client.py:53-77),
 * so scripts matching the reference's message keep working.
 */
export function selectEndpoint(catalog: CatalogService[] | undefined, serviceType: string, iface: string, region?: string): string {
  if (!catalog || catalog.length === 0) throw new EndpointNotFound('The service catalog is empty.');
  const url = findEndpoint(catalog, serviceType, iface, region) ?? findEndpoint(catalog, 'container', iface, region);
  if (url) return url;
  throw new EndpointNotFound(`${iface} endpoint for container service${region !== undefined ? ` in ${region} region` : ''} not found`);
}

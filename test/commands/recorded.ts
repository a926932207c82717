// What the fake magnum received, for asserting on the requests a command sent.
import type { FakeCloud, RecordedRequest } from '../support/fake-cloud';

/** Magnum requests received after `since` (an index into cloud.requests), optionally one method only. */
export function magnumRequests(cloud: FakeCloud, since = 0, method?: string): RecordedRequest[] {
  return cloud.requests.slice(since).filter((r) => r.server === 'magnum' && (method === undefined || r.method === method));
}

/** `METHOD /path` lines of the magnum requests after `since`, the shape most assertions want. */
export function magnumCalls(cloud: FakeCloud, since = 0): string[] {
  return magnumRequests(cloud, since).map((r) => `${r.method} ${r.path}`);
}

/** The raw body of the last magnum request with this method, to check key order byte for byte. */
export function lastBody(cloud: FakeCloud, method: string): string | undefined {
  return [...cloud.requests].reverse().find((r) => r.server === 'magnum' && r.method === method)?.body;
}

import { describe, expect, it } from 'vitest';
import { checkPathArgs, pathSegment, unsafeSegmentReason, IDENTIFIER } from '../../src/api/identifiers';
import type { MagnumClient } from '../../src/api/client';
import * as resources from '../../src/api/resources';

describe('pathSegment', () => {
  it.each(['', ' ', '\t\n', '.', '..', 'a/b', '/', '../x'])('refuses %j', (value) => {
    expect(unsafeSegmentReason(value)).not.toBeNull();
    expect(() => pathSegment(value, IDENTIFIER.cluster)).toThrow(/^Invalid cluster name or ID /);
  });

  it.each([
    ['k8s', 'k8s'],
    ['...', '...'],
    ['.x', '.x'],
    [' . ', '%20.%20'],
    ['#', '%23'],
    ['%73', '%2573'],
    ['?', '%3F'],
    ['a b', 'a%20b'],
    ['é', '%C3%A9'],
    ['a\\b', 'a%5Cb'],
    ['%2e%2e', '%252e%252e'],
  ])('encodes %j as %s', (value, encoded) => {
    expect(pathSegment(value, IDENTIFIER.cluster)).toBe(encoded);
  });

  it('says what a lone surrogate is instead of throwing a URIError', () => {
    expect(() => pathSegment('\ud800', IDENTIFIER.nodegroup)).toThrow('Invalid nodegroup name or ID "\\ud800": it is not valid Unicode.');
  });
});

describe('checkPathArgs', () => {
  it('checks every element of a list, and skips absent values', () => {
    expect(() => checkPathArgs({ ids: IDENTIFIER.cluster, other: IDENTIFIER.nodegroup }, { ids: ['a', '..'], other: null })).toThrow('"..":');
    expect(() => checkPathArgs({ ids: IDENTIFIER.cluster }, { ids: ['a', 'b'] })).not.toThrow();
  });

  it('leaves an empty value to the command when it means "missing"', () => {
    const arg = { what: IDENTIFIER.cluster, emptyIsMissing: true } as const;
    expect(() => checkPathArgs({ c: arg }, { c: '' })).not.toThrow();
    expect(() => checkPathArgs({ c: arg }, { c: '.' })).toThrow();
  });
});

describe('resources.ts builds no path from a refused identifier (no caller can forget)', () => {
  const calls: string[] = [];
  const client = {
    request: async (m: string, p: string) => void calls.push(`${m} ${p}`),
    reply: async (m: string, p: string) => void calls.push(`${m} ${p}`),
    list: async (p: string) => void calls.push(`LIST ${p}`),
  } as unknown as MagnumClient;
  const bad = '..';
  const uses: [string, () => Promise<unknown>][] = [
    ['getClusterTemplate', () => resources.getClusterTemplate(client, bad)],
    ['deleteClusterTemplate', () => resources.deleteClusterTemplate(client, bad)],
    ['updateClusterTemplate', () => resources.updateClusterTemplate(client, bad, [])],
    ['getCluster', () => resources.getCluster(client, bad)],
    ['deleteCluster', () => resources.deleteCluster(client, bad)],
    ['updateCluster', () => resources.updateCluster(client, bad, [])],
    ['resizeCluster', () => resources.resizeCluster(client, bad, {})],
    ['upgradeCluster', () => resources.upgradeCluster(client, bad, {})],
    ['nodegroupPages', async () => resources.nodegroupPages(client, bad, {}).next()],
    ['getNodegroup (cluster)', () => resources.getNodegroup(client, bad, 'ng')],
    ['getNodegroup (nodegroup)', () => resources.getNodegroup(client, 'k8s', bad)],
    ['createNodegroup', () => resources.createNodegroup(client, bad, {})],
    ['deleteNodegroup (cluster)', () => resources.deleteNodegroup(client, bad, 'ng')],
    ['deleteNodegroup (nodegroup)', () => resources.deleteNodegroup(client, 'k8s', bad)],
    ['updateNodegroup', () => resources.updateNodegroup(client, 'k8s', bad, [])],
    ['getCaCertificate', () => resources.getCaCertificate(client, bad)],
    ['rotateCa', () => resources.rotateCa(client, bad)],
    ['rotateCredentials', () => resources.rotateCredentials(client, bad)],
    ['getQuota (project)', () => resources.getQuota(client, bad, 'Cluster')],
    ['updateQuota (resource)', () => resources.updateQuota(client, 'p', bad, {})],
    ['deleteQuota (project)', () => resources.deleteQuota(client, bad, 'Cluster')],
  ];
  it.each(uses)('%s', async (_name, use) => {
    await expect((async () => use())()).rejects.toThrow(/^Invalid .* "\.\.": "\." and "\.\." are URL path steps/);
    expect(calls).toEqual([]);
  });
});

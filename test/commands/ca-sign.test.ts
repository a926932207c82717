import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClientKeyAndCsr } from '../../src/certs/csr';
import { useFakeCloud } from '../support/cli-fixture';
import { lastBody, magnumCalls } from './recorded';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
const dir = tempDir('ca-sign-test-');
const csrPem = generateClientKeyAndCsr().csrPem;
const csrFile = join(dir, 'client.csr');
writeFileSync(csrFile, csrPem);
const notCsr = join(dir, 'notes.txt');
writeFileSync(notCsr, 'hello. world\n');
mkdirSync(join(dir, 'a-directory'));

describe('ca-sign', () => {
  it('sends the CSR file for the cluster uuid and prints the signed certificate', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-1' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-sign', '--cluster', 'k8s-1', '--csr', csrFile]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // The server strips the PEM; print() adds the one newline.
    expect(r.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/clusters/k8s-1', 'POST /v1/certificates']);
    expect(lastBody(f.cloud, 'POST')).toBe(JSON.stringify({ cluster_uuid: c.uuid, csr: csrPem }));
  });

  it('resolves a relative --csr against the working directory', async () => {
    const r = await f.magnum(['ca-sign', '--cluster', 'k8s-1', '--csr', 'client.csr'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it.each([
    ['no --csr', []],
    ['a --csr that does not exist', ['--csr', join(dir, 'missing.csr')]],
    ['a --csr that is a directory', ['--csr', join(dir, 'a-directory')]],
  ])('prints the reference line for %s, after the cluster lookup, and exits 1', async (_what, extra) => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-sign', '--cluster', 'k8s-1', ...extra]);
    expect(r).toEqual({ stdout: 'A CSR must be provided.\n', stderr: '', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/clusters/k8s-1']);
  });

  it('refuses a file that is not a CSR without sending it', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-sign', '--cluster', 'k8s-1', '--csr', notCsr]);
    expect(r).toEqual({
      stdout: '',
      stderr: `ERROR: ${notCsr} is not a PEM certificate signing request (no "-----BEGIN CERTIFICATE REQUEST-----" line)\n`,
      code: 1,
    });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/clusters/k8s-1']);
  });

  it('needs --cluster: main help on stdout, MissingArgs', async () => {
    const mainHelp = (await f.magnum(['help'])).stdout;
    const r = await f.magnum(['ca-sign', '--csr', csrFile]);
    expect(r).toEqual({ stdout: mainHelp, stderr: 'ERROR: Missing arguments: --cluster\n', code: 1 });
  });

  it('fails on an unknown cluster before looking at the CSR', async () => {
    const r = await f.magnum(['ca-sign', '--cluster', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\)/);
  });
});

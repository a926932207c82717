import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('cluster-template-show', () => {
  it('prints every field but links in server order, Python reprs for dicts', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s-tmpl', labels: { kube_tag: 'v1.21.1', foo: 'bar' } });
    const r = await f.magnum(['cluster-template-show', 'k8s-tmpl']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .map((l) => l.split('|')[1].trim());
    expect(rows.slice(0, 4)).toEqual(['Property', 'uuid', 'name', 'coe']);
    expect(rows).not.toContain('links');
    expect(r.stdout).toContain(`| uuid                  | ${t.uuid}`);
    expect(r.stdout).toMatch(/\| labels {16}\| \{'kube_tag': 'v1\.21\.1', 'foo': 'bar'\} *\|\n/);
    expect(r.stdout).toMatch(/\| fixed_network {9}\| - +\|\n/);
  });

  it('percent-encodes names with spaces and non-ASCII characters', async () => {
    f.cloud.seedTemplate({ name: 'mi plantilla ñ' });
    const r = await f.magnum(['cluster-template-show', 'mi plantilla ñ']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| mi plantilla ñ ');
    expect(f.cloud.requests.at(-1)?.path).toBe('/v1/clustertemplates/mi%20plantilla%20%C3%B1');
  });

  it('reports an unknown template with the server title and request id', async () => {
    const r = await f.magnum(['cluster-template-show', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: ClusterTemplate nope could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
  });
});

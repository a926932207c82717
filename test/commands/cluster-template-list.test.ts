import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('cluster-template-list', () => {
  it('lists uuid and name, with title-cased --fields', async () => {
    const a = f.cloud.seedTemplate({ name: 'k8s-tmpl', labels: { kube_tag: 'v1.21.1', foo: 'bar' } });
    const b = f.cloud.seedTemplate({ name: 'swarm-tmpl', coe: 'swarm-mode', labels: {}, tls_disabled: true });
    const r = await f.magnum(['cluster-template-list', '--fields', 'coe,labels,tls_disabled']);
    expect(r).toEqual({
      stdout:
        '+--------------------------------------+------------+------------+---------------------------------------+--------------+\n' +
        '| uuid                                 | name       | Coe        | Labels                                | Tls Disabled |\n' +
        '+--------------------------------------+------------+------------+---------------------------------------+--------------+\n' +
        `| ${a.uuid} | k8s-tmpl   | kubernetes | {'kube_tag': 'v1.21.1', 'foo': 'bar'} | False        |\n` +
        `| ${b.uuid} | swarm-tmpl | swarm-mode | {}                                    | True         |\n` +
        '+--------------------------------------+------------+------------+---------------------------------------+--------------+\n',
      stderr: '',
      code: 0,
    });
  });

  it('--detail asks for /detail and shows the detail columns', async () => {
    const r = await f.magnum(['cluster-template-list', '--detail', '--limit', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^\| name +\| image_id +\| flavor_id .*\| cluster_distro +\| uuid +\|$/);
    expect(f.cloud.requests.at(-1)?.path).toBe('/v1/clustertemplates/detail?limit=1');
  });
});

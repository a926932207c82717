import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { lastBody, magnumCalls } from './recorded';

const f = useFakeCloud();

describe('cluster-template-update', () => {
  it('PATCHes the JSON-Patch list and prints the updated template without links', async () => {
    f.cloud.seedTemplate({ name: 'k8s' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-template-update', 'k8s', 'replace', 'labels=x=1,y=2', 'dns_nameserver=1.1.1.1', 'docker_volume_size=20']);
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clustertemplates/k8s']);
    expect(lastBody(f.cloud, 'PATCH')).toBe(
      '[{"op":"replace","path":"/labels","value":"{\'x\': \'1\', \'y\': \'2\'}"},' +
        '{"op":"replace","path":"/dns_nameserver","value":"1.1.1.1"},{"op":"replace","path":"/docker_volume_size","value":20}]',
    );
    const show = await f.magnum(['cluster-template-show', 'k8s']);
    expect(r).toEqual({ stdout: show.stdout, stderr: '', code: 0 });
    expect(r.stdout).toContain("| labels                | {'x': '1', 'y': '2'}");
    expect(r.stdout).toContain('| dns_nameserver        | 1.1.1.1 ');
  });

  it('sends remove with paths only', async () => {
    const r = await f.magnum(['cluster-template-update', 'k8s', 'remove', 'http_proxy', '/labels']);
    expect(lastBody(f.cloud, 'PATCH')).toBe('[{"op":"remove","path":"/http_proxy"},{"op":"remove","path":"/labels"}]');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| labels                | {} ');
  });

  it('reports a server refusal as ERROR, exit 1', async () => {
    const r = await f.magnum(['cluster-template-update', 'k8s', 'remove', 'coe']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: '\/coe' is a mandatory attribute and can not be removed \(HTTP 400\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/);
  });

  it('fails on an unknown template', async () => {
    const r = await f.magnum(['cluster-template-update', 'nope', 'replace', 'name=x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: ClusterTemplate nope could not be found \(HTTP 404\)/);
  });

  it('refuses a change to a template in use', async () => {
    const t = f.cloud.seedTemplate({ name: 'busy' });
    f.cloud.seedCluster({ cluster_template_id: t.uuid });
    const r = await f.magnum(['cluster-template-update', 'busy', 'replace', 'dns_nameserver=9.9.9.9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: ClusterTemplate ${t.uuid} is referenced by one or multiple clusters \\(HTTP 400\\)`));
  });

  it('rejects an attribute without = before sending anything', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-template-update', 'k8s', 'replace', 'dns_nameserver']);
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: Attributes must be a list of PATH=VALUE not "/dns_nameserver"\n', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('rejects an unknown operation (exit 2)', async () => {
    const r = await f.magnum(['cluster-template-update', 'k8s', 'move', 'a=b']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum cluster-template-update <cluster_template> <op> <path=value>\n' +
        '                                      [<path=value> ...]\n' +
        "error: argument <op>: invalid choice: 'move'\n" +
        "Try 'magnum help cluster-template-update' for more information.\n",
      code: 2,
    });
  });
});

// Setting hidden is for admins (policy).
const admin = useFakeCloud({}, 'admin');

describe('cluster-template-update --hidden/--visible (openstack coe)', () => {
  it('replaces /hidden without the positional form; the last of the two wins', async () => {
    admin.cloud.seedTemplate({ name: 'k8s-hide', project_id: PROJECTS.admin.id });
    const since = admin.cloud.requests.length;
    const r = await admin.magnum(['cluster-template-update', 'k8s-hide', '--visible', '--hidden', '-c', 'hidden']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: '+----------+-------+\n| Property | Value |\n+----------+-------+\n| hidden   | True  |\n+----------+-------+\n',
    });
    expect(magnumCalls(admin.cloud, since)).toEqual(['PATCH /v1/clustertemplates/k8s-hide']);
    expect(lastBody(admin.cloud, 'PATCH')).toBe('[{"op":"replace","path":"/hidden","value":true}]');
  });

  it('is refused for a non-admin, as the server decides (policy), exit 1', async () => {
    f.cloud.seedTemplate({ name: 'k8s-demo-hide' });
    const r = await f.magnum(['cluster-template-update', 'k8s-demo-hide', '--hidden']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Not authorized to set public or hidden flag for cluster template \(HTTP 403\)/);
  });

  it('adds --visible after the positional form', async () => {
    await admin.magnum(['cluster-template-update', 'k8s-hide', 'replace', 'name=k8s-shown', '--visible']);
    expect(lastBody(admin.cloud, 'PATCH')).toBe(
      '[{"op":"replace","path":"/name","value":"k8s-shown"},{"op":"replace","path":"/hidden","value":false}]',
    );
  });
});

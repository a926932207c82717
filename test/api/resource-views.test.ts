// The typed views of src/api/resources.ts: the fields the code reads, with the type the reply
// check gives them. The expectTypeOf and `@ts-expect-error` lines are checked by
// `npm run typecheck` (part of `npm test`); the runtime half shows that a view is the reply
// itself (every field kept for the tables) and that a checked field really is checked.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MagnumClient } from '../../src/api/client';
import type { Reply } from '../../src/api/reply-shape';
import { getCaCertificate, getCluster, getClusterTemplate, getNodegroup, withoutLinks } from '../../src/api/resources';
import type { ClusterView } from '../../src/api/resources';

/** A client whose every reply is `data` (only `reply` is used by the getters). */
function answering(data: Record<string, unknown>): MagnumClient {
  const stub: Pick<MagnumClient, 'reply'> = {
    reply: async (_method: string, path: string): Promise<Reply> => ({ url: `http://magnum/v1${path}`, status: 200, data }),
  };
  return stub as MagnumClient;
}

const CLUSTER = {
  uuid: 'c-1',
  cluster_template_id: 't-1',
  name: 'k8s',
  api_address: 'https://10.0.0.5:6443',
  status: 'CREATE_COMPLETE',
  links: [],
  keypair: 'kp',
};

describe('resource views', () => {
  it('type the fields the code reads; a misspelt field does not compile', async () => {
    const cluster = await getCluster(answering(CLUSTER), 'k8s');
    expectTypeOf(cluster.uuid).toEqualTypeOf<string>();
    expectTypeOf(cluster.cluster_template_id).toEqualTypeOf<string>();
    // Not checked by the reply check: the code converts it where it uses it.
    expectTypeOf(cluster.api_address).toEqualTypeOf<unknown>();
    // @ts-expect-error a field the code does not read (or a typo of one) is not in the view
    void cluster.api_adress;
    const template = await getClusterTemplate(answering({ uuid: 't-1', coe: 'kubernetes' }), 't-1');
    // @ts-expect-error a template has no cluster_template_id
    void template.cluster_template_id;
    const nodegroup = await getNodegroup(answering({ uuid: 'n-1', status: 'UPDATE_COMPLETE' }), 'k8s', 'n-1');
    expectTypeOf(nodegroup.uuid).toEqualTypeOf<string>();
    const certificate = await getCaCertificate(answering({ pem: 'PEM', cluster_uuid: 'c-1' }), 'c-1');
    expectTypeOf(certificate.pem).toEqualTypeOf<string>();
  });

  it('are the reply itself: every other field is still there for the tables', async () => {
    const cluster: ClusterView = await getCluster(answering(CLUSTER), 'k8s');
    expect(withoutLinks(cluster)).toEqual({
      uuid: 'c-1',
      cluster_template_id: 't-1',
      name: 'k8s',
      api_address: 'https://10.0.0.5:6443',
      status: 'CREATE_COMPLETE',
      keypair: 'kp',
    });
  });

  it('hold a checked field only when the reply has it as a non-empty string', async () => {
    await expect(getCluster(answering({ ...CLUSTER, cluster_template_id: 7 }), 'k8s')).rejects.toThrow(
      '"cluster_template_id" is a number, not a string',
    );
    await expect(getCaCertificate(answering({ cluster_uuid: 'c-1' }), 'c-1')).rejects.toThrow('the reply has no "pem"');
  });
});

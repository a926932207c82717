import * as YAML from 'yaml';
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { mergeKubeconfig } from '../../src/kube/merge';
import { renderCertKubeconfig } from '../../src/kube/kubeconfig';
it('x', () => {
const src = readFileSync('test/kube/merge.test.ts','utf8');
const EX = src.split('const EXISTING = `')[1].split('`;')[0];
const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
require('node:fs').writeFileSync('/tmp/mt/out.yaml', mergeKubeconfig(YAML, EX, renderCertKubeconfig({ clusterName: 'k8s', server: 'https://127.0.0.1:6443', caPem: CA, certPem: 'CERT\n', keyPem: 'KEY\n' }), { cluster: 'k8s', user: 'k8s-admin', context: 'k8s' }).text);
});

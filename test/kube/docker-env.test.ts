import { describe, expect, it } from 'vitest';
import { detectShellFlavour, renderDockerEnv, renderKubeconfigEnv, type ShellFlavour } from '../../src/kube/docker-env';

const API = 'https://172.24.4.10:6443';
const DIR = '/tmp/mag/t-swarm';

describe('renderDockerEnv (`magnumclient/common/utils.py _config_cluster_swarm`)', () => {
  const cases: [ShellFlavour, boolean, string][] = [
    ['posix', true, `export DOCKER_HOST=${API}\nexport DOCKER_CERT_PATH=${DIR}\nexport DOCKER_TLS_VERIFY=True\n`],
    ['posix', false, `export DOCKER_HOST=${API}\nexport DOCKER_CERT_PATH=${DIR}\nexport DOCKER_TLS_VERIFY=\n`],
    ['csh', true, `setenv DOCKER_HOST ${API}\nsetenv DOCKER_CERT_PATH ${DIR}\nsetenv DOCKER_TLS_VERIFY True\n`],
    // the reference keeps the space before the empty value
    ['csh', false, `setenv DOCKER_HOST ${API}\nsetenv DOCKER_CERT_PATH ${DIR}\nsetenv DOCKER_TLS_VERIFY \n`],
    ['fish', true, `set -gx DOCKER_HOST ${API}\nset -gx DOCKER_CERT_PATH ${DIR}\nset -gx DOCKER_TLS_VERIFY True\n`],
    ['fish', false, `set -gx DOCKER_HOST ${API}\nset -gx DOCKER_CERT_PATH ${DIR}\nset -gx DOCKER_TLS_VERIFY \n`],
  ];

  it.each(cases)('%s, tls=%s', (shell, tls, expected) => {
    expect(renderDockerEnv({ apiAddress: API, certDir: DIR, tls, shell })).toBe(expected);
  });

  it('matches the reference transcript for bash (swarm-mode, TLS disabled)', () => {
    // magnumclient-artifacts cli_transcripts: stdout is this block plus print()'s extra newline
    const printed = renderDockerEnv({ apiAddress: API, certDir: DIR, tls: false, shell: 'posix' }) + '\n';
    expect(printed).toBe(
      'export DOCKER_HOST=https://172.24.4.10:6443\n' + 'export DOCKER_CERT_PATH=/tmp/mag/t-swarm\n' + 'export DOCKER_TLS_VERIFY=\n' + '\n',
    );
  });

  it('renders an unknown api_address as None, like the reference', () => {
    expect(renderDockerEnv({ apiAddress: null, certDir: DIR, tls: true, shell: 'posix' })).toMatch(/^export DOCKER_HOST=None\n/);
  });
});

describe('renderKubeconfigEnv (`magnumclient/common/utils.py config_cluster`)', () => {
  it.each([
    ['posix', 'export KUBECONFIG=/tmp/mag/cfg/config\n'],
    ['csh', 'setenv KUBECONFIG /tmp/mag/cfg/config\n'],
    ['fish', 'set -gx KUBECONFIG /tmp/mag/cfg/config\n'],
  ] as [ShellFlavour, string][])('%s', (shell, expected) => {
    expect(renderKubeconfigEnv('/tmp/mag/cfg/config', shell)).toBe(expected);
  });
});

describe('detectShellFlavour', () => {
  it.each([
    [undefined, 'posix'], // the reference raises KeyError here; we don't
    ['', 'posix'],
    ['/bin/bash', 'posix'],
    ['/usr/bin/zsh', 'posix'],
    ['/bin/sh', 'posix'],
    ['/bin/csh', 'csh'],
    ['/usr/bin/tcsh', 'csh'], // substring test, as in the reference
    ['/usr/bin/fish', 'fish'],
    ['fish', 'fish'],
    ['/usr/local/bin/fishy', 'posix'],
    ['/opt/fish/bin/bash', 'posix'],
  ] as [string | undefined, ShellFlavour][])('%s → %s', (shell, expected) => {
    expect(detectShellFlavour(shell)).toBe(expected);
  });
});

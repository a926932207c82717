/**
 * A small command table with one of each thing the generators handle, so the shell tests
 * do not change whenever a command is added to the real table.
 */
import type { OptionSpec } from '../../src/argparse/spec';
import type { CompletionCommand } from '../../src/completions/generate';

export const FIXTURE_GLOBALS: OptionSpec[] = [
  { flags: ['-h', '--help'], dest: 'help', action: 'store_true' },
  { flags: ['--version'], dest: 'version', action: 'store_true', help: "show program's version number and exit" },
  { flags: ['--debug'], dest: 'debug', action: 'store_true', help: 'Print debugging output.' },
  { flags: ['--os-cloud'], dest: 'os_cloud', metavar: '<auth-cloud>', help: 'Defaults to env[OS_CLOUD].' },
  { flags: ['--os-cacert'], dest: 'os_cacert', metavar: '<ca-certificate>', help: 'Specify a CA bundle file. Defaults to env[OS_CACERT].' },
  { flags: ['--service-type'], dest: 'service_type', metavar: '<service-type>', help: 'Defaults to container-infra for all actions.' },
  { flags: ['--service_type'], dest: 'service_type' },
  { flags: ['--insecure'], dest: 'insecure', action: 'store_true', help: "Don't verify [https] connections: ever." },
];

const CLUSTER: { dest: string; metavar: string } = { dest: 'cluster', metavar: '<cluster>' };

export const FIXTURE_COMMANDS: CompletionCommand[] = [
  {
    name: 'ca-sign',
    help: 'Generate the CA certificate for a cluster.',
    options: [
      { flags: ['--csr'], dest: 'csr', metavar: '<csr>', help: 'File path of the csr file to send to Magnum to get signed.' },
      { flags: ['--cluster'], dest: 'cluster', metavar: '<cluster>', required: true, help: 'ID or name of the cluster.' },
    ],
  },
  {
    name: 'cluster-config',
    help: 'Configure native client to access cluster. You can source the output.',
    positionals: [{ ...CLUSTER, help: 'ID or name of the cluster to retrieve config.' }],
    options: [
      { flags: ['--dir'], dest: 'dir', metavar: '<dir>', default: '.', help: 'Directory to save the certificate and config files.' },
      { flags: ['--force'], dest: 'force', action: 'store_true', help: 'Overwrite files if existing.' },
    ],
  },
  {
    name: 'cluster-create',
    help: 'Create a cluster.',
    positionals: [{ dest: 'positional_name', metavar: '<name>', nargs: '?', help: 'Name of the cluster to create.' }],
    options: [
      { flags: ['--keypair-id'], dest: 'keypair', metavar: '<keypair>', help: 'Name of the keypair. Deprecated.' },
      { flags: ['--keypair'], dest: 'keypair', metavar: '<keypair>', help: 'Name of the keypair.' },
      { flags: ['--cluster-template'], dest: 'cluster_template', metavar: '<cluster_template>', help: 'ID or name of the cluster template.' },
      { flags: ['--labels'], dest: 'labels', metavar: '<KEY1=VALUE1,KEY2=VALUE2;KEY3=VALUE3...>', action: 'append', help: 'Arbitrary labels.' },
    ],
    groups: [{ members: ['--keypair-id', '--keypair'] }],
  },
  {
    name: 'cluster-delete',
    help: 'Delete specified cluster.',
    positionals: [{ ...CLUSTER, nargs: '+', help: 'ID or name of the (cluster)s to delete.' }],
  },
  {
    name: 'cluster-list',
    help: 'Print a list of available clusters.',
    options: [
      { flags: ['--limit'], dest: 'limit', metavar: '<limit>', type: 'int', help: 'Maximum number of clusters to return.' },
      { flags: ['--sort-dir'], dest: 'sort_dir', metavar: '<sort-dir>', choices: ['desc', 'asc'], help: 'Direction to sort. "asc" or "desc".' },
      // Declared like the CLI's -f: hidden from help, still completed.
      { flags: ['-f', '--format'], dest: 'format', metavar: '{csv,json}', choices: ['csv', 'json'] },
    ],
  },
  {
    name: 'cluster-show',
    help: 'Show details about the given cluster.',
    positionals: [{ ...CLUSTER, help: 'ID or name of the cluster to show.' }],
    options: [{ flags: ['--long'], dest: 'long', action: 'store_true', help: 'Display extra associated Baymodel info.' }],
  },
  {
    name: 'cluster-update',
    help: 'Update information about the given cluster.',
    positionals: [
      { ...CLUSTER, help: 'UUID or name of cluster' },
      { dest: 'op', metavar: '<op>', choices: ['add', 'replace', 'remove'], help: "Operations: 'add', 'replace' or 'remove'" },
      { dest: 'attributes', metavar: '<path=value>', nargs: '+', help: 'Attributes to add/replace or remove.' },
    ],
    options: [{ flags: ['--rollback'], dest: 'rollback', action: 'store_true', help: 'Rollback cluster on update failure.' }],
  },
  {
    name: 'cluster-template-show',
    help: 'Show details about the given cluster template.',
    positionals: [{ dest: 'cluster_template', metavar: '<cluster_template>', help: 'ID or name of the cluster template to show.' }],
  },
  {
    name: '__complete',
    help: 'Names for the completion scripts.',
    hidden: true,
    positionals: [{ dest: 'resource', metavar: '<resource>', choices: ['clusters', 'cluster-templates'] }],
  },
  {
    name: 'help',
    help: 'Display help about this program or one of its subcommands.',
    positionals: [{ dest: 'command', metavar: '<subcommand>', nargs: '?', help: 'Display help for <subcommand>.' }],
  },
];

export const FIXTURE_VISIBLE_COMMANDS = FIXTURE_COMMANDS.filter((c) => !c.hidden).map((c) => c.name);

/** The visible fixture commands whose names start with `cluster-`, in table order. */
export const FIXTURE_CLUSTER_COMMANDS = FIXTURE_COMMANDS.filter((c) => !c.hidden && c.name.startsWith('cluster-')).map((c) => c.name);

/** What the fake `magnum __complete` of shells.ts prints (the last name would run code if a shell expanded it). */
export const FAKE_CLUSTERS = ['alpha', 'beta', '$(echo pwned)'];
export const FAKE_TEMPLATES = ['k8s-template'];

/**
 * Command lines (the last word is being completed) and what every shell must offer for
 * them with the fixture table and the fake magnum of shells.ts (compared sorted: each
 * shell orders its candidates its own way).
 */
export const COMMON_CASES: [string, string[]][] = [
  ['magnum cluster-', FIXTURE_CLUSTER_COMMANDS],
  ['magnum ', FIXTURE_VISIBLE_COMMANDS],
  ['magnum --s', ['--service-type']],
  ['magnum --os-cloud prod --insecure cluster-s', ['cluster-show']],
  ['magnum help cluster-s', ['cluster-show']],
  ['magnum cluster-list --sort-dir ', ['asc', 'desc']],
  ['magnum cluster-list -f ', ['csv', 'json']],
  ['magnum cluster-update alpha ', ['add', 'replace', 'remove']],
  ['magnum cluster-update --rollback alpha re', ['replace', 'remove']],
  ['magnum cluster-update alpha add ', []],
  ['magnum cluster-show ', FAKE_CLUSTERS],
  ['magnum cluster-show a', ['alpha']],
  ['magnum cluster-delete alpha b', ['beta']],
  ['magnum ca-sign --cluster a', ['alpha']],
  ['magnum cluster-template-show ', FAKE_TEMPLATES],
  ['magnum cluster-create --cluster-template k', FAKE_TEMPLATES],
];

/** The `<op> <path=value> [...]` positionals of cluster-update and cluster-template-update (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_update`, `magnumclient/v1/clusters_shell.py do_cluster_update`). */
import type { Positional } from '../../argparse/spec';

export const OP_POSITIONAL: Positional<'op', { choices: readonly ['add', 'replace', 'remove'] }> = {
  dest: 'op',
  metavar: '<op>',
  choices: ['add', 'replace', 'remove'],
  help: "Operations: 'add', 'replace' or 'remove'",
};

export const ATTRIBUTES_POSITIONAL: Positional<'attributes', { nargs: '+' }> = {
  dest: 'attributes',
  metavar: '<path=value>',
  nargs: '+',
  help: 'Attributes to add/replace or remove (only PATH is necessary on remove)',
};

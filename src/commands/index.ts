/**
 * The command table, in the reference's help order (`magnumclient/shell.py do_help`): modules
 * certificates, clusters, cluster_templates, mservices, stats, quotas, each
 * alphabetical, then bash-completion and help.
 */
import type { CommandModule } from './types';
import { caRotate } from './ca-rotate';
import { caShow } from './ca-show';
import { caSign } from './ca-sign';
import { clusterConfig } from './cluster-config';
import { clusterCreate } from './cluster-create';
import { clusterDelete } from './cluster-delete';
import { clusterList } from './cluster-list';
import { clusterShow } from './cluster-show';
import { clusterUpdate } from './cluster-update';
import { clusterResize } from './cluster-resize';
import { clusterUpgrade } from './cluster-upgrade';
import { clusterTemplateCreate } from './cluster-template-create';
import { clusterTemplateDelete } from './cluster-template-delete';
import { clusterTemplateList } from './cluster-template-list';
import { clusterTemplateShow } from './cluster-template-show';
import { clusterTemplateUpdate } from './cluster-template-update';
import { serviceList } from './service-list';
import { statsList } from './stats-list';
import { quotasCreate } from './quotas-create';
import { quotasDelete } from './quotas-delete';
import { quotasList } from './quotas-list';
import { quotasShow } from './quotas-show';
import { quotasUpdate } from './quotas-update';
import { nodegroupCreate } from './nodegroup-create';
import { nodegroupDelete } from './nodegroup-delete';
import { nodegroupList } from './nodegroup-list';
import { nodegroupShow } from './nodegroup-show';
import { nodegroupUpdate } from './nodegroup-update';
import { credentialRotate } from './credential-rotate';
import { bashCompletion } from './bash-completion';
import { help } from './help';
import { completion } from './completion';
import { complete } from './complete';
import { execCredential } from './exec-credential';
import { kubeconfigCheck } from './kubeconfig-check';
import { authStatus } from './auth-status';

export const COMMANDS: readonly CommandModule[] = [
  caRotate,
  caShow,
  caSign,
  clusterConfig,
  clusterCreate,
  clusterDelete,
  clusterList,
  clusterShow,
  clusterUpdate,
  // Beyond the reference (`openstack coe cluster resize/upgrade`, docs/extensions.md).
  clusterResize,
  clusterUpgrade,
  clusterTemplateCreate,
  clusterTemplateDelete,
  clusterTemplateList,
  clusterTemplateShow,
  clusterTemplateUpdate,
  serviceList,
  statsList,
  quotasCreate,
  quotasDelete,
  quotasList,
  quotasShow,
  quotasUpdate,
  // Beyond the reference (`openstack coe nodegroup ...`, docs/extensions.md).
  nodegroupCreate,
  nodegroupDelete,
  nodegroupList,
  nodegroupShow,
  nodegroupUpdate,
  // Beyond the reference (`openstack coe credential rotate`, Magnum API 1.12).
  credentialRotate,
  // Beyond the reference: the kubeconfig check (docs/kubectl-plugin.md).
  kubeconfigCheck,
  bashCompletion,
  help,
  // Beyond the reference: the completion scripts themselves (docs/completions.md).
  completion,
  // Beyond the reference: who and how this configuration logs in (docs/auth.md).
  authStatus,
  // Hidden: names for the shell completion scripts.
  complete,
  // Hidden: run by kubectl through the kubeconfig of cluster-config --use-keystone.
  execCredential,
];

export function findCommand(name: string): CommandModule | undefined {
  // `bash_completion` is the reference's hidden alias.
  const wanted = name === 'bash_completion' ? 'bash-completion' : name;
  return COMMANDS.find((c) => c.name === wanted);
}
